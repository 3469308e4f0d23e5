import { describe, it, expect, afterEach } from 'vitest';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backoffDelay,
  createSupervisor,
  describeExit,
  type CoreHandle,
  type SpawnCore,
  type Supervisor,
  type SupervisorOptions,
  type SupervisorState,
} from '../../../main/electron/supervisor.js';

const FAKE_CORE = fileURLToPath(new URL('../../fixtures/electron/fake-core.mjs', import.meta.url));

/** A `spawn` that forks the fixture script: a real child process standing in for the core. */
function forkFakeCore(runsFile: string, plan: string): SpawnCore {
  return (): CoreHandle => {
    const child = fork(FAKE_CORE, [runsFile, plan], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return {
      get pid() {
        return child.pid;
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
      terminate: () => child.kill('SIGTERM'),
      kill: () => child.kill('SIGKILL'),
    };
  };
}

interface Harness {
  readonly supervisor: Supervisor;
  readonly states: SupervisorState[];
  /** How many times the fixture was started. */
  runs(): number;
  /** Resolves with the first state (current or future) that matches. */
  until(match: (state: SupervisorState) => boolean): Promise<SupervisorState>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function harness(plan: string, options: Partial<SupervisorOptions> = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'scimdesk-supervisor-'));
  const runsFile = join(dir, 'runs.txt');
  const supervisor = createSupervisor({
    spawn: forkFakeCore(runsFile, plan),
    backoff: { initialMs: 10, maxMs: 40 },
    readyTimeoutMs: 5_000,
    stopTimeoutMs: 5_000,
    ...options,
  });
  const states: SupervisorState[] = [];
  supervisor.subscribe((state) => states.push(state));
  cleanups.push(async () => {
    await supervisor.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    supervisor,
    states,
    runs: () => (existsSync(runsFile) ? readFileSync(runsFile, 'utf8').split('\n').filter(Boolean).length : 0),
    until: (match) =>
      new Promise((resolve) => {
        if (match(supervisor.state())) return resolve(supervisor.state());
        const off = supervisor.subscribe((state) => {
          if (!match(state)) return;
          off();
          resolve(state);
        });
      }),
  };
}

const tokenOf = (state: SupervisorState): string | undefined => (state.status === 'ready' ? state.ready.adminToken : undefined);

describe('core supervisor', () => {
  it('waits for the ready message and ignores other messages', async () => {
    const h = harness('ready');
    h.supervisor.start();
    const ready = await h.supervisor.waitForReady();
    expect(ready).toEqual({
      type: 'ready',
      scimUrl: 'http://127.0.0.1:18080/scim/v2',
      adminUrl: 'http://127.0.0.1:18081',
      adminToken: 'token-0',
    });
    expect(h.states.map((s) => s.status)).toEqual(['starting', 'ready']);
  });

  it('restarts a core that exits after start-up, after a back-off, and logs why', async () => {
    const h = harness('ready-exit,ready');
    h.supervisor.start();
    const second = await h.until((s) => tokenOf(s) === 'token-1');
    expect(second.status).toBe('ready');
    expect(h.runs()).toBe(2);
    const backingOff = h.states.find((s) => s.status === 'backing-off');
    expect(backingOff).toEqual({ status: 'backing-off', failures: 1, delayMs: 10, reason: 'core exited with code 3' });
    expect(h.states.map((s) => s.status)).toEqual(['starting', 'ready', 'backing-off', 'starting', 'ready']);
  });

  it('restarts a core that crashes before it is ready, doubling the back-off', async () => {
    const h = harness('crash,crash,crash,ready');
    h.supervisor.start();
    await h.until((s) => s.status === 'ready');
    const delays = h.states.flatMap((s) => (s.status === 'backing-off' ? [s.delayMs] : []));
    expect(delays).toEqual([10, 20, 40]);
    expect(h.states.find((s) => s.status === 'backing-off')).toMatchObject({ reason: 'core exited with code 1 before it was ready' });
    expect(h.runs()).toBe(4);
  });

  it('gives up after repeated consecutive failures', async () => {
    const h = harness('crash', { maxConsecutiveFailures: 3 });
    h.supervisor.start();
    await expect(h.supervisor.waitForReady()).rejects.toThrow(/failed 3 times in a row; last: core exited with code 1 before it was ready/);
    expect(h.supervisor.state()).toEqual({ status: 'failed', failures: 3, reason: 'core exited with code 1 before it was ready' });
    expect(h.runs()).toBe(3);
    await expect(h.supervisor.waitForReady()).rejects.toThrow(/failed/);
  });

  it('starts again from "failed" when asked (tray: Restart core)', async () => {
    const h = harness('crash,crash,ready', { maxConsecutiveFailures: 2 });
    h.supervisor.start();
    await h.until((s) => s.status === 'failed');
    h.supervisor.start();
    expect(tokenOf(await h.until((s) => s.status === 'ready'))).toBe('token-2');
  });

  it('kills a core that never reports ready and counts it as a failure', async () => {
    // Long enough for a loaded CI box to start node and answer, short enough to keep the test quick.
    const h = harness('hang,ready', { readyTimeoutMs: 1_500 });
    h.supervisor.start();
    await h.until((s) => s.status === 'ready');
    expect(h.states.find((s) => s.status === 'backing-off')).toMatchObject({
      failures: 1,
      reason: 'core did not report ready within 1500 ms',
    });
  });

  it('resets the failure count after a core has been up for stableAfterMs', async () => {
    let clock = 0;
    // Each reading of the clock is 1 s later, so every run that got ready counts as stable.
    const h = harness('ready-exit', { maxConsecutiveFailures: 2, stableAfterMs: 1_000, now: () => (clock += 1_000) });
    h.supervisor.start();
    await h.until(() => h.runs() >= 4);
    const failures = h.states.flatMap((s) => (s.status === 'backing-off' ? [s.failures] : []));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(new Set(failures)).toEqual(new Set([1]));
  });

  it('stop() terminates gracefully and does not restart', async () => {
    const h = harness('ready');
    h.supervisor.start();
    await h.supervisor.waitForReady();
    await h.supervisor.stop();
    expect(h.supervisor.state()).toEqual({ status: 'stopped' });
    expect(h.states.map((s) => s.status)).toEqual(['starting', 'ready', 'stopping', 'stopped']);
    expect(h.runs()).toBe(1);
  });

  it('stop() kills a core that ignores the shutdown request', async () => {
    const h = harness('ignore-term', { stopTimeoutMs: 200 });
    h.supervisor.start();
    await h.supervisor.waitForReady();
    await h.supervisor.stop();
    expect(h.supervisor.state()).toEqual({ status: 'stopped' });
    expect(h.runs()).toBe(1);
  });

  it('stop() during back-off cancels the pending restart', async () => {
    const h = harness('crash', { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    h.supervisor.start();
    await h.until((s) => s.status === 'backing-off');
    await h.supervisor.stop();
    expect(h.supervisor.state()).toEqual({ status: 'stopped' });
    expect(h.runs()).toBe(1);
  });

  it('counts a spawn that throws as a failure', async () => {
    const supervisor = createSupervisor({
      spawn: () => {
        throw new Error('ENOENT serve.js');
      },
      maxConsecutiveFailures: 2,
      backoff: { initialMs: 1, maxMs: 1 },
    });
    supervisor.start();
    await expect(supervisor.waitForReady()).rejects.toThrow(/could not start the core: ENOENT serve.js/);
  });
});

describe('supervisor helpers', () => {
  it('caps the exponential back-off', () => {
    const backoff = { initialMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, backoff))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('describes exits by code or signal', () => {
    expect(describeExit({ code: 1, signal: null }, false)).toBe('core exited with code 1 before it was ready');
    expect(describeExit({ code: null, signal: 'SIGKILL' }, true)).toBe('core was killed by SIGKILL');
  });
});
