import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/temp-dir.js';
import { SERVE, requireBuiltServe, spawnServe } from './harness.js';
import type { ServeProcess } from './harness.js';

/**
 * Online backup and restore (issue #8): `serve backup --to FILE --data-dir DIR` while `serve` runs and
 * is being written to makes a consistent copy; restoring it (stop, replace scim-desk.db, delete
 * -wal/-shm, start) brings back exactly that state. The README documents the same steps.
 */

const KEY = 'backup-test-key-0123456789abcdef01';
const run = promisify(execFile);
const t = tempDir('scimdesk-backup-');
const dataDir = join(t.dir, 'data');
const dbFile = join(dataDir, 'scim-desk.db');
let serve: ServeProcess | undefined;

beforeAll(() => requireBuiltServe());
afterAll(async () => {
  if (serve && serve.child.exitCode === null && serve.child.signalCode === null) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  t.cleanup();
});

const start = (): ServeProcess => spawnServe(['--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', KEY, '--log-level', 'warn']);
const create = (base: string, userName: string) =>
  fetch(`${base}/Users`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' }, body: JSON.stringify({ userName, title: 't' }) });
const backup = (to: string) => run(process.execPath, [SERVE, 'backup', '--to', to, '--data-dir', dataDir]);

async function userNames(base: string): Promise<string[]> {
  const res = await fetch(`${base}/Users?count=1000&attributes=userName`, { headers: { Authorization: `Bearer ${KEY}` } });
  return ((await res.json()) as { Resources: Array<{ userName: string }> }).Resources.map((r) => r.userName).sort();
}

describe('serve backup', () => {
  it('copies a live, busy database consistently, and a restore brings back exactly that state', { timeout: 90_000 }, async () => {
    serve = start();
    const base = await serve.ready;
    const before: string[] = [];
    for (let i = 0; i < 30; i++) {
      const u = `before${i}@backup.example.com`;
      expect((await create(base, u)).status).toBe(201);
      before.push(u);
    }

    // Keep writing (4 at a time) while two backups run.
    let isWriting = true;
    const during: string[] = [];
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; isWriting; i++) {
        const u = `during.w${w}.${i}@backup.example.com`;
        expect((await create(base, u)).status).toBe(201);
        during.push(u);
      }
    });
    mkdirSync(join(t.dir, 'copies'));
    const file = join(t.dir, 'copies', 'scim-desk-backup.db');
    const out = await backup(file);
    expect(out.stdout).toContain(`Backup written to ${file}`);
    // A second backup over the first replaces it atomically.
    await backup(file);
    isWriting = false;
    await Promise.all(writers);
    expect(during.length).toBeGreaterThan(0);

    const copy = new Database(file, { readonly: true });
    let inCopy: string[];
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      inCopy = (copy.prepare('SELECT user_name FROM members ORDER BY user_name').pluck().all() as string[]).sort();
      for (const u of before) expect(inCopy).toContain(u);
      // One snapshot: every member in the copy comes with the log row of its create (same transaction).
      const orphans = copy.prepare("SELECT count(*) FROM members m WHERE NOT EXISTS (SELECT 1 FROM provisioning_log l WHERE l.member_id = m.id AND l.operation = 'create')").pluck().get();
      expect(orphans).toBe(0);
      expect(copy.prepare('SELECT count(*) FROM connector_keys').pluck().get()).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(t.dir, 'copies'))).toEqual(['scim-desk-backup.db']); // no temp file or journal left behind

    // Written after the backup: must be gone after the restore.
    expect((await create(base, 'after.backup@example.com')).status).toBe(201);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);

    // Restore as documented: stop, replace scim-desk.db, delete -wal/-shm, start.
    copyFileSync(file, dbFile);
    rmSync(`${dbFile}-wal`, { force: true });
    rmSync(`${dbFile}-shm`, { force: true });
    serve = start();
    const restored = await serve.ready;
    expect(await userNames(restored)).toEqual(inCopy);
    expect(await userNames(restored)).not.toContain('after.backup@example.com');
    expect((await create(restored, 'after.restore@example.com')).status).toBe(201);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses to overwrite the live database and explains its usage', async () => {
    await expect(backup(dbFile)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/must not overwrite the live database/) });
    await expect(run(process.execPath, [SERVE, 'backup', '--data-dir', dataDir])).rejects.toMatchObject({ stderr: expect.stringMatching(/Usage: serve backup --to FILE/) });
    await expect(run(process.execPath, [SERVE, 'backup', '--to', join(t.dir, 'x.db'), '--data-dir', join(t.dir, 'nowhere')])).rejects.toMatchObject({
      stderr: expect.stringMatching(/No SCIM Desk database/),
    });
  });
});
