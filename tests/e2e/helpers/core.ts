import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const SERVE = join(ROOT, 'dist/main/node/serve.js');

export const CONNECTOR_KEY = 'e2e-connector-key-0123456789abcdef';
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

/** A running headless core (`serve`) on free ports with its own data folder. */
export interface RunningCore {
  readonly dataDir: string;
  /** SCIM base, e.g. http://127.0.0.1:41234/scim/v2 */
  readonly scimUrl: string;
  /** The `Admin UI:` link, with `#token=…`. */
  readonly adminLoginUrl: string;
  /** The admin origin, e.g. http://127.0.0.1:41235 */
  readonly adminOrigin: string;
  stop(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'scimdesk-e2e-'));
}

/** Starts `node dist/main/node/serve.js` and waits for the two URLs it prints. */
export async function startCore(dataDir: string = makeDataDir(), opts: { readonly withConnectorKey?: boolean } = {}): Promise<RunningCore> {
  const key = opts.withConnectorKey === false ? [] : ['--connector-key', CONNECTOR_KEY];
  const args = [SERVE, '--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', ...key, '--admin-token', ADMIN_TOKEN, '--log-level', 'warn'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const urls = await new Promise<{ scimUrl: string; adminLoginUrl: string }>((resolveUrls, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URLs within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const scim = /SCIM base URL: (\S+)/.exec(output)?.[1];
      const admin = /Admin UI: (\S+)/.exec(output)?.[1];
      if (scim && admin) {
        clearTimeout(timer);
        resolveUrls({ scimUrl: scim, adminLoginUrl: admin });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    dataDir,
    ...urls,
    adminOrigin: new URL(urls.adminLoginUrl).origin,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
