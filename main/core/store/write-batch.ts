import type { Db } from './db.js';

/**
 * Batched commit for the SCIM write path: the writes of every request handled in one turn of the
 * event loop share one SQLite transaction, committed in `setImmediate` (right after Node has run
 * the I/O callbacks of that turn). Each request still runs in its own savepoint (better-sqlite3
 * nests `db.transaction` as SAVEPOINT inside an open transaction), so a refused request rolls back
 * only its own work.
 *
 * Why: with an IdP at concurrency 16, several writes arrive per turn. Committed one by one, each
 * COMMIT rewrote the same hot pages (the log table's last page and the right edge of its indexes,
 * the history table, sqlite_sequence): about 16 WAL pages per PATCH. Shared by a batch of 8 it is
 * about 5, and a PATCH costs 390 µs of server time instead of 690 µs (in-process measurement).
 *
 * Durability is unchanged: a request answers only after {@link WriteBatch.durable} resolves, i.e.
 * after its batch's COMMIT and an fsync of the WAL that started after it (group-commit.ts). If the
 * COMMIT fails (disk full, I/O error) or SQLite rolled the whole transaction back on an error, the
 * batch is rolled back and every request in it gets the error: none of them was acknowledged.
 *
 * Reads made outside a write call {@link WriteBatch.settle} first (unit-of-work.ts does it for
 * every repository read), so a read never sees a batch that could still roll back.
 */
export interface WriteBatch {
  /** Run `fn` inside the open batch (opening one if needed). Use `db.transaction` inside for a savepoint. */
  run<T>(fn: () => T): T;
  /** Run `fn` once the batch holding the writes so far is committed (at once if none is open). */
  afterCommit(fn: () => void): void;
  /** Resolves once everything run so far is committed and on stable storage; rejects if its batch failed. */
  durable(): Promise<void>;
  /** Commit the open batch now. Its requests still await their fsync through {@link durable}. */
  flush(): void;
  /** Commit the open batch unless a write is running right now (then its reads see its own work). */
  settle(): void;
}

interface Batch {
  readonly done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
  readonly after: Array<() => void>;
  isBroken: boolean;
}

/**
 * @param sync resolves once commits made so far are on disk (group commit); none for `:memory:`.
 * @param onRollback called after a batch was rolled back as a whole, so in-memory caches that may
 * have seen its uncommitted writes are dropped.
 */
export function createWriteBatch(db: Db, sync: () => Promise<void>, onRollback: () => void = () => undefined): WriteBatch {
  let open: Batch | undefined;
  /** How many `run` calls are on the stack: reads inside one belong to the write in progress. */
  let depth = 0;

  function begin(): Batch {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    // A batch nobody awaits (a refused request, say) must not become an unhandled rejection.
    done.catch(() => undefined);
    db.exec('BEGIN IMMEDIATE');
    const b: Batch = { done, resolve, reject, after: [], isBroken: false };
    open = b;
    setImmediate(() => commit(b));
    return b;
  }

  function commit(b: Batch): void {
    if (open !== b) return; // flushed already
    open = undefined;
    try {
      if (b.isBroken || !db.inTransaction) throw new Error('The write batch was rolled back by SQLite after an error; nothing in it was committed.');
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      b.reject(err);
      onRollback();
      return;
    }
    for (const fn of b.after) fn();
    sync().then(b.resolve, b.reject);
  }

  return {
    run(fn) {
      // SQLite ends the transaction itself after some errors (SQLITE_FULL, IOERR): that batch has
      // failed, and this request starts a new one.
      if (open && !db.inTransaction) {
        open.isBroken = true;
        commit(open);
      }
      if (!open) begin();
      depth++;
      try {
        return fn();
      } finally {
        depth--;
      }
    },
    afterCommit(fn) {
      if (open) open.after.push(fn);
      else fn();
    },
    durable() {
      return open ? open.done : sync();
    },
    flush() {
      if (open) commit(open);
    },
    settle() {
      if (open && depth === 0) commit(open);
    },
  };
}
