import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

/**
 * WAL checkpoints on a worker thread instead of inside a COMMIT on the event loop.
 *
 * SQLite's automatic checkpoint runs in whichever COMMIT pushes the WAL past 1,000 pages: it copies
 * those pages into the database file and fsyncs twice, and the request that committed (and every
 * request queued behind it) waits. Measured on an Entra-style cycle, that was half of all COMMIT
 * time. Here a worker with its own connection runs a PASSIVE checkpoint every {@link INTERVAL_MS}:
 * it takes no lock a writer needs, so the SCIM write path never waits for it and never gets
 * SQLITE_BUSY from it. The main connection's automatic checkpoint is off.
 *
 * A PASSIVE checkpoint cannot rewind the WAL while commits keep arriving, so during a long sync the
 * WAL would only grow. When the worker reports more than {@link RESTART_FRAMES} pages, the main
 * connection itself runs a RESTART checkpoint between transactions: the worker has already copied
 * nearly all pages, so it only finishes the rest, and the next commit starts the WAL from the
 * beginning (`journal_size_limit` trims the file). The writer checkpointing for itself cannot
 * conflict with its own writes (a RESTART from the worker made concurrent BEGIN IMMEDIATEs fail
 * with SQLITE_BUSY under load).
 *
 * If the worker fails, the main connection gets its automatic checkpoint back, so the WAL never
 * grows without bound.
 */
export interface Checkpointer {
  /** Stop the worker (before the main connection's final checkpoint and close). */
  stop(): Promise<void>;
}

const INTERVAL_MS = 100;
const RESTART_FRAMES = 16_384; // 64 MiB of 4 KiB pages
const DEFAULT_AUTOCHECKPOINT = 1000;
/** Consecutive failed checkpoints (at 100 ms each) before the main connection takes over. */
const MAX_FAILURES = 20;
/** Wait this long before trying RESTART again after a reader held the WAL. */
const RESTART_BACKOFF_MS = 5000;

// Plain CommonJS evaluated in the worker, so the same code runs from the TypeScript sources (tests)
// and from the build. The driver path is resolved by the main thread and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 2000');
const timer = setInterval(() => {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ type: 'checkpoint', busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  /** Told about a failed checkpoint or a dead worker (the main connection then checkpoints itself). */
  readonly onError?: (message: string) => void;
  /** Every completed checkpoint (tests). */
  readonly onCheckpoint?: (r: { busy: number; log: number; checkpointed: number }) => void;
  readonly intervalMs?: number;
  readonly restartFrames?: number;
  /** The file the worker opens (default: the connection's); tests point it elsewhere to make the worker fail. */
  readonly workerFile?: string;
}

export function startCheckpointer(db: Db, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const restartFrames = opts.restartFrames ?? RESTART_FRAMES;
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${restartFrames * 4096}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: opts.workerFile ?? db.name, intervalMs: opts.intervalMs ?? INTERVAL_MS },
  });
  worker.unref();
  let isStopping = false;
  let hasFallenBack = false;
  /** Once: a crashing worker reports both `error` and `exit`. */
  const fallBack = (message: string): void => {
    if (hasFallenBack) return;
    hasFallenBack = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    opts.onError?.(message);
  };
  let failures = 0;
  let restartAfter = 0;
  worker.on('message', (m: { type: string; message?: string; busy: number; log: number; checkpointed: number }) => {
    if (m.type === 'error') {
      // Reported once; a worker that keeps failing hands checkpoints back to the main connection.
      if (++failures === 1) opts.onError?.(`checkpoint failed: ${m.message ?? 'unknown error'}`);
      if (failures === MAX_FAILURES && !isStopping) {
        isStopping = true;
        void worker.terminate();
        fallBack(`checkpoint worker failed ${MAX_FAILURES} times in a row; SQLite checkpoints automatically again`);
      }
      return;
    }
    failures = 0;
    opts.onCheckpoint?.({ busy: m.busy, log: m.log, checkpointed: m.checkpointed });
    // Rewind a WAL grown past the limit; inside an open write batch it waits for the next report.
    if (m.log > restartFrames && db.open && !db.inTransaction && Date.now() >= restartAfter) restart();
  });
  /**
   * RESTART waits for readers of the WAL (an online backup, say): it must not wait on the event
   * loop, so it runs without a busy timeout and, when a reader holds the WAL, backs off.
   */
  function restart(): void {
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      const r = (db.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number }>)[0];
      if (r?.busy) restartAfter = Date.now() + RESTART_BACKOFF_MS;
    } catch (err) {
      restartAfter = Date.now() + RESTART_BACKOFF_MS;
      opts.onError?.(`RESTART checkpoint: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
  }
  worker.on('error', (err) => fallBack(`checkpoint worker failed: ${err.message}`));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!isStopping) fallBack(`checkpoint worker exited (code ${code})`);
      resolve();
    }),
  );
  return {
    async stop() {
      if (isStopping) return exited;
      isStopping = true;
      worker.ref(); // unref'd while running; keep the process alive until it has closed its connection
      worker.postMessage('stop');
      await exited;
      if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    },
  };
}
