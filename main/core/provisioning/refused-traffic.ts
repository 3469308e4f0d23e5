import type { Logger } from '../logger.js';
import type { LogOperation } from '../../../shared/api/log-events.js';
import type { ProvisioningLogRepo } from '../store/provisioning-log-repo.js';
import { cutPath } from '../store/provisioning-log-repo.js';

/**
 * Why a request was refused without reaching a SCIM handler: no valid key (401, or 403 with SCIM
 * off), throttled (429), or not routable before authentication (404 outside `/scim/v2` and the like).
 */
export type RefusalReason = 'unauthenticated' | 'throttled' | 'unroutable';
export const REFUSAL_REASONS: ReadonlyArray<RefusalReason> = ['unauthenticated', 'throttled', 'unroutable'];

/** One refused request, as the SCIM listener saw it. */
export interface RefusedRequest {
  readonly reason: RefusalReason;
  /** The validated client address (client-address.ts), or null. */
  readonly address: string | null;
  readonly client: string;
  readonly method: string;
  /** Raw path; cut to 256 characters before it is kept anywhere. */
  readonly path: string;
  readonly status: number;
  readonly scimType: string | null;
  readonly detail: string | null;
}

export interface RefusedTrafficOptions {
  readonly log: Pick<ProvisioningLogRepo, 'insertNow' | 'amend'>;
  readonly logger: Logger;
  /** Milliseconds since the epoch (injectable for tests). */
  readonly now?: () => number;
  /** Length of one counting window. */
  readonly windowMs?: number;
  /** Aggregated rows written per window at most (one per address and reason); the rest are counted on one overflow row per reason. */
  readonly maxRowsPerWindow?: number;
  /** stderr lines per reason per window at most; the rest are summed up in one line when the window ends. */
  readonly maxLinesPerWindow?: number;
}

/** In-memory counters: totals since start, and the current window per reason and address. */
export interface RefusedTrafficStats {
  readonly totals: Readonly<Record<RefusalReason, number>>;
  readonly window: ReadonlyArray<{ readonly reason: RefusalReason; readonly address: string | null; readonly count: number }>;
}

export interface RefusedTraffic {
  /** Count one refused request (called once its answer is sent). */
  count(r: RefusedRequest): void;
  stats(): RefusedTrafficStats;
  /** End the current window now: write the final counts (shutdown, tests). */
  flush(): void;
  dispose(): void;
}

/** The defaults of {@link RefusedTrafficOptions} (README's threat model quotes them; a test compares). */
export const REFUSED_TRAFFIC_DEFAULTS = { windowMs: 5 * 60_000, maxRowsPerWindow: 50, maxLinesPerWindow: 10 } as const;

const OPERATION: Readonly<Record<RefusalReason, LogOperation>> = { unauthenticated: 'auth-failure', throttled: 'rate-limited', unroutable: 'error' };

/** What one window knows of one address and reason (or of the addresses over the cap: `isOverflow`). */
interface Bucket {
  readonly reason: RefusalReason;
  readonly address: string | null;
  readonly isOverflow: boolean;
  rowId: number | undefined;
  count: number;
  readonly firstAt: number;
  lastAt: number;
  /** Of the first request counted here. */
  readonly first: Pick<RefusedRequest, 'client' | 'method' | 'status' | 'scimType' | 'detail'> & { readonly path: string };
  readonly methods: Record<string, number>;
}

const iso = (t: number): string => new Date(t).toISOString();

function bucketDetail(b: Bucket, windowMs: number): string {
  const what = b.count === 1 ? '1 request' : `${b.count} requests`;
  const who = b.isOverflow ? 'addresses over the cap of rows per window (not kept)' : (b.address ?? 'an unknown address');
  const when = b.count === 1 ? `at ${iso(b.firstAt)}` : `between ${iso(b.firstAt)} and ${iso(b.lastAt)}`;
  const how = `refused requests are counted: one row per address and reason every ${Math.round(windowMs / 60_000)} min`;
  return `${what} from ${who} ${when} (${how})${b.first.detail ? `: ${b.first.detail}` : ''}`;
}

const bucketBody = (b: Bucket) => ({
  refused: { reason: b.reason, count: b.count, firstAt: iso(b.firstAt), lastAt: iso(b.lastAt), samplePath: b.first.path, methods: b.methods },
});

/**
 * Refused traffic is counted, not logged row by row (issue #15: anyone who finds the URL could fill
 * the disk, one 15 KB row and one stderr line per request). Per window, each (reason, address) gets
 * one provisioning-log row, written at its first request (so the admin sees a wrong key at once) and
 * amended with the count, first and last time when the window ends. Past `maxRowsPerWindow` rows,
 * new addresses are summed on one overflow row per reason, written when the window ends. stderr
 * gets at most `maxLinesPerWindow` lines per reason per window, plus one saying how many were left out.
 */
export function createRefusedTraffic(opts: RefusedTrafficOptions): RefusedTraffic {
  const now = opts.now ?? Date.now;
  const windowMs = opts.windowMs ?? REFUSED_TRAFFIC_DEFAULTS.windowMs;
  const maxRows = opts.maxRowsPerWindow ?? REFUSED_TRAFFIC_DEFAULTS.maxRowsPerWindow;
  const maxLines = opts.maxLinesPerWindow ?? REFUSED_TRAFFIC_DEFAULTS.maxLinesPerWindow;
  const totals: Record<RefusalReason, number> = { unauthenticated: 0, throttled: 0, unroutable: 0 };
  let buckets = new Map<string, Bucket>();
  let overflow = new Map<RefusalReason, Bucket>();
  let lines = new Map<RefusalReason, number>();
  let windowEnd = 0;
  let timer: NodeJS.Timeout | undefined;
  let writeFailures = 0;

  /**
   * A log write that fails (disk full, read-only data folder) must not fail the request or the timer
   * that ends a window: the counts stay in memory, and the failure is reported (once per window).
   */
  function tryWrite<T>(write: () => T): T | undefined {
    try {
      return write();
    } catch (err) {
      if (writeFailures++ === 0) opts.logger.warn({ err }, 'refused SCIM requests could not be written to the provisioning log');
      return undefined;
    }
  }

  const entryOf = (b: Bucket) => ({
    at: iso(b.firstAt),
    requestId: `refused-${b.reason}-${b.firstAt}`,
    client: b.isOverflow ? 'other' : b.first.client,
    clientAddress: b.address,
    method: b.first.method,
    path: b.first.path,
    operation: OPERATION[b.reason],
    memberId: null,
    userName: null,
    result: 'failure' as const,
    status: b.first.status,
    scimType: b.first.scimType,
    detail: bucketDetail(b, windowMs),
    durationMs: 0,
    changes: [],
    request: bucketBody(b),
    response: null,
  });

  function endWindow(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const ended = [...buckets.values()];
    const spilled = [...overflow.values()];
    const skipped = [...lines].filter(([, n]) => n > maxLines);
    buckets = new Map();
    overflow = new Map();
    lines = new Map();
    writeFailures = 0;
    for (const b of ended) if (b.count > 1 && b.rowId !== undefined) tryWrite(() => opts.log.amend(b.rowId!, bucketDetail(b, windowMs), bucketBody(b)));
    for (const b of spilled) tryWrite(() => opts.log.insertNow(entryOf(b)));
    for (const [reason, n] of skipped) opts.logger.warn({ reason, suppressed: n - maxLines, windowMs }, 'refused SCIM requests not logged line by line');
  }

  function logLine(r: RefusedRequest, path: string): void {
    const n = (lines.get(r.reason) ?? 0) + 1;
    lines.set(r.reason, n);
    if (n <= maxLines) opts.logger.info({ reason: r.reason, status: r.status, method: r.method, path, clientAddress: r.address, detail: r.detail }, 'SCIM request refused');
  }

  function bucketFor(r: RefusedRequest, t: number, path: string): Bucket {
    const key = `${r.reason} ${r.address ?? ''}`;
    const held = buckets.get(key);
    if (held) return held;
    const isOverflow = buckets.size >= maxRows;
    if (isOverflow) {
      const spill = overflow.get(r.reason);
      if (spill) return spill;
    }
    const first = { client: r.client, method: r.method, status: r.status, scimType: r.scimType, detail: isOverflow ? null : r.detail, path };
    const fresh: Bucket = { reason: r.reason, address: isOverflow ? null : r.address, isOverflow, rowId: undefined, count: 0, firstAt: t, lastAt: t, first, methods: {} };
    if (isOverflow) overflow.set(r.reason, fresh);
    else buckets.set(key, fresh);
    return fresh;
  }

  return {
    count(r) {
      const t = now();
      if (t >= windowEnd) {
        if (buckets.size > 0 || overflow.size > 0 || lines.size > 0) endWindow();
        windowEnd = t + windowMs;
      }
      totals[r.reason]++;
      const path = cutPath(r.path);
      logLine(r, path);
      const b = bucketFor(r, t, path);
      b.count++;
      b.lastAt = t;
      b.methods[r.method] = (b.methods[r.method] ?? 0) + 1;
      if (b.count === 1 && !b.isOverflow) b.rowId = tryWrite(() => opts.log.insertNow(entryOf(b)));
      // The final counts land when the window ends, even if no request comes after it.
      timer ??= setTimeout(endWindow, Math.max(0, windowEnd - t)).unref();
    },
    stats: () => ({ totals: { ...totals }, window: [...buckets.values()].map((b) => ({ reason: b.reason, address: b.address, count: b.count })) }),
    flush() {
      endWindow();
      windowEnd = 0;
    },
    dispose() {
      endWindow();
    },
  };
}
