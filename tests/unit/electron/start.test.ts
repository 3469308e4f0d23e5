import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseLaunchMode, commandFor, findElectronBinary, PROJECT_ROOT, type FsProbe } from '../../../scripts/start.mjs';

/** A fake file system holding exactly these files. */
const fakeFs = (files: Record<string, string>): FsProbe => ({
  existsSync: (path) => path in files,
  readFileSync: (path) => {
    const content = files[path];
    if (content === undefined) throw new Error(`ENOENT ${path}`);
    return content;
  },
});

const ELECTRON_DIR = join('/repo', 'node_modules', 'electron');
const WITH_BINARY = fakeFs({ [join(ELECTRON_DIR, 'path.txt')]: 'electron', [join(ELECTRON_DIR, 'dist', 'electron')]: '' });

describe('npm start launch decision', () => {
  it('falls back to headless when the electron package has no path.txt (nothing was downloaded)', () => {
    const fs = fakeFs({});
    expect(findElectronBinary('/repo', {}, fs)).toBeUndefined();
    expect(chooseLaunchMode({ root: '/repo', env: { DISPLAY: ':0' }, platform: 'linux', fs })).toEqual({ mode: 'headless', reason: expect.stringContaining('no Electron binary') });
  });

  it('finds the binary on a real file system only once it is there', () => {
    const root = mkdtempSync(join(tmpdir(), 'scimdesk-electron-'));
    try {
      const dir = join(root, 'node_modules', 'electron');
      mkdirSync(join(dir, 'dist'), { recursive: true });
      expect(findElectronBinary(root, {})).toBeUndefined();
      writeFileSync(join(dir, 'path.txt'), 'electron');
      expect(findElectronBinary(root, {})).toBeUndefined();
      writeFileSync(join(dir, 'dist', 'electron'), '');
      expect(findElectronBinary(root, {})).toBe(join(dir, 'dist', 'electron'));
      expect(chooseLaunchMode({ root, env: { DISPLAY: ':0' }, platform: 'linux' })).toEqual({ mode: 'electron', electronPath: join(dir, 'dist', 'electron') });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package', () => {
    const fs = fakeFs({ [join(ELECTRON_DIR, 'path.txt')]: 'electron', [join('/opt/electron', 'electron')]: '' });
    expect(findElectronBinary('/repo', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, fs)).toBe(join('/opt/electron', 'electron'));
    expect(findElectronBinary('/repo', { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, fs)).toBeUndefined();
  });

  it('falls back to headless when path.txt names a missing binary (skipped download)', () => {
    const fs = fakeFs({ [join(ELECTRON_DIR, 'path.txt')]: 'electron' });
    expect(chooseLaunchMode({ root: '/repo', env: { DISPLAY: ':0' }, platform: 'linux', fs }).mode).toBe('headless');
  });

  it('runs Electron on the project root when the binary is installed', () => {
    const decision = chooseLaunchMode({ root: '/repo', env: { DISPLAY: ':0' }, platform: 'linux', fs: WITH_BINARY });
    expect(decision).toEqual({ mode: 'electron', electronPath: join(ELECTRON_DIR, 'dist', 'electron') });
    expect(commandFor(decision, ['--scim-port', '0'], '/repo')).toEqual({
      command: join(ELECTRON_DIR, 'dist', 'electron'),
      args: ['/repo', '--scim-port', '0'],
    });
  });

  it('stays headless on a Linux box without a display, or when forced', () => {
    expect(chooseLaunchMode({ root: '/repo', env: {}, platform: 'linux', fs: WITH_BINARY }).mode).toBe('headless');
    expect(chooseLaunchMode({ root: '/repo', env: { SCIMDESK_HEADLESS: '1' }, platform: 'win32', fs: WITH_BINARY }).mode).toBe('headless');
    expect(chooseLaunchMode({ root: '/repo', env: {}, platform: 'win32', fs: WITH_BINARY }).mode).toBe('electron');
  });

  it('runs node dist/main/node/serve.js with the same arguments when headless', () => {
    expect(commandFor({ mode: 'headless', reason: 'test' }, ['--data-dir', '/d'], '/repo', '/usr/bin/node')).toEqual({
      command: '/usr/bin/node',
      args: [join('/repo', 'dist', 'main', 'node', 'serve.js'), '--data-dir', '/d'],
    });
  });
});

// The machine may or may not have an Electron binary (and a display): the decision is tested above
// with both inputs; here SCIMDESK_HEADLESS=1 takes the headless path on any machine.
describe('npm start headless (needs the build: npm run build)', () => {
  it('serves headless, prints both URLs, and exits 0 on SIGTERM', async () => {
    const serveJs = join(PROJECT_ROOT, 'dist', 'main', 'node', 'serve.js');
    expect(existsSync(serveJs), `${serveJs} is missing: run \`npm run build\` before this test`).toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'scimdesk-start-'));
    const env = { ...process.env, SCIMDESK_HEADLESS: '1' };
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'start.mjs'), '--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => /^SCIM base URL: /m.test(stdout) && /^Admin UI: /m.test(stdout), { timeout: 20_000, interval: 50 })
        .toBe(true);
      expect(stdout).toMatch(/^SCIM base URL: http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/m);
      expect(stdout).toMatch(/^Admin UI: http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/m);
      expect(stderr).toContain('falling back to headless');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
