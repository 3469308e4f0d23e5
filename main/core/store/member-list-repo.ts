import type { MemberListQuery, MemberPage, MemberSummary } from '../../../shared/api/members.js';
import type { Db } from './db.js';
import type { MemberRow } from './member-row.js';
import type { UnitOfWork } from './unit-of-work.js';
import { memberSearchIndex } from './member-search-index.js';
import { HELD_COUNT, HOLDS_ASSETS } from './assets-repo.js';
import { InvalidInputError } from '../errors.js';

/** A member row as the list and the CSV export read it: every column but the SCIM JSON, plus role and held-asset count. */
export type ListedMember = Omit<MemberRow, 'scim_json'> & { role_name: string | null; held: number };

type SortName = 'name' | 'userName' | 'updated';

/**
 * Sort keys, each backed by an index on (key, id) in 0001 so a page is an index range scan:
 * name → members_sort_name (display name, else userName, without case), userName →
 * members_user_name_all, updated → members_updated.
 */
const SORT_KEYS: Readonly<Record<SortName, { readonly sql: string; readonly of: (r: ListedMember) => string }>> = {
  name: { sql: 'coalesce(m.display_name, m.user_name) COLLATE NOCASE', of: (r) => r.display_name ?? r.user_name },
  userName: { sql: 'm.user_name', of: (r) => r.user_name },
  updated: { sql: 'm.updated_at', of: (r) => r.updated_at },
};

/** Below this many matches a filtered list reads the matches and sorts them, not by walking the sort index. */
const SMALL_RESULT = 2000;

const COLUMNS = `m.id, m.user_name, m.external_id, m.work_email, m.active, m.lifecycle, m.version, m.source, m.created_at, m.updated_at,
  m.last_provisioned_at, m.first_name, m.last_name, m.display_name, m.email, m.phone, m.mobile, m.job_title, m.department, m.location,
  m.employee_number, m.street_address, m.city, m.state, m.postal_code, m.country, m.manager_id, m.role_id, m.role_locked,
  m.leaver_holding_assets, m.deleted_at, m.custom_json, r.name AS role_name, ${HELD_COUNT('m.id')} AS held`;

interface Cursor {
  readonly s: string;
  readonly k: string;
  readonly id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.s, c.k, c.id]), 'utf8').toString('base64url');

function decodeCursor(text: string, sort: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && v[0] === sort && typeof v[1] === 'string' && typeof v[2] === 'string') return { s: sort, k: v[1], id: v[2] };
  } catch {
    // fall through: any undecodable cursor gets the same answer
  }
  throw new InvalidInputError('invalid-cursor', 'The cursor is not valid for this sort order; start again from the first page.');
}

/**
 * The text search as a SQL condition on `m.rowid`: the matching rowids come from the in-memory
 * index (store/member-search-index.ts). Few matches are named (`IN json_each`), so the query reads
 * just those rows; many are tested per row through `member_search_hit`, so walking the sort index
 * stops as soon as a page is full.
 */
export interface TextCondition {
  readonly sql: string;
  readonly params: unknown[];
  /** For `member_search_hit`: byte rowid = 1 for a match. Set only while the statement runs ({@link withHits}). */
  readonly bits?: Uint8Array;
}

let currentHits: Uint8Array | undefined;
const hitFunctions = new WeakSet<Db>();

function textCondition(db: Db, rowids: ReadonlyArray<number>): TextCondition {
  if (rowids.length <= SMALL_RESULT) return { sql: 'm.rowid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(rowids)] };
  if (!hitFunctions.has(db)) {
    db.function('member_search_hit', { deterministic: false }, (rowid: unknown) => currentHits?.[Number(rowid)] ?? 0);
    hitFunctions.add(db);
  }
  let max = 0;
  for (const r of rowids) if (r > max) max = r;
  const bits = new Uint8Array(max + 1);
  for (const r of rowids) bits[r] = 1;
  return { sql: 'member_search_hit(m.rowid) = 1', params: [], bits };
}

/** Run statements that read `member_search_hit` against `bits` (statements are synchronous, so nothing interleaves). */
function withHits<T>(bits: Uint8Array | undefined, fn: () => T): T {
  currentHits = bits;
  try {
    return fn();
  } finally {
    currentHits = undefined;
  }
}

/** The WHERE clause (with parameters) for the list filters; admin-deleted members are never listed. */
export function memberFilters(
  q: Omit<MemberListQuery, 'sort' | 'cursor' | 'limit' | 'query'>,
  text?: TextCondition,
): { sql: string; params: unknown[]; isFiltered: boolean } {
  const where = ["m.lifecycle <> 'admin_deleted'"];
  const params: unknown[] = [];
  if (text) {
    where.push(text.sql);
    params.push(...text.params);
  }
  if (q.active === 'true') where.push("(m.active = 1 AND m.lifecycle = 'present')");
  if (q.active === 'false') where.push("(m.active = 0 OR m.lifecycle <> 'present')");
  if (q.role !== undefined) {
    where.push('m.role_id = ?');
    params.push(q.role);
  }
  if (q.source !== undefined) {
    where.push('m.source = ?');
    params.push(q.source);
  }
  if (q.holdsAssets !== undefined) {
    where.push(`${q.holdsAssets === 'true' ? '' : 'NOT '}${HOLDS_ASSETS('m.id')}`);
  }
  return { sql: where.join(' AND '), params, isFiltered: where.length > 1 };
}

/**
 * Build the page query: keyset on (sort key, id), so page N costs the same as page 1. A filtered
 * query with few matches is planned as one read of the matches plus a small sort instead (walking
 * the sort index to find a handful of rows in 100k is the slow case).
 */
export function memberListSql(q: MemberListQuery, opts: { readonly isSmall: boolean; readonly text?: TextCondition }): { sql: string; params: unknown[] } {
  const desc = q.sort.startsWith('-');
  const key = SORT_KEYS[(desc ? q.sort.slice(1) : q.sort) as SortName];
  const f = memberFilters(q, opts.text);
  const where = [f.sql];
  const params = [...f.params];
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, q.sort);
    // (key, id) > (k, id) written so SQLite can use the leading term as an index range on an expression index.
    where.push(desc ? `${key.sql} <= ? AND (${key.sql} < ? OR m.id < ?)` : `${key.sql} >= ? AND (${key.sql} > ? OR m.id > ?)`);
    params.push(c.k, c.k, c.id);
  }
  const dir = desc ? 'DESC' : 'ASC';
  // NOT INDEXED still allows rowid lookups, so a small set of search matches drives the query.
  const from = `members AS m${opts.isSmall ? ' NOT INDEXED' : ''}`;
  return {
    sql: `SELECT ${COLUMNS} FROM ${from} LEFT JOIN roles r ON r.id = m.role_id WHERE ${where.join(' AND ')} ORDER BY ${key.sql} ${dir}, m.id ${dir} LIMIT ?`,
    params: [...params, q.limit + 1],
  };
}

export function toSummary(r: ListedMember): MemberSummary {
  return {
    id: r.id,
    userName: r.user_name,
    displayName: r.display_name,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    jobTitle: r.job_title,
    department: r.department,
    active: r.active === 1 && r.lifecycle === 'present',
    source: r.source,
    roleId: r.role_id,
    roleName: r.role_name,
    roleLocked: r.role_locked === 1,
    heldAssets: r.held,
    leaverHoldingAssets: r.leaver_holding_assets === 1,
    updatedAt: r.updated_at,
  };
}

/** One page of members plus the cursor of the next page and the number of matches. */
function listMembers(db: Db, q: MemberListQuery, knownTotal?: number): { rows: ListedMember[]; page: MemberPage } {
  const text = q.query?.trim() ?? '';
  // The index is built on the first search only: the plain list (the first page the GUI opens) and
  // a fresh start do not pay for it.
  const hits = text ? memberSearchIndex(db).find(text) : undefined;
  const cond = hits && textCondition(db, hits);
  const counted = memberFilters(q, cond);
  // With no filter but the text, the matches are the total.
  const isTextOnly = !memberFilters(q).isFiltered;
  return withHits(cond?.bits, () => {
    const total =
      knownTotal ??
      (isTextOnly && hits
        ? hits.length
        : (db.prepare(`SELECT count(*) AS n FROM members AS m WHERE ${counted.sql}`).get(...counted.params) as { n: number }).n);
    const isSmall = hits ? hits.length <= SMALL_RESULT : counted.isFiltered && total <= SMALL_RESULT;
    const { sql, params } = memberListSql(q, { isSmall, ...(cond ? { text: cond } : {}) });
    const rows = db.prepare(sql).all(...params) as ListedMember[];
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const bare = q.sort.replace(/^-/, '') as SortName;
    const nextCursor = more && last ? encodeCursor({ s: q.sort, k: SORT_KEYS[bare].of(last), id: last.id }) : null;
    return { rows, page: { members: rows.map(toSummary), nextCursor, total } };
  });
}

/** The admin's member list: keyset pages, text search, and the export's batches. */
export interface MemberListRepo {
  page(q: MemberListQuery): MemberPage;
  /** Every matching member in list order, a batch at a time (for the CSV export; the caller may await between batches). */
  batches(q: Omit<MemberListQuery, 'cursor' | 'limit'>, size?: number): Generator<ListedMember[]>;
  /** Build the in-memory search index now (the members page is open; the first search should not wait). */
  warmSearch(): void;
}

export function createMemberListRepo(db: Db, beforeRead: UnitOfWork['beforeRead']): MemberListRepo {
  return {
    page(q) {
      beforeRead();
      return listMembers(db, q).page;
    },
    *batches(q, size = 1000) {
      let cursor: string | undefined;
      let total: number | undefined;
      for (;;) {
        beforeRead(); // after each await of the caller
        const { rows, page } = listMembers(db, { ...q, limit: size, ...(cursor !== undefined ? { cursor } : {}) }, total);
        total = page.total;
        if (rows.length > 0) yield rows;
        if (page.nextCursor === null) return;
        cursor = page.nextCursor;
      }
    },
    warmSearch() {
      if (!db.open) return;
      beforeRead(); // the index must be created outside a transaction (member-search-index.ts)
      memberSearchIndex(db);
    },
  };
}
