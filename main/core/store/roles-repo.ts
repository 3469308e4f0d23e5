import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A role with the number of members the admin can see holding it. */
export interface RoleRow {
  id: number;
  name: string;
  is_builtin: number;
  member_count: number;
}

/** A role as the SCIM path refers to it. */
export interface RoleRef {
  readonly id: number;
  readonly name: string;
}

/** `roles`. Names are COLLATE NOCASE, so lookups by name ignore case. */
export interface RolesRepo {
  list(): RoleRow[];
  byId(id: number): RoleRow | undefined;
  ref(id: number): RoleRef | undefined;
  refByName(name: string): RoleRef | undefined;
  insert(name: string, at: string): number;
  rename(id: number, name: string): void;
  remove(id: number): void;
}

export function createRolesRepo(db: Db, uow: UnitOfWork): RolesRepo {
  const read = uow.beforeRead;
  // Admin-deleted members are not counted: the admin cannot see (or move) them.
  const select = `SELECT r.id, r.name, r.is_builtin, (SELECT count(*) FROM members m WHERE m.role_id = r.id AND m.lifecycle <> 'admin_deleted') AS member_count FROM roles r`;
  const all = db.prepare<[], RoleRow>(`${select} ORDER BY r.is_builtin DESC, r.name COLLATE NOCASE`);
  const byId = db.prepare<[number], RoleRow>(`${select} WHERE r.id = ?`);
  const refById = db.prepare<[number], RoleRef>('SELECT id, name FROM roles WHERE id = ?');
  const refByName = db.prepare<[string], RoleRef>('SELECT id, name FROM roles WHERE name = ?');
  const insert = db.prepare('INSERT INTO roles (name, is_builtin, created_at) VALUES (?, 0, ?)');
  const rename = db.prepare('UPDATE roles SET name = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM roles WHERE id = ?');
  return {
    list: () => (read(), all.all()),
    byId: (id) => (read(), byId.get(id)),
    ref: (id) => (read(), refById.get(id)),
    refByName: (name) => (read(), refByName.get(name)),
    insert: (name, at) => Number(insert.run(name, at).lastInsertRowid),
    rename: (id, name) => void rename.run(name, id),
    remove: (id) => void del.run(id),
  };
}
