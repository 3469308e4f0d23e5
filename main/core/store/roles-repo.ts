import { z } from 'zod';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseColumn } from './json-columns.js';

/** A role with the number of members the admin can see holding it. */
export interface RoleRow {
  id: number;
  name: string;
  is_builtin: number;
  member_count: number;
  /** JSON array of IdP group display names (migration 0010). */
  idp_groups: string;
  /** Order in which roles are tried; 0 first. */
  position: number;
}

/** A role as the SCIM path refers to it. */
export interface RoleRef {
  readonly id: number;
  readonly name: string;
}

/** A role with the IdP groups that grant it, in role order (what the role decision reads). */
export interface RoleRule {
  readonly role: RoleRef;
  readonly idpGroups: ReadonlyArray<string>;
}

/** `roles.idp_groups` as stored. */
const IdpGroupsSchema = z.array(z.string());
export const idpGroupsOf = (row: Pick<RoleRow, 'idp_groups'>): string[] => parseColumn(IdpGroupsSchema, row.idp_groups, 'roles.idp_groups');

/** `roles`. Names are COLLATE NOCASE, so lookups by name ignore case. Listed in `position` order. */
export interface RolesRepo {
  list(): RoleRow[];
  byId(id: number): RoleRow | undefined;
  ref(id: number): RoleRef | undefined;
  refByName(name: string): RoleRef | undefined;
  /** Every role with its IdP groups, in order. */
  rules(): RoleRule[];
  /** Insert at the end of the order. */
  insert(name: string, at: string, idpGroups?: ReadonlyArray<string>): number;
  rename(id: number, name: string): void;
  setIdpGroups(id: number, groups: ReadonlyArray<string>): void;
  /** Move a role to `position` (0-based, clamped) and renumber the others densely. */
  move(id: number, position: number): void;
  remove(id: number): void;
}

export function createRolesRepo(db: Db, uow: UnitOfWork): RolesRepo {
  const read = uow.beforeRead;
  // Admin-deleted members are not counted: the admin cannot see (or move) them.
  const select = `SELECT r.id, r.name, r.is_builtin, r.idp_groups, r.position,
    (SELECT count(*) FROM members m WHERE m.role_id = r.id AND m.lifecycle <> 'admin_deleted') AS member_count FROM roles r`;
  const all = db.prepare<[], RoleRow>(`${select} ORDER BY r.position, r.id`);
  const byId = db.prepare<[number], RoleRow>(`${select} WHERE r.id = ?`);
  const refById = db.prepare<[number], RoleRef>('SELECT id, name FROM roles WHERE id = ?');
  const refByName = db.prepare<[string], RoleRef>('SELECT id, name FROM roles WHERE name = ?');
  const rules = db.prepare<[], { id: number; name: string; idp_groups: string }>('SELECT id, name, idp_groups FROM roles ORDER BY position, id');
  const ids = db.prepare<[], number>('SELECT id FROM roles ORDER BY position, id').pluck();
  const insert = db.prepare("INSERT INTO roles (name, is_builtin, created_at, idp_groups, position) VALUES (?, 0, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM roles))");
  const rename = db.prepare('UPDATE roles SET name = ? WHERE id = ?');
  const setGroups = db.prepare('UPDATE roles SET idp_groups = ? WHERE id = ?');
  const setPosition = db.prepare('UPDATE roles SET position = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM roles WHERE id = ?');
  return {
    list: () => (read(), all.all()),
    byId: (id) => (read(), byId.get(id)),
    ref: (id) => (read(), refById.get(id)),
    refByName: (name) => (read(), refByName.get(name)),
    rules: () => (read(), rules.all().map((r) => ({ role: { id: r.id, name: r.name }, idpGroups: idpGroupsOf(r) }))),
    insert: (name, at, idpGroups = []) => Number(insert.run(name, at, JSON.stringify(idpGroups)).lastInsertRowid),
    rename: (id, name) => void rename.run(name, id),
    setIdpGroups: (id, groups) => void setGroups.run(JSON.stringify(groups), id),
    move(id, position) {
      const order = ids.all().filter((x) => x !== id);
      order.splice(Math.max(0, Math.min(position, order.length)), 0, id);
      order.forEach((x, i) => setPosition.run(i, x));
    },
    remove: (id) => void del.run(id),
  };
}
