import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDb } from '../../../../main/core/store/db.js';
import type { Db } from '../../../../main/core/store/db.js';
import { startCheckpointer } from '../../../../main/core/store/checkpointer.js';
import { tempDir } from '../../../helpers/temp-dir.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(): { db: Db; file: string; dir: string } {
  const t = tempDir();
  const file = join(t.dir, 'x.db');
  const db = openDb(file);
  db.exec('CREATE TABLE t (v TEXT)');
  cleanup = () => {
    db.close();
    t.cleanup();
  };
  return { db, file, dir: t.dir };
}

const autocheckpoint = (db: Db): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;
const writePages = (db: Db, n: number): void => {
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run('x'.repeat(3000));
  })();
};

describe('checkpointer', () => {
  it('checkpoints the WAL from a worker while the main connection never does', async () => {
    const { db, file } = setup();
    const done: Array<{ log: number; checkpointed: number }> = [];
    const cp = startCheckpointer(db, { intervalMs: 20, onCheckpoint: (r) => done.push(r) });
    expect(autocheckpoint(db)).toBe(0);
    writePages(db, 3000); // ~3,000 WAL pages: past the automatic threshold the main connection no longer has
    await expect.poll(() => done.some((r) => r.log >= 3000 && r.checkpointed === r.log), { timeout: 10_000 }).toBe(true);
    // Checkpointed pages are in the database file itself.
    expect(statSync(file).size).toBeGreaterThan(3000 * 3000);
    await cp.stop();
    expect(autocheckpoint(db)).toBe(1000);
  });

  it('restarts a WAL that grew past the limit, so the next commit writes it from the start', async () => {
    const { db, file } = setup();
    let restarted = false;
    const cp = startCheckpointer(db, { intervalMs: 20, restartFrames: 500, onCheckpoint: (r) => (restarted ||= r.log > 500 && r.checkpointed === r.log) });
    writePages(db, 2000);
    await expect.poll(() => restarted, { timeout: 10_000 }).toBe(true);
    const walBefore = statSync(`${file}-wal`).size;
    writePages(db, 10);
    // The commit started the WAL over (it holds only the new pages) and journal_size_limit cut the file.
    expect((db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!.log).toBeLessThan(100);
    expect(statSync(`${file}-wal`).size).toBeLessThan(walBefore);
    await cp.stop();
  });

  it('gives the main connection its automatic checkpoint back if the worker dies', async () => {
    const { db, dir } = setup();
    const errors: string[] = [];
    startCheckpointer(db, { workerFile: join(dir, 'missing.db'), onError: (m) => errors.push(m) });
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/checkpoint worker/);
    expect(autocheckpoint(db)).toBe(1000);
    await new Promise((r) => setTimeout(r, 200)); // the worker's `exit` follows its `error`
    expect(errors).toHaveLength(1); // the fallback is reported once
  });

  it('hands checkpoints back to the main connection when the worker keeps failing', async () => {
    const { db, dir } = setup();
    const notDb = join(dir, 'not-a-database');
    writeFileSync(notDb, 'this is not a database file '.repeat(200));
    const errors: string[] = [];
    startCheckpointer(db, { workerFile: notDb, intervalMs: 5, onError: (m) => errors.push(m) });
    await expect.poll(() => errors.some((m) => /failed 20 times/.test(m)), { timeout: 10_000 }).toBe(true);
    expect(errors.filter((m) => /^checkpoint failed/.test(m))).toHaveLength(1); // reported once, not every 100 ms
    expect(autocheckpoint(db)).toBe(1000);
  });

  it('never holds the event loop while a reader keeps the WAL from being rewound', async () => {
    const { db, file } = setup();
    const reader = new Database(file, { readonly: true });
    let restarts = 0;
    const cp = startCheckpointer(db, { intervalMs: 10, restartFrames: 100, onCheckpoint: (r) => (restarts += r.log > 100 ? 1 : 0) });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM t').get(); // a snapshot that pins the WAL
      writePages(db, 500);
      let longest = 0;
      let last = Date.now();
      const tick = setInterval(() => {
        longest = Math.max(longest, Date.now() - last);
        last = Date.now();
      }, 5);
      await expect.poll(() => restarts, { timeout: 10_000 }).toBeGreaterThan(3);
      clearInterval(tick);
      // With the main connection's 5 s busy timeout, each RESTART attempt used to block the loop for 5 s.
      expect(longest).toBeLessThan(1000);
    } finally {
      reader.exec('COMMIT');
      reader.close();
      await cp.stop();
    }
  });
});
