import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const lint = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]?.messages ?? [];

describe('lint import fences', () => {
  it('rejects an electron import from main/core', async () => {
    const messages = await lint('main/core/fence-probe.ts', "import { app } from 'electron';\nexport const n = app.getName();\n");
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('rejects node built-ins in shared/ and the renderer', async () => {
    for (const file of ['shared/fence-probe.ts', 'renderer/src/fence-probe.ts']) {
      const messages = await lint(file, "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
      expect(messages.map((m) => m.ruleId), file).toContain('no-restricted-imports');
    }
  });

  it('allows electron in main/electron', async () => {
    const messages = await lint('main/electron/fence-probe.ts', "import { app } from 'electron';\nexport const n = app.getName();\n");
    expect(messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
