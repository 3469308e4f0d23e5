import { closeSync, fsync, openSync } from 'node:fs';

/**
 * Group commit for a WAL database opened with `synchronous = NORMAL`.
 *
 * NORMAL makes each COMMIT only write() the WAL; it would fsync at checkpoints only, so a power
 * cut could lose the last commits. Instead of FULL (an fsync inside every COMMIT, on the event
 * loop: the CPU profile of an Entra-style cycle showed 40 % of server time blocked there), each
 * write request awaits {@link GroupCommit.sync} before it answers: one fsync of the WAL file on the
 * libuv thread pool covers every commit made before it started, so concurrent requests share it
 * and the event loop keeps serving. An acknowledged write is therefore on disk, as with FULL.
 */
export interface GroupCommit {
  /** Resolves once every commit made before this call is on stable storage. */
  sync(): Promise<void>;
  close(): void;
}

/**
 * @param onFailure called once when an fsync fails. After a failed fsync Linux may have dropped the
 * unwritten pages, so a later fsync that succeeds would acknowledge commits that are not on disk
 * ("fsyncgate"): from then on every sync() rejects, and the owner should restart the process so
 * SQLite recovers from the WAL.
 */
export function createGroupCommit(
  walFile: string,
  onFailure: (err: Error) => void = () => undefined,
  /** Injectable for tests (simulating a failing disk); defaults to fs.fsync. */
  fsyncFn: typeof fsync = fsync,
): GroupCommit {
  // 'a' keeps the file as is (never truncates) and creates it if SQLite has not yet.
  const fd = openSync(walFile, 'a');
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let isClosed = false;
  let failure: Error | undefined;

  const fsyncOnce = (): Promise<void> =>
    new Promise((ok, fail) => {
      if (failure) return fail(failure);
      fsyncFn(fd, (err) => {
        if (!err) return ok();
        const first = failure === undefined;
        failure = new Error(`fsync of ${walFile} failed; restart SCIM Desk so SQLite recovers from its WAL`, { cause: err });
        if (first) onFailure(failure);
        fail(failure);
      });
    });

  function start(): Promise<void> {
    const p = fsyncOnce().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  }

  return {
    sync() {
      if (failure) return Promise.reject(failure);
      if (isClosed) return Promise.resolve();
      if (!running) return start();
      // An fsync is in flight but may have started before our commit: wait for the next one,
      // which all callers arriving meanwhile share.
      queued ??= running.then(
        () => {
          queued = undefined;
          return start();
        },
        () => {
          queued = undefined;
          return start();
        },
      );
      return queued;
    },
    close() {
      isClosed = true;
      // An fsync still in flight (the last batch, committed at shutdown) keeps the descriptor
      // until it is done: closing under it would fail it and report a storage failure.
      const pending = queued ?? running;
      if (!pending) return closeSync(fd);
      pending.then(
        () => closeSync(fd),
        () => closeSync(fd),
      );
    },
  };
}
