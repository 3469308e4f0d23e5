import { afterAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fences of README "Architecture", proven by lint: each probe is a real file in the folder it
 * claims to be in (the type-aware rules need it in its TypeScript project), linted, then removed.
 */
const root = new URL('../..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });
const written: string[] = [];
afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
});

async function lint(relPath: string, code: string): Promise<Array<string | null>> {
  const file = join(root, relPath);
  written.push(file);
  writeFileSync(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    const fatal = result?.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${relPath}: ${fatal.message}`);
    return result?.messages.map((m) => m.ruleId) ?? [];
  } finally {
    rmSync(file, { force: true });
  }
}

const BAD_IMPORTS: ReadonlyArray<[string, string]> = [
  ['main/core/fence-probe-express.ts', "import express from 'express';\nexport const e = express;\n"],
  ['main/core/fence-probe-electron.ts', "import { app } from 'electron';\nexport const n = app.getName();\n"],
  ['main/core/fence-probe-http.ts', "import { createServer } from 'node:http';\nexport const s = createServer;\n"],
  ['main/core/fence-probe-listener.ts', "import { createScimApp } from '../http/create-scim-app.js';\nexport const a = createScimApp;\n"],
  ['main/core/fence-probe-startup.ts', "import { startCore } from '../node/start-core.js';\nexport const s = startCore;\n"],
  ['main/core/store/fence-probe-usecase.ts', "import { createUsersService } from '../provisioning/users-service.js';\nexport const u = createUsersService;\n"],
  ['main/http/fence-probe-electron.ts', "import { app } from 'electron';\nexport const n = app.getName();\n"],
  ['renderer/src/fence-probe-main.ts', "import { createCore } from '../../main/core/create-core.js';\nexport const c = createCore;\n"],
  ['shared/fence-probe-node.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
  ['renderer/src/fence-probe-node.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
];

describe('lint fences', () => {
  it.each(BAD_IMPORTS)('rejects the import in %s', async (file, code) => {
    expect(await lint(file, code)).toContain('no-restricted-imports');
  }, 120_000);

  it('allows electron in main/electron and the store in use cases', async () => {
    expect(await lint('main/electron/fence-probe.ts', "import { app } from 'electron';\nexport const n = app.getName();\n")).not.toContain('no-restricted-imports');
    expect(await lint('main/core/provisioning/fence-probe.ts', "import { createStore } from '../store/store.js';\nexport const s = createStore;\n")).not.toContain('no-restricted-imports');
  }, 120_000);

  it('rejects a floating promise (type-aware)', async () => {
    const code = 'async function work(): Promise<number> {\n  return 1;\n}\nexport function run(): void {\n  work();\n}\n';
    expect(await lint('main/core/fence-probe-promise.ts', code)).toContain('@typescript-eslint/no-floating-promises');
    expect(await lint('main/core/fence-probe-promise-ok.ts', code.replace('  work();', '  void work();'))).not.toContain('@typescript-eslint/no-floating-promises');
  }, 120_000);

  it('rejects a hook called conditionally and a missing effect dependency', async () => {
    const conditional = "import { useState } from 'react';\nexport function P({ on }: { readonly on: boolean }) {\n  if (on) {\n    const [v] = useState(0);\n    return v;\n  }\n  return null;\n}\n";
    expect(await lint('renderer/src/fence-probe-hooks.tsx', conditional)).toContain('react-hooks/rules-of-hooks');
    const deps = "import { useEffect } from 'react';\nexport function P({ id }: { readonly id: string }) {\n  useEffect(() => {\n    document.title = id;\n  }, []);\n  return null;\n}\n";
    expect(await lint('renderer/src/fence-probe-deps.tsx', deps)).toContain('react-hooks/exhaustive-deps');
  }, 120_000);
});
