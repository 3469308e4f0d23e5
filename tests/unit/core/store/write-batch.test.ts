import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../../../main/core/store/db.js';
import type { Db } from '../../../../main/core/store/db.js';
import { createWriteBatch } from '../../../../main/core/store/write-batch.js';
import { tempDir } from '../../../helpers/temp-dir.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The store on a temp file, a second connection to see what is committed, and a write batch. */
function setup() {
  const t = tempDir();
  const file = join(t.dir, 'x.db');
  const db: Db = openDb(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE, p INTEGER REFERENCES t(id))');
  const other = new Database(file, { readonly: true });
  const syncs: number[] = [];
  const rollbacks: number[] = [];
  const batch = createWriteBatch(db, async () => void syncs.push(Date.now()), () => void rollbacks.push(1));
  cleanup = () => {
    other.close();
    db.close();
    t.cleanup();
  };
  const insert = (v: string) => db.transaction(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(v))();
  const committed = () => (other.prepare('SELECT v FROM t ORDER BY v').pluck().all() as string[]);
  return { db, batch, insert, committed, syncs, rollbacks };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('write batch', () => {
  it('commits the writes of one event-loop turn together, then makes them durable', async () => {
    const { batch, insert, committed, syncs } = setup();
    batch.run(() => insert('a'));
    batch.run(() => insert('b'));
    const durable = batch.durable();
    expect(committed()).toEqual([]); // not yet committed: nobody may answer yet
    await durable;
    expect(committed()).toEqual(['a', 'b']);
    expect(syncs).toHaveLength(1); // one fsync for the batch, after its COMMIT

    batch.run(() => insert('c'));
    await batch.durable();
    expect(committed()).toEqual(['a', 'b', 'c']);
    expect(syncs).toHaveLength(2);
  });

  it('rolls back a failed request alone; the rest of its batch commits', async () => {
    const { batch, insert, committed } = setup();
    batch.run(() => insert('a'));
    expect(() => batch.run(() => insert('a'))).toThrow(/UNIQUE/);
    batch.run(() => insert('b'));
    await batch.durable();
    expect(committed()).toEqual(['a', 'b']);
  });

  it('keeps savepoint journals in memory; a request far larger than the 64 KiB spill size still rolls back alone', async () => {
    const { db, batch, insert, committed } = setup();
    // On disk, each savepoint's journal went to a temp file created and unlinked per batch.
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    batch.run(() => insert('a'));
    expect(() =>
      batch.run(() =>
        db.transaction(() => {
          for (let i = 0; i < 2000; i++) insert(`big-${i}-${'x'.repeat(500)}`);
          insert('a'); // UNIQUE: the whole request fails
        })(),
      ),
    ).toThrow(/UNIQUE/);
    batch.run(() => insert('b'));
    batch.flush();
    await batch.durable();
    expect(committed()).toEqual(['a', 'b']);
  });

  it('fails every request of a batch whose COMMIT fails, and commits nothing of it', async () => {
    const { db, batch, insert, committed, rollbacks } = setup();
    db.pragma('foreign_keys = ON');
    db.pragma('defer_foreign_keys = ON'); // checked at COMMIT: a way to make the COMMIT itself fail
    batch.run(() => insert('a'));
    batch.run(() => db.prepare('INSERT INTO t (v, p) VALUES (?, ?)').run('orphan', 999));
    const events: string[] = [];
    batch.afterCommit(() => events.push('committed'));
    await expect(batch.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(events).toEqual([]); // nothing announced for a batch that never committed
    expect(rollbacks).toHaveLength(1);

    // The next turn starts a fresh batch.
    batch.run(() => insert('b'));
    await batch.durable();
    expect(committed()).toEqual(['b']);
  });

  it('fails a batch SQLite rolled back on its own, and starts a new one for the next request', async () => {
    const { db, batch, insert, committed } = setup();
    batch.run(() => insert('a'));
    const first = batch.durable();
    db.exec('ROLLBACK'); // what SQLite does itself after SQLITE_FULL or an I/O error
    batch.run(() => insert('b'));
    const second = batch.durable();
    await expect(first).rejects.toThrow(/rolled back/);
    await second;
    expect(committed()).toEqual(['b']);
  });

  it('runs afterCommit callbacks after the COMMIT, and at once when no batch is open', async () => {
    const { batch, insert, committed } = setup();
    const seen: string[][] = [];
    batch.afterCommit(() => seen.push(['idle']));
    batch.run(() => insert('a'));
    batch.afterCommit(() => seen.push(committed()));
    expect(seen).toEqual([['idle']]);
    await turn();
    expect(seen).toEqual([['idle'], ['a']]);
  });

  it('flush commits the open batch at once, so a following write is its own transaction', async () => {
    const { db, batch, insert, committed } = setup();
    batch.run(() => insert('a'));
    const durable = batch.durable();
    batch.flush();
    expect(committed()).toEqual(['a']);
    expect(db.inTransaction).toBe(false);
    insert('admin'); // an admin edit, committed by its own transaction
    expect(committed()).toEqual(['a', 'admin']);
    await durable;
  });
});
