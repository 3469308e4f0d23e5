import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { MEMBER_COLUMNS } from './member-row.js';
import type { MemberRow } from './member-row.js';
import { HOLDS_ASSETS } from './assets-repo.js';

export type { MemberRow } from './member-row.js';
export { FIELD_COLUMNS, fieldsOf } from './member-row.js';

/** Statements over `members`, prepared once per database. Writes go through the member writer only. */
export interface MembersRepo {
  byId(id: string): MemberRow | undefined;
  /** The present (not deleted) member with this userName, case-insensitively. */
  byUserName(userName: string): MemberRow | undefined;
  /** A deleted member (by the IdP or the admin) with this userName, newest first. */
  goneByUserName(userName: string): MemberRow | undefined;
  /** Members the IdP deleted or the admin deleted, matched by externalId for revival. */
  goneByExternalId(externalId: string): MemberRow | undefined;
  /** Every member (any lifecycle) holding the role. */
  withRole(roleId: number): MemberRow[];
  /** Members whose role an IdP group gave (`role_source` `group "…"`). */
  withGroupRole(): MemberRow[];
  /** IdP-provisioned members after `id` in id order, `limit` at a time (re-applying the mapping). */
  scimMembersAfter(id: string, limit: number): MemberRow[];
  /** Members flagged as leavers who still hold assets. */
  leaversHoldingAssets(): number;
  insert(row: MemberRow): void;
  /**
   * Write an existing row (the caller bumps `version`). Given the row as read, only the columns
   * that changed are written: SQLite rewrites every index whose column appears in SET, changed or
   * not, so writing all columns dirtied ~10 index pages (and WAL frames) per PATCH for nothing.
   */
  update(row: MemberRow, prev?: MemberRow): void;
}

export function createMembersRepo(db: Db, uow: UnitOfWork): MembersRepo {
  const read = uow.beforeRead;
  const byId = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id = ?');
  const byUserName = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE user_name = ? AND lifecycle = 'present'");
  const goneByUserName = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE user_name = ? AND lifecycle <> 'present' ORDER BY updated_at DESC LIMIT 1");
  const goneByExternalId = db.prepare<[string], MemberRow>("SELECT * FROM members WHERE external_id = ? AND lifecycle <> 'present' ORDER BY updated_at DESC LIMIT 1");
  const withRole = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE role_id = ? ORDER BY id');
  const withGroupRole = db.prepare<[], MemberRow>("SELECT * FROM members WHERE role_source LIKE 'group %' ORDER BY id");
  const scimAfter = db.prepare<[string, number], MemberRow>("SELECT * FROM members WHERE source = 'scim' AND id > ? ORDER BY id LIMIT ?");
  const leavers = db.prepare<[], number>(`SELECT count(*) FROM members m WHERE m.leaver_holding_assets = 1 AND ${HOLDS_ASSETS('m.id')}`).pluck();
  const insert = db.prepare(`INSERT INTO members (${MEMBER_COLUMNS.join(', ')}) VALUES (${MEMBER_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const updateStmt = (cols: ReadonlyArray<keyof MemberRow>) => {
    const key = cols.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      // Column names come from MEMBER_COLUMNS only; at most 2^n shapes, in practice a handful.
      stmt = db.prepare(`UPDATE members SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      updates.set(key, stmt);
    }
    return stmt;
  };
  const ALL = MEMBER_COLUMNS.filter((c) => c !== 'id');
  return {
    byId: (id) => (read(), byId.get(id)),
    byUserName: (u) => (read(), byUserName.get(u)),
    goneByExternalId: (e) => (read(), goneByExternalId.get(e)),
    goneByUserName: (u) => (read(), goneByUserName.get(u)),
    withRole: (roleId) => (read(), withRole.all(roleId)),
    withGroupRole: () => (read(), withGroupRole.all()),
    scimMembersAfter: (id, limit) => (read(), scimAfter.all(id, limit)),
    leaversHoldingAssets: () => (read(), leavers.get() ?? 0),
    insert: (row) => void insert.run(row),
    update(row, prev) {
      const cols = prev ? ALL.filter((c) => row[c] !== prev[c]) : ALL;
      if (cols.length > 0) updateStmt(cols).run(row);
    },
  };
}
