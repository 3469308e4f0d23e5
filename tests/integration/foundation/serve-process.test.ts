import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/temp-dir.js';

const SERVE = join(import.meta.dirname, '../../../dist/main/node/serve.js');

/** Spawn the built `serve`, resolve once both URL lines are printed. */
function spawnServe(args: string[]) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const urls = new Promise<{ scim: string; admin: string }>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const scim = /^SCIM base URL: (\S+)$/m.exec(out)?.[1];
      const admin = /^Admin UI: (\S+)$/m.exec(out)?.[1];
      if (scim && admin) ok({ scim, admin });
    });
    child.on('exit', (code) => fail(new Error(`serve exited early (${code}): ${out}`)));
  });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, urls, exited };
}

describe('npm run serve (built)', () => {
  it('prints both URLs, serves a request, and exits cleanly on SIGTERM with an intact database', async () => {
    const t = tempDir();
    try {
      const key = 'serve-test-key-0123456789abcdef';
      const s = spawnServe(['--data-dir', t.dir, '--scim-port', '0', '--admin-port', '0', '--connector-key', key, '--log-level', 'warn']);
      const { scim, admin } = await s.urls;
      expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const created = await fetch(`${scim}/Users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'serve.test@example.com' }),
      });
      expect(created.status).toBe(201);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      const db = new Database(join(t.dir, 'scim-desk.db'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT user_name FROM members').pluck().all()).toEqual(['serve.test@example.com']);
      db.close();
    } finally {
      t.cleanup();
    }
  });

  it('refuses an unknown option with a readable message and exit code 1', async () => {
    const s = spawnServe(['--no-such-flag', 'x']);
    s.urls.catch(() => undefined);
    expect(await s.exited).toBe(1);
  });
});
