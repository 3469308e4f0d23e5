import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { requireBuiltServe, SERVE } from '../reliability/harness.js';

/** A running `serve` (the built CLI) with what its output says. */
export interface Served {
  readonly scimUrl: string;
  readonly adminOrigin: string;
  readonly adminToken: string;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  /** An admin API call with the admin token. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export const ADMIN_TOKEN = 'ops-admin-token-0123456789abcdef';
export const CONNECTOR_KEY = 'ops-connector-key-0123456789abcdef';

/** Spawn `node dist/main/node/serve.js` with `args` (plus free ports and fixed tokens) and extra environment. */
export async function startServe(dataDir: string, args: ReadonlyArray<string> = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  requireBuiltServe();
  const all = ['--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', CONNECTOR_KEY, '--admin-token', ADMIN_TOKEN, '--log-level', 'info', ...args];
  const child = spawn(process.execPath, [SERVE, ...all], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const urls = await new Promise<{ scimUrl: string; adminOrigin: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve printed no URLs within 20 s:\n${out}`)), 20_000);
    const look = (): void => {
      const scim = /^SCIM base URL: (\S+)$/m.exec(out)?.[1];
      const adminUi = /^Admin UI: (\S+)$/m.exec(out)?.[1];
      if (scim && adminUi) {
        clearTimeout(timer);
        ok({ scimUrl: scim, adminOrigin: new URL(adminUi).origin });
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`serve exited before it was ready:\n${out}`));
    });
  });
  return {
    ...urls,
    adminToken: ADMIN_TOKEN,
    child,
    output: () => out,
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${urls.adminOrigin}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
