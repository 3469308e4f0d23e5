import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';

// The compiled preload (tsc -b builds it): sandboxed preloads must be CommonJS and may require only
// 'electron', so this checks the build output, run in a bare VM context with a fake 'electron'.
const PRELOAD = fileURLToPath(new URL('../../../dist/main/electron/preload.cjs', import.meta.url));

interface Exposed {
  key: string;
  api: Record<string, (arg?: unknown) => Promise<unknown>>;
}

function loadPreload(): { exposed: Exposed[]; invoked: Array<[string, unknown]>; required: string[] } {
  const exposed: Exposed[] = [];
  const invoked: Array<[string, unknown]> = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Exposed['api']) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: (channel: string, arg: unknown) => {
        invoked.push([channel, arg]);
        return Promise.resolve(undefined);
      },
    },
  };
  const module = { exports: {} };
  const require = (id: string): unknown => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  runInNewContext(readFileSync(PRELOAD, 'utf8'), { require, module, exports: module.exports });
  return { exposed, invoked, required };
}

describe('compiled preload (needs the build: npm run build)', () => {
  it('is CommonJS that requires only electron', () => {
    expect(existsSync(PRELOAD), `${PRELOAD} is missing: run \`npm run build\` first`).toBe(true);
    const code = readFileSync(PRELOAD, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(loadPreload().required).toEqual(['electron']);
  });

  it('exposes exactly the CompanionBridge as window.companion, over companion: channels', async () => {
    const { exposed, invoked } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['companion']);
    const api = exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual(['getAdminSession', 'getLaunchAtLogin', 'openDataFolder', 'openExternal', 'setLaunchAtLogin']);
    await api.openDataFolder?.();
    await api.getLaunchAtLogin?.();
    await api.setLaunchAtLogin?.(true);
    await api.getAdminSession?.();
    await api.openExternal?.('https://example.com/');
    expect(invoked).toEqual([
      ['companion:open-data-folder', undefined],
      ['companion:get-launch-at-login', undefined],
      ['companion:set-launch-at-login', true],
      ['companion:get-admin-session', undefined],
      ['companion:open-external', 'https://example.com/'],
    ]);
  });
});
