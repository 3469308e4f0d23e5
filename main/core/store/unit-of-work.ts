import type { Db } from './db.js';
import type { WriteBatch } from './write-batch.js';

/**
 * How every repository touches the database, so "commit before read" and "answer when durable"
 * are mechanisms rather than calls to remember:
 * - {@link UnitOfWork.write} runs a change as one savepoint of the current event-loop turn's write
 *   batch (write-batch.ts). A failure rolls back that change alone. The caller answers only after
 *   {@link UnitOfWork.durable}.
 * - {@link UnitOfWork.beforeRead} is called by every repository read. Outside a write it commits
 *   the open batch first, so a read that starts after an `await` (an export resuming after a drain,
 *   the SSE push, a request in a later turn) never sees rows that could still roll back.
 */
export interface UnitOfWork {
  write<T>(fn: () => T): T;
  beforeRead(): void;
  /** Run `fn` once the writes so far are committed (at once when none is open). */
  afterCommit(fn: () => void): void;
  /** Resolves once every write so far is committed and on stable storage; rejects if its batch failed. */
  durable(): Promise<void>;
  /** Commit the open batch now (shutdown). */
  flush(): void;
}

export function createUnitOfWork(db: Db, batch: WriteBatch): UnitOfWork {
  return {
    write: (fn) => batch.run(() => db.transaction(fn)()),
    beforeRead: () => batch.settle(),
    afterCommit: (fn) => batch.afterCommit(fn),
    durable: () => batch.durable(),
    flush: () => batch.flush(),
  };
}
