import { create } from 'zustand';
import type { LogRow } from '../../../shared/api/log-events';
import type { StreamStatus } from '../api/event-stream';
import { EMPTY_LOG_QUERY, fetchLogPage, type LogQuery } from '../api/log-api';

const PAGE_SIZE = 200;
/** Rows kept in memory; older ones are still one "Load older" away on the server. */
export const MAX_ROWS = 5000;
/** Rows held back while paused or scrolled away; beyond this only the count grows (Resume reloads). */
export const MAX_PENDING = 10_000;

type ListStatus = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: unknown } | { readonly status: 'ready' };

interface LiveLogState {
  /** Rows on screen, newest first. */
  readonly rows: ReadonlyArray<LogRow>;
  /** Rows that streamed in while paused or scrolled away, newest first (at most {@link MAX_PENDING}). */
  readonly pending: ReadonlyArray<LogRow>;
  /** How many rows are held back, including those beyond {@link MAX_PENDING}. */
  readonly pendingCount: number;
  readonly isPaused: boolean;
  /** The list shows its newest rows: new ones go on top. Scrolled away, they wait as "N new rows". */
  readonly isAtTop: boolean;
  readonly streamStatus: StreamStatus;
  readonly query: LogQuery;
  readonly list: ListStatus;
  readonly nextCursor: string | null;
  readonly isLoadingMore: boolean;
  setQuery(query: LogQuery): void;
  loadFirst(): Promise<void>;
  loadMore(): Promise<void>;
  /** Rows from the stream, oldest first: one update for the whole batch. */
  receive(rows: ReadonlyArray<LogRow>): void;
  setStreamStatus(status: StreamStatus): void;
  pause(): void;
  /** Show the held-back rows (Resume, or "N new rows"). */
  resume(): void;
  setAtTop(isAtTop: boolean): void;
}

/** Whether a streamed row passes the filters the list was loaded with. */
export function matchesLogQuery(q: LogQuery, row: LogRow): boolean {
  if (q.operation && row.operation !== q.operation) return false;
  if (q.result && row.result !== q.result) return false;
  if (q.client && row.client !== q.client) return false;
  // Same rule as the server: the member filter is a member id or an exact userName.
  if (q.member && row.memberId !== q.member && (row.userName ?? '').toLowerCase() !== q.member.toLowerCase()) return false;
  if (q.since && row.at < q.since) return false;
  if (q.until && row.at > q.until) return false;
  return true;
}

let generation = 0;
let maxSeenId = 0;

/** The live provisioning log: the loaded page(s) plus rows streamed in over SSE. */
export const useLiveLogStore = create<LiveLogState>((set, get) => ({
  rows: [],
  pending: [],
  pendingCount: 0,
  isPaused: false,
  isAtTop: true,
  streamStatus: 'connecting',
  query: EMPTY_LOG_QUERY,
  list: { status: 'loading' },
  nextCursor: null,
  isLoadingMore: false,
  setQuery(query) {
    set({ query });
    void get().loadFirst();
  },
  async loadFirst() {
    const mine = ++generation;
    set({ list: { status: 'loading' }, pending: [], pendingCount: 0 });
    try {
      const page = await fetchLogPage(get().query, null, PAGE_SIZE);
      if (mine !== generation) return;
      for (const row of page.rows) maxSeenId = Math.max(maxSeenId, row.id);
      // Rows that streamed in during the fetch are newer than the page; keep them on top.
      const ids = new Set(page.rows.map((r) => r.id));
      const streamed = get().rows.filter((r) => !ids.has(r.id) && r.id > (page.rows[0]?.id ?? 0) && matchesLogQuery(get().query, r));
      set({ rows: [...streamed, ...page.rows], nextCursor: page.nextCursor, list: { status: 'ready' } });
    } catch (error) {
      if (mine === generation) set({ list: { status: 'error', error } });
    }
  },
  async loadMore() {
    const { nextCursor, isLoadingMore, query } = get();
    if (!nextCursor || isLoadingMore) return;
    const mine = generation;
    set({ isLoadingMore: true });
    try {
      const page = await fetchLogPage(query, nextCursor, PAGE_SIZE);
      if (mine !== generation) return;
      set((s) => ({ rows: [...s.rows, ...page.rows].slice(0, MAX_ROWS), nextCursor: page.nextCursor }));
    } catch (error) {
      if (mine === generation) set({ list: { status: 'error', error } });
    } finally {
      set({ isLoadingMore: false });
    }
  },
  receive(batch) {
    const { query, isPaused, isAtTop } = get();
    const fresh: LogRow[] = [];
    for (const row of batch) {
      if (row.id <= maxSeenId) continue; // already shown (page and stream overlap on reconnect)
      maxSeenId = row.id;
      if (matchesLogQuery(query, row)) fresh.push(row);
    }
    if (fresh.length === 0) return;
    fresh.reverse(); // newest first
    if (isPaused || !isAtTop) set((s) => ({ pending: [...fresh, ...s.pending].slice(0, MAX_PENDING), pendingCount: s.pendingCount + fresh.length }));
    else set((s) => ({ rows: [...fresh, ...s.rows].slice(0, MAX_ROWS) }));
  },
  setStreamStatus(streamStatus) {
    set({ streamStatus });
  },
  pause() {
    set({ isPaused: true });
  },
  resume() {
    const { pendingCount, pending } = get();
    // More held back than kept: the list reloads from the server rather than show a gap.
    if (pendingCount > pending.length) {
      set({ isPaused: false, pending: [], pendingCount: 0 });
      void get().loadFirst();
      return;
    }
    set((s) => ({ isPaused: false, rows: [...s.pending, ...s.rows].slice(0, MAX_ROWS), pending: [], pendingCount: 0 }));
  },
  setAtTop(isAtTop) {
    if (isAtTop === get().isAtTop) return;
    set({ isAtTop });
    // Back at the top while live: what waited comes in.
    if (isAtTop && !get().isPaused && get().pendingCount > 0) get().resume();
  },
}));
