/**
 * Runs the core as an Electron utilityProcess: the same `serve.js` entry the headless service
 * runs (one start-up path), kept off the main process so synchronous better-sqlite3 queries never
 * freeze the window. Supervision (ready handshake, back-off, giving up) lives in supervisor.ts.
 */
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createSupervisor, type CoreHandle, type Supervisor, type SupervisorLog } from './supervisor.js';
import { redactCoreOutput } from './rotating-log.js';

/** dist/main/node/serve.js, next to this file's dist/main/electron/ folder (inside app.asar when packaged). */
export function servePath(): string {
  return fileURLToPath(new URL('../node/serve.js', import.meta.url));
}

export interface CoreProcessOptions {
  /** argv for serve.js (see core-args.ts). */
  readonly args: ReadonlyArray<string>;
  readonly log: SupervisorLog;
  /** Receives each line of the core's stdout/stderr (already redacted) for the log file. */
  readonly onOutputLine: (stream: 'stdout' | 'stderr', line: string) => void;
}

function pipeLines(stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr', sink: CoreProcessOptions['onOutputLine']): void {
  if (stream === null) return;
  createInterface({ input: stream as Readable, crlfDelay: Infinity }).on('line', (line) => sink(name, redactCoreOutput(line)));
}

/** Fork one core process and adapt it to the supervisor's CoreHandle. */
export function forkCore(options: CoreProcessOptions): CoreHandle {
  const child = utilityProcess.fork(servePath(), [...options.args], {
    serviceName: 'SCIM Desk core',
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
  });
  pipeLines(child.stdout, 'stdout', options.onOutputLine);
  pipeLines(child.stderr, 'stderr', options.onOutputLine);
  child.on('error', (type, location) => options.log.error({ type, location }, 'core process reported a fatal error'));
  return {
    get pid() {
      return child.pid;
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener({ code, signal: null })),
    terminate: () => {
      // POSIX: kill() sends SIGTERM, which serve.js handles gracefully. Windows has no SIGTERM, so
      // ask over the parent port first; the supervisor falls back to kill() after its stop timeout.
      if (process.platform === 'win32') child.postMessage({ type: 'shutdown' });
      else child.kill();
    },
    kill: () => {
      const pid = child.pid;
      if (pid !== undefined && process.platform !== 'win32') {
        try {
          process.kill(pid, 'SIGKILL');
          return;
        } catch {
          // already gone (ESRCH): fall through to Electron's kill, which is a no-op then
        }
      }
      child.kill();
    },
  };
}

/** The supervisor for the desktop app's core, with production timings. */
export function createCoreSupervisor(options: CoreProcessOptions): Supervisor {
  return createSupervisor({
    spawn: () => forkCore(options),
    log: options.log,
    readyTimeoutMs: 60_000, // first start migrates the database; slow disks on old laptops
    backoff: { initialMs: 1_000, maxMs: 30_000 },
    maxConsecutiveFailures: 5,
    stableAfterMs: 60_000,
    stopTimeoutMs: 10_000,
  });
}
