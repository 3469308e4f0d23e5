import type { SqlWhere } from '../scim/filter/to-sql.js';
import type { UserRowCore } from '../scim/resources/user.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A SCIM list row: only the columns a SCIM resource needs. */
export type ListedUserRow = UserRowCore & { user_name: string; row_id: number };

/** SCIM `sortBy` attributes (canonical names) → column. */
export const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'm.id',
  userName: 'm.user_name',
  externalId: 'm.external_id',
  'meta.created': 'm.created_at',
  'meta.lastModified': 'm.updated_at',
  displayName: 'm.display_name',
  'name.familyName': 'm.last_name',
  'name.givenName': 'm.first_name',
  active: 'm.active',
};

export interface ScimPageRequest {
  readonly where: SqlWhere;
  /** A key of {@link SORT_COLUMNS}, or none for insertion order. */
  readonly sortBy: string | undefined;
  readonly descending: boolean;
  /** 1-based, already clamped. */
  readonly startIndex: number;
  /** Already clamped to the maximum page size. */
  readonly count: number;
}

/** The SCIM `/Users` list: filtered, sorted, paged; `total` is the number of matches. */
export interface ScimUsersQuery {
  page(req: ScimPageRequest): { rows: ListedUserRow[]; total: number };
}

/** Order of an unsorted list: insertion (rowid), so pages can continue by keyset. */
const DEFAULT_ORDER = 'm.rowid';
/** Remembered page ends (one per paging client and filter is plenty). */
const PAGE_ENDS_MAX = 1000;
// Only the columns a SCIM resource needs, and LIMIT as a literal (a clamped integer, never client
// text): measured on a lookup, SELECT * cost ~15 µs of row building and a bound LIMIT ~45 µs more.
const LIST_COLUMNS = 'm.id, m.user_name, m.scim_json, m.created_at, m.updated_at, m.version, m.rowid AS row_id';

type Stmt = { all(...p: unknown[]): ListedUserRow[]; get(...p: unknown[]): unknown };

export function createScimUsersQuery(db: Db, uow: UnitOfWork): ScimUsersQuery {
  // Filter SQL varies by shape; statements are cached per shape so a lookup prepares nothing.
  const cache = new Map<string, Stmt>();
  const cached = (sql: string): Stmt => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size > 1000) cache.clear();
      s = db.prepare(sql) as unknown as Stmt;
      cache.set(sql, s);
    }
    return s;
  };
  // A sort not served by an index (sortBy) sorts rowids and keys only, then reads the page's rows:
  // sorting whole rows held OFFSET + count of them in memory (temp_store = MEMORY, db.ts), ~500 MiB
  // for a page at startIndex 99,000 of 100k members.
  const listStmt = (where: string, order: string, limit: number): Stmt =>
    cached(
      order === DEFAULT_ORDER
        ? `SELECT ${LIST_COLUMNS} FROM members AS m
           WHERE m.lifecycle = 'present' AND (${where}) ORDER BY ${order} LIMIT ${Math.trunc(limit)} OFFSET ?`
        : `SELECT ${LIST_COLUMNS} FROM members AS m
           WHERE m.rowid IN (SELECT m.rowid FROM members AS m WHERE m.lifecycle = 'present' AND (${where}) ORDER BY ${order} LIMIT ${Math.trunc(limit)} OFFSET ?)
           ORDER BY ${order}`,
    );
  const keysetStmt = (where: string, limit: number): Stmt =>
    cached(`SELECT ${LIST_COLUMNS} FROM members AS m
       WHERE m.lifecycle = 'present' AND (${where}) AND m.rowid > ? ORDER BY ${DEFAULT_ORDER} LIMIT ${Math.trunc(limit)}`);
  const countStmt = (where: string): Stmt => cached(`SELECT count(*) AS n FROM members AS m WHERE m.lifecycle = 'present' AND (${where})`);
  /**
   * `filter \0 params \0 startIndex` → rowid of the row just before that startIndex, from pages served.
   * Never invalidated: rowids do not move, and a client that asks for exactly that startIndex is
   * continuing a page run, where "after the last row I saw" is the answer it needs even if members
   * before it were deprovisioned since (OFFSET would then skip someone).
   */
  const pageEnds = new Map<string, number>();

  return {
    page({ where, sortBy, descending, startIndex, count }) {
      uow.beforeRead();
      const column = sortBy === undefined ? undefined : SORT_COLUMNS[sortBy];
      const order = column === undefined ? DEFAULT_ORDER : `${column} ${descending ? 'DESC' : 'ASC'}, m.rowid`;
      // Okta pages by startIndex (1, 101, 201, …): a page that continues the previous one is read by
      // keyset (rowid after its last row) instead of an OFFSET that walks every row before it.
      const pageKey = (): string => `${where.sql}\u0000${JSON.stringify(where.params)}\u0000`;
      const isKeysetOrder = order === DEFAULT_ORDER;
      const after = isKeysetOrder && startIndex > 1 ? pageEnds.get(pageKey() + startIndex) : undefined;
      const rows =
        count === 0
          ? []
          : after !== undefined
            ? keysetStmt(where.sql, count).all(...where.params, after)
            : listStmt(where.sql, order, count).all(...where.params, startIndex - 1);
      const last = rows[rows.length - 1];
      // A full page may be continued: remember where it ended (a lookup never fills its page).
      if (isKeysetOrder && last && rows.length === count) {
        if (pageEnds.size >= PAGE_ENDS_MAX) pageEnds.clear();
        pageEnds.set(pageKey() + (startIndex + rows.length), last.row_id);
      }
      // Skip the COUNT when the page already shows everything (every Entra lookup): saves a query per request.
      const total = startIndex === 1 && rows.length < count ? rows.length : (countStmt(where.sql).get(...where.params) as { n: number }).n;
      return { rows, total };
    },
  };
}
