import { create } from 'zustand';
import type { MemberSummary } from '../../../shared/api/members';
import { fetchMemberPage, type MemberQuery } from '../api/members-api';

const PAGE_SIZE = 200;

export const DEFAULT_MEMBER_QUERY: MemberQuery = { query: '', active: '', role: '', source: '', holdsAssets: '', sort: 'name' };

type ListStatus = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: unknown } | { readonly status: 'ready' };

interface MembersViewState {
  readonly query: MemberQuery;
  /** Loaded rows in list order; more arrive page by page as the list scrolls. */
  readonly rows: ReadonlyArray<MemberSummary>;
  readonly total: number;
  readonly nextCursor: string | null;
  readonly list: ListStatus;
  readonly isLoadingMore: boolean;
  readonly loadMoreError: unknown;
  /** The member whose drawer is open. */
  readonly openMemberId: string | null;
  setQuery(patch: Partial<MemberQuery>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  openMember(id: string | null): void;
  /** Puts a fresher copy of one member into the list (after an edit in the drawer) without reloading. */
  replaceRow(member: MemberSummary): void;
  /** Drops a deleted member from the list. */
  removeRow(id: string): void;
}

/** Keeps only the list fields (a MemberDetail carries much more). */
function pickSummary(m: MemberSummary): MemberSummary {
  const { id, userName, displayName, firstName, lastName, email, jobTitle, department, active, source, roleId, roleName, roleLocked, heldAssets, leaverHoldingAssets, updatedAt } = m;
  return { id, userName, displayName, firstName, lastName, email, jobTitle, department, active, source, roleId, roleName, roleLocked, heldAssets, leaverHoldingAssets, updatedAt };
}

let generation = 0;
let controller: AbortController | null = null;

/**
 * The member list: filters plus the keyset pages loaded so far. A new query aborts the in-flight
 * request so fast typing never shows an older answer.
 */
export const useMembersViewStore = create<MembersViewState>((set, get) => ({
  query: DEFAULT_MEMBER_QUERY,
  rows: [],
  total: 0,
  nextCursor: null,
  list: { status: 'loading' },
  isLoadingMore: false,
  loadMoreError: null,
  openMemberId: null,
  setQuery(patch) {
    set((s) => ({ query: { ...s.query, ...patch } }));
    void get().reload();
  },
  async reload() {
    const mine = ++generation;
    controller?.abort();
    controller = new AbortController();
    set({ list: { status: 'loading' }, isLoadingMore: false, loadMoreError: null });
    try {
      const page = await fetchMemberPage(get().query, null, PAGE_SIZE, controller.signal);
      if (mine !== generation) return;
      set({ rows: page.members, total: page.total, nextCursor: page.nextCursor, list: { status: 'ready' } });
    } catch (error) {
      if (mine === generation) set({ list: { status: 'error', error } });
    }
  },
  async loadMore() {
    const { nextCursor, isLoadingMore, query } = get();
    if (!nextCursor || isLoadingMore) return;
    const mine = generation;
    set({ isLoadingMore: true, loadMoreError: null });
    try {
      const page = await fetchMemberPage(query, nextCursor, PAGE_SIZE, controller?.signal);
      if (mine !== generation) return;
      set((s) => ({ rows: [...s.rows, ...page.members], nextCursor: page.nextCursor, total: page.total, isLoadingMore: false }));
    } catch (error) {
      if (mine === generation) set({ isLoadingMore: false, loadMoreError: error });
    }
  },
  openMember(openMemberId) {
    set({ openMemberId });
  },
  replaceRow(member) {
    set((s) => ({ rows: s.rows.map((r) => (r.id === member.id ? { ...r, ...pickSummary(member) } : r)) }));
  },
  removeRow(id) {
    set((s) => ({ rows: s.rows.filter((r) => r.id !== id), total: Math.max(0, s.total - 1), openMemberId: s.openMemberId === id ? null : s.openMemberId }));
  },
}));
