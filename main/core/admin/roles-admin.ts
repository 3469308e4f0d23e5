import type { Role } from '../../../shared/api/roles.js';
import type { Core } from '../create-core.js';
import { ConflictError, NotFoundError } from './errors.js';

interface RoleRow {
  id: number;
  name: string;
  is_builtin: number;
  member_count: number;
}

/** Members the admin can see (IdP-deleted ones stay visible as inactive; admin-deleted ones do not). */
const VISIBLE = "m.lifecycle <> 'admin_deleted'";

export interface RolesAdmin {
  list(): Role[];
  create(name: string): Role;
  rename(id: number, name: string): Role;
  /**
   * Delete a custom role. Refused while a visible member has it or while it is the fallback role:
   * silently moving people to another role would change what they may do. Admin-deleted members
   * that still reference it move to the fallback role (their role is decided again on revival).
   */
  remove(id: number): void;
}

export function createRolesAdmin(core: Core): RolesAdmin {
  const { db } = core;
  const select = `SELECT r.id, r.name, r.is_builtin, (SELECT count(*) FROM members m WHERE m.role_id = r.id AND ${VISIBLE}) AS member_count FROM roles r`;
  const all = db.prepare<[], RoleRow>(`${select} ORDER BY r.is_builtin DESC, r.name COLLATE NOCASE`);
  const byId = db.prepare<[number], RoleRow>(`${select} WHERE r.id = ?`);
  const byName = db.prepare<[string], { id: number }>('SELECT id FROM roles WHERE name = ?');
  const insert = db.prepare('INSERT INTO roles (name, is_builtin, created_at) VALUES (?, 0, ?)');
  const rename = db.prepare('UPDATE roles SET name = ? WHERE id = ?');
  const del = db.prepare('DELETE FROM roles WHERE id = ?');
  const hidden = db.prepare<[number], { id: string; version: number }>("SELECT id, version FROM members WHERE role_id = ? AND lifecycle = 'admin_deleted'");
  const moveMember = db.prepare('UPDATE members SET role_id = ? WHERE id = ?');

  const toRole = (r: RoleRow): Role => ({ id: r.id, name: r.name, isBuiltin: r.is_builtin === 1, memberCount: r.member_count });
  function get(id: number): RoleRow {
    const row = byId.get(id);
    if (!row) throw new NotFoundError('role-not-found', `There is no role with id ${id}.`);
    return row;
  }
  function ensureFree(name: string, self?: number): void {
    const clash = byName.get(name);
    if (clash && clash.id !== self) throw new ConflictError('role-exists', `A role named "${name}" already exists (names are compared without case).`);
  }

  return {
    list: () => all.all().map(toRole),
    create(name) {
      ensureFree(name);
      const id = Number(insert.run(name, core.now().toISOString()).lastInsertRowid);
      core.catalog.invalidate();
      return toRole(get(id));
    },
    rename(id, name) {
      const row = get(id);
      if (row.is_builtin === 1) throw new ConflictError('builtin-role', `"${row.name}" is a built-in role and cannot be renamed.`);
      ensureFree(name, id);
      rename.run(name, id);
      core.catalog.invalidate();
      return toRole(get(id));
    },
    remove(id) {
      const row = get(id);
      if (row.is_builtin === 1) throw new ConflictError('builtin-role', `"${row.name}" is a built-in role and cannot be deleted.`);
      if (row.member_count > 0) {
        throw new ConflictError(
          'role-in-use',
          `${row.member_count} member${row.member_count === 1 ? ' has' : 's have'} the role "${row.name}". Give them another role first, then delete it.`,
        );
      }
      const settings = core.settings.get();
      if (settings.fallbackRoleId === id) {
        throw new ConflictError('role-is-fallback', `"${row.name}" is the fallback role for unknown role names. Choose another fallback role in Settings first.`);
      }
      const at = core.now().toISOString();
      const fallback = core.catalog.findRoleById(settings.fallbackRoleId);
      db.transaction(() => {
        for (const m of hidden.all(id)) {
          moveMember.run(settings.fallbackRoleId, m.id);
          core.members.addHistory(m.id, at, 'admin', [{ field: 'role', old: row.name, new: fallback?.name ?? null }]);
        }
        del.run(id);
      })();
      core.catalog.invalidate();
    },
  };
}
