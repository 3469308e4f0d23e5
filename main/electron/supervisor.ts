/**
 * Keeps the core process alive: spawn it, wait for its `ready` message, restart it with exponential
 * back-off when it dies, give up after repeated consecutive failures, and stop it gracefully on
 * quit. Electron-free on purpose: core-process.ts passes a `spawn` that wraps
 * `utilityProcess.fork`, unit tests pass one that wraps `child_process.fork` of a fixture script.
 */
import { z } from 'zod';

/** The handshake the core sends once both listeners are up (see main/node/serve.ts). */
export const CoreReadySchema = z.object({
  type: z.literal('ready'),
  scimUrl: z.string().min(1),
  adminUrl: z.string().min(1),
  adminToken: z.string().min(1),
});
export type CoreReady = z.infer<typeof CoreReadySchema>;

/** How a core process ended. `signal` is null where the runtime reports only a code (utilityProcess). */
export interface CoreExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** The supervisor's view of one running core process, whatever spawned it. */
export interface CoreHandle {
  readonly pid: number | undefined;
  onMessage(listener: (message: unknown) => void): void;
  /** Must fire exactly once, when the process has ended. */
  onExit(listener: (exit: CoreExit) => void): void;
  /** Ask for a graceful shutdown (SIGTERM, or a shutdown message where signals are not graceful). */
  terminate(): void;
  /** Last resort when the core ignores `terminate` or never becomes ready. */
  kill(): void;
}

/** Starts one core process. May throw; a throw counts as a failed start. */
export type SpawnCore = () => CoreHandle;

/** Minimal structured logger (a pino logger fits). */
export interface SupervisorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type SupervisorState =
  | { readonly status: 'idle' }
  | { readonly status: 'starting'; readonly pid: number | undefined; readonly failures: number }
  | { readonly status: 'ready'; readonly pid: number | undefined; readonly ready: CoreReady }
  | { readonly status: 'backing-off'; readonly failures: number; readonly delayMs: number; readonly reason: string }
  | { readonly status: 'failed'; readonly failures: number; readonly reason: string }
  | { readonly status: 'stopping' }
  | { readonly status: 'stopped' };

export interface SupervisorOptions {
  readonly spawn: SpawnCore;
  /** A core that has not sent `ready` within this time is killed and counted as a failure. Default 30 s. */
  readonly readyTimeoutMs?: number;
  /** Delay before restart n (1-based) is `min(maxMs, initialMs * 2^(n-1))`. Default 1 s … 30 s. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Give up after this many failures in a row. Default 5. */
  readonly maxConsecutiveFailures?: number;
  /** A core that stayed ready this long before dying resets the failure count. Default 60 s. */
  readonly stableAfterMs?: number;
  /** How long `stop()` waits after `terminate()` before `kill()`. Default 10 s. */
  readonly stopTimeoutMs?: number;
  readonly log?: SupervisorLog;
  readonly now?: () => number;
}

export interface Supervisor {
  /** Spawn the core (from idle, stopped or failed). No-op while running. */
  start(): void;
  /** Graceful stop: terminate, wait for exit (kill after the timeout), no restart. */
  stop(): Promise<void>;
  state(): SupervisorState;
  /** Resolves with the next (or current) ready message; rejects if the supervisor gives up or stops first. */
  waitForReady(): Promise<CoreReady>;
  /** Listen to state changes; returns the unsubscribe function. */
  subscribe(listener: (state: SupervisorState) => void): () => void;
}

const NOOP_LOG: SupervisorLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A human-readable exit reason for logs, the tray and the error dialog. */
export function describeExit(exit: CoreExit, wasReady: boolean): string {
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  return wasReady ? `core ${how}` : `core ${how} before it was ready`;
}

/** Back-off before restart number `failures` (1-based). */
export function backoffDelay(failures: number, backoff: { readonly initialMs: number; readonly maxMs: number }): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
}

interface Waiter {
  resolve(ready: CoreReady): void;
  reject(error: Error): void;
}

/** Create a supervisor; nothing is spawned until `start()`. */
export function createSupervisor(options: SupervisorOptions): Supervisor {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const maxFailures = options.maxConsecutiveFailures ?? 5;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const log = options.log ?? NOOP_LOG;
  const now = options.now ?? Date.now;

  let current: SupervisorState = { status: 'idle' };
  let child: CoreHandle | undefined;
  let failures = 0;
  let readyAt: number | undefined;
  let pendingReason: string | undefined; // set when we kill the core ourselves (ready timeout)
  let readyTimer: NodeJS.Timeout | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  let resolveStopped: (() => void) | undefined;
  const waiters = new Set<Waiter>();
  const listeners = new Set<(state: SupervisorState) => void>();

  const setState = (next: SupervisorState): void => {
    current = next;
    for (const listener of listeners) listener(next);
  };

  const settleWaiters = (outcome: { ready: CoreReady } | { error: Error }): void => {
    for (const waiter of waiters) {
      if ('ready' in outcome) waiter.resolve(outcome.ready);
      else waiter.reject(outcome.error);
    }
    waiters.clear();
  };

  const clearTimers = (): void => {
    clearTimeout(readyTimer);
    clearTimeout(restartTimer);
    clearTimeout(killTimer);
    readyTimer = restartTimer = killTimer = undefined;
  };

  const onFailure = (reason: string): void => {
    failures += 1;
    if (failures >= maxFailures) {
      log.error({ failures, reason }, 'core keeps failing; giving up');
      setState({ status: 'failed', failures, reason });
      settleWaiters({ error: new Error(`SCIM Desk core failed ${failures} times in a row; last: ${reason}`) });
      return;
    }
    const delayMs = backoffDelay(failures, backoff);
    log.warn({ failures, reason, delayMs }, 'core died; restarting after back-off');
    setState({ status: 'backing-off', failures, delayMs, reason });
    restartTimer = setTimeout(spawnCore, delayMs);
  };

  const onExit = (handle: CoreHandle, exit: CoreExit): void => {
    if (handle !== child) return; // a late event from an older process
    child = undefined;
    clearTimers();
    const wasReady = readyAt !== undefined;
    if (stopping !== undefined) {
      log.info({ code: exit.code, signal: exit.signal }, 'core stopped');
      setState({ status: 'stopped' });
      settleWaiters({ error: new Error('SCIM Desk core was stopped') });
      resolveStopped?.();
      return;
    }
    if (readyAt !== undefined && now() - readyAt >= stableAfterMs) failures = 0; // it ran fine for a while
    const reason = pendingReason ?? describeExit(exit, wasReady);
    pendingReason = undefined;
    readyAt = undefined;
    onFailure(reason);
  };

  const onMessage = (handle: CoreHandle, message: unknown): void => {
    if (handle !== child) return;
    const parsed = CoreReadySchema.safeParse(message);
    if (!parsed.success) return; // other messages are not the supervisor's business
    clearTimeout(readyTimer);
    readyAt = now();
    log.info({ pid: handle.pid, scimUrl: parsed.data.scimUrl }, 'core ready');
    setState({ status: 'ready', pid: handle.pid, ready: parsed.data });
    settleWaiters({ ready: parsed.data });
  };

  function spawnCore(): void {
    restartTimer = undefined;
    let handle: CoreHandle;
    try {
      handle = options.spawn();
    } catch (cause) {
      onFailure(`could not start the core: ${cause instanceof Error ? cause.message : String(cause)}`);
      return;
    }
    child = handle;
    readyAt = undefined;
    pendingReason = undefined;
    handle.onMessage((message) => onMessage(handle, message));
    handle.onExit((exit) => onExit(handle, exit));
    readyTimer = setTimeout(() => {
      if (handle !== child) return;
      pendingReason = `core did not report ready within ${readyTimeoutMs} ms`;
      log.warn({ pid: handle.pid, readyTimeoutMs }, 'core not ready in time; killing it');
      handle.kill();
    }, readyTimeoutMs);
    log.info({ pid: handle.pid, failures }, 'core started');
    setState({ status: 'starting', pid: handle.pid, failures });
  }

  return {
    start() {
      if (child !== undefined || restartTimer !== undefined || stopping !== undefined) return;
      failures = 0;
      spawnCore();
    },

    stop() {
      if (stopping !== undefined) return stopping;
      clearTimeout(restartTimer);
      restartTimer = undefined;
      const handle = child;
      if (handle === undefined) {
        setState({ status: 'stopped' });
        settleWaiters({ error: new Error('SCIM Desk core was stopped') });
        return Promise.resolve();
      }
      stopping = new Promise<void>((resolve) => {
        resolveStopped = resolve;
      }).finally(() => {
        stopping = undefined;
        resolveStopped = undefined;
      });
      clearTimeout(readyTimer);
      setState({ status: 'stopping' });
      handle.terminate();
      killTimer = setTimeout(() => {
        log.warn({ pid: handle.pid, stopTimeoutMs }, 'core ignored the shutdown request; killing it');
        handle.kill();
      }, stopTimeoutMs);
      return stopping;
    },

    state: () => current,

    waitForReady() {
      if (current.status === 'ready') return Promise.resolve(current.ready);
      if (current.status === 'failed') return Promise.reject(new Error(`SCIM Desk core failed: ${current.reason}`));
      return new Promise<CoreReady>((resolve, reject) => waiters.add({ resolve, reject }));
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
