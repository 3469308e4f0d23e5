import type { Db } from './db.js';
import type { MemberFields } from '../mapping/attribute-map.js';
import { MEMBER_FIELDS } from '../../../shared/api/mapping.js';

/** A row of the `members` table. */
export interface MemberRow {
  id: string;
  user_name: string;
  external_id: string | null;
  work_email: string | null;
  active: number;
  lifecycle: 'present' | 'idp_deleted' | 'admin_deleted';
  scim_json: string;
  version: number;
  /** Only SCIM creates members (0001's CHECK also allows 'manual', which nothing writes). */
  source: 'scim';
  created_at: string;
  updated_at: string;
  last_provisioned_at: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  job_title: string | null;
  department: string | null;
  location: string | null;
  employee_number: string | null;
  street_address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  manager_id: string | null;
  role_id: number | null;
  role_locked: number;
  leaver_holding_assets: number;
  deleted_at: string | null;
  custom_json: string;
}

/** camelCase member field → column. */
export const FIELD_COLUMNS: Readonly<Record<keyof MemberFields, keyof MemberRow>> = {
  firstName: 'first_name',
  lastName: 'last_name',
  displayName: 'display_name',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  jobTitle: 'job_title',
  department: 'department',
  location: 'location',
  employeeNumber: 'employee_number',
  streetAddress: 'street_address',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  country: 'country',
  managerId: 'manager_id',
};

export const fieldsOf = (row: MemberRow): MemberFields =>
  Object.fromEntries(MEMBER_FIELDS.map((f) => [f, row[FIELD_COLUMNS[f]] as string | null])) as MemberFields;

const COLUMNS: ReadonlyArray<keyof MemberRow> = [
  'id', 'user_name', 'external_id', 'work_email', 'active', 'lifecycle', 'scim_json', 'version', 'source', 'created_at', 'updated_at',
  'last_provisioned_at', ...MEMBER_FIELDS.map((f) => FIELD_COLUMNS[f]), 'role_id', 'role_locked', 'leaver_holding_assets',
  'deleted_at', 'custom_json',
];

export interface HistoryEntry {
  readonly field: string;
  readonly old: string | null;
  readonly new: string | null;
}

/** Prepared statements over `members` and `member_history`, created once per database. */
export interface MembersRepo {
  byId(id: string): MemberRow | undefined;
  /** The present (not deleted) member with this userName, case-insensitively. */
  byUserName(userName: string): MemberRow | undefined;
  /** A deleted member (by the IdP or the admin) with this userName, newest first. */
  goneByUserName(userName: string): MemberRow | undefined;
  /** Members the IdP deleted or the admin deleted, matched by externalId for revival. */
  goneByExternalId(externalId: string): MemberRow | undefined;
  insert(row: MemberRow): void;
  /**
   * Write an existing row (the caller bumps `version`). Given the row as read, only the columns
   * that changed are written: SQLite rewrites every index whose column appears in SET, changed or
   * not, so writing all columns dirtied ~10 index pages (and WAL frames) per PATCH for nothing.
   */
  update(row: MemberRow, prev?: MemberRow): void;
  addHistory(memberId: string, at: string, actor: string, entries: ReadonlyArray<HistoryEntry>): void;
  openCheckoutCount(memberId: string): number;
  openCheckoutTags(memberId: string, limit: number): string[];
}

export function createMembersRepo(db: Db): MembersRepo {
  const byId = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id = ?');
  const byUserName = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE user_name = ? AND lifecycle = 'present'");
  const goneByUserName = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE user_name = ? AND lifecycle <> 'present' ORDER BY updated_at DESC LIMIT 1");
  const goneByExternalId = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE external_id = ? AND lifecycle <> 'present' ORDER BY updated_at DESC LIMIT 1");
  const insert = db.prepare(`INSERT INTO members (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const updateStmt = (cols: ReadonlyArray<keyof MemberRow>) => {
    const key = cols.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      // Column names come from COLUMNS only; at most 2^n shapes, in practice a handful.
      stmt = db.prepare(`UPDATE members SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      updates.set(key, stmt);
    }
    return stmt;
  };
  const ALL = COLUMNS.filter((c) => c !== 'id');
  const history = db.prepare('INSERT INTO member_history (member_id, at, actor, changes_json) VALUES (?, ?, ?, ?)');
  const openCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM checkouts WHERE member_id = ? AND checked_in_at IS NULL');
  const openTags = db.prepare<[string, number], { tag: string }>(
    'SELECT a.tag FROM checkouts c JOIN assets a ON a.id = c.asset_id WHERE c.member_id = ? AND c.checked_in_at IS NULL ORDER BY a.tag LIMIT ?',
  );
  return {
    byId: (id) => byId.get(id),
    byUserName: (u) => byUserName.get(u),
    goneByExternalId: (e) => goneByExternalId.get(e),
    goneByUserName: (u) => goneByUserName.get(u),
    insert: (row) => void insert.run(row),
    update(row, prev) {
      const cols = prev ? ALL.filter((c) => row[c] !== prev[c]) : ALL;
      if (cols.length > 0) updateStmt(cols).run(row);
    },
    addHistory(memberId, at, actor, entries) {
      if (entries.length > 0) history.run(memberId, at, actor, JSON.stringify(entries.map((e) => ({ field: e.field, old: e.old, new: e.new }))));
    },
    openCheckoutCount: (id) => openCount.get(id)?.n ?? 0,
    openCheckoutTags: (id, limit) => openTags.all(id, limit).map((r) => r.tag),
  };
}
