import type { Role } from '../../../shared/api/roles.js';

/** A parsed role change (RolePatchSchema output). */
export interface RolePatchInput {
  readonly name?: string | undefined;
  readonly idpGroups?: ReadonlyArray<string> | undefined;
  readonly position?: number | undefined;
}
import type { Settings } from '../../../shared/api/settings.js';
import type { MemberWriter } from '../members/member-writer.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { RoleRow, RolesRepo } from '../store/roles-repo.js';
import { idpGroupsOf } from '../store/roles-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ConflictError, NotFoundError } from './errors.js';

export interface RolesAdmin {
  list(): Role[];
  /** Create a custom role (at the end of the order), optionally with the IdP groups that grant it. */
  create(name: string, idpGroups?: ReadonlyArray<string>): Role;
  /** Rename a custom role; every member holding it gets a history entry and a new version. */
  rename(id: number, name: string): Role;
  /**
   * Change a role's name (custom roles only), the IdP groups that grant it or its place in the order.
   * When the groups or the order change, the role of every member a group rule can move is decided
   * again in the same transaction, through the member writer (history actor `admin`).
   */
  update(id: number, patch: RolePatchInput): Role;
  /**
   * Delete a custom role. Refused while a visible member has it or while it is the fallback role:
   * silently moving people to another role would change what they may do. Admin-deleted members
   * that still reference it move to the fallback role (their role is decided again on revival).
   */
  remove(id: number): void;
}

export interface RolesAdminDeps {
  readonly uow: UnitOfWork;
  readonly roles: RolesRepo;
  readonly members: Pick<MembersRepo, 'withRole'>;
  readonly writer: MemberWriter;
  /** Decide again the roles a change of the role rules can move (call inside a write). */
  readonly refreshRoles: (actor: string, at: string) => number;
  /** Drop the cached role lookups of the SCIM path after a change. */
  readonly invalidate: () => void;
  readonly settings: () => Settings;
  readonly now: () => Date;
}

export function createRolesAdmin(deps: RolesAdminDeps): RolesAdmin {
  const { uow, roles } = deps;
  const toRole = (r: RoleRow): Role => ({
    id: r.id,
    name: r.name,
    isBuiltin: r.is_builtin === 1,
    memberCount: r.member_count,
    idpGroups: idpGroupsOf(r),
    position: r.position,
  });
  function get(id: number): RoleRow {
    const row = roles.byId(id);
    if (!row) throw new NotFoundError('role-not-found', `There is no role with id ${id}.`);
    return row;
  }
  function ensureFree(name: string, self?: number): void {
    const clash = roles.refByName(name);
    if (clash && clash.id !== self) throw new ConflictError('role-exists', `A role named "${name}" already exists (names are compared without case).`);
  }
  /** Record a role change on every member holding role `id` (any lifecycle), optionally moving them to `to`. */
  function rewriteHolders(id: number, from: string, to: { id: number; name: string | null }, only: (lifecycle: string) => boolean): void {
    const at = deps.now().toISOString();
    for (const m of deps.members.withRole(id)) {
      if (!only(m.lifecycle)) continue;
      deps.writer.save({ prev: m, next: { ...m, role_id: to.id }, changes: [{ field: 'role', old: from, new: to.name }], actor: 'admin', at });
    }
  }

  return {
    list: () => roles.list().map(toRole),
    create(name, idpGroups = []) {
      ensureFree(name);
      const at = deps.now().toISOString();
      const id = uow.write(() => {
        const created = roles.insert(name, at, idpGroups);
        if (idpGroups.length > 0) {
          deps.invalidate();
          deps.refreshRoles('admin', at);
        }
        return created;
      });
      deps.invalidate();
      return toRole(get(id));
    },
    update(id, patch) {
      const row = get(id);
      if (patch.name !== undefined && patch.name !== row.name) {
        if (row.is_builtin === 1) throw new ConflictError('builtin-role', `"${row.name}" is a built-in role and cannot be renamed.`);
        ensureFree(patch.name, id);
      }
      const groups = patch.idpGroups;
      const isGroupsChanged = groups !== undefined && JSON.stringify(groups) !== JSON.stringify(idpGroupsOf(row));
      const isMoved = patch.position !== undefined && patch.position !== row.position;
      const at = deps.now().toISOString();
      uow.write(() => {
        if (patch.name !== undefined && patch.name !== row.name) {
          roles.rename(id, patch.name);
          rewriteHolders(id, row.name, { id, name: patch.name }, () => true);
        }
        if (isGroupsChanged) roles.setIdpGroups(id, groups);
        if (isMoved) roles.move(id, patch.position ?? row.position);
        deps.invalidate();
        if (isGroupsChanged || isMoved) deps.refreshRoles('admin', at);
      });
      deps.invalidate();
      return toRole(get(id));
    },
    rename(id, name) {
      const row = get(id);
      if (row.is_builtin === 1) throw new ConflictError('builtin-role', `"${row.name}" is a built-in role and cannot be renamed.`);
      ensureFree(name, id);
      if (name !== row.name) {
        uow.write(() => {
          roles.rename(id, name);
          rewriteHolders(id, row.name, { id, name }, () => true);
        });
      }
      deps.invalidate();
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
      const { fallbackRoleId } = deps.settings();
      if (fallbackRoleId === id) {
        throw new ConflictError('role-is-fallback', `"${row.name}" is the fallback role for unknown role names. Choose another fallback role under Roles (Role import) first.`);
      }
      const fallback = roles.ref(fallbackRoleId);
      uow.write(() => {
        rewriteHolders(id, row.name, { id: fallbackRoleId, name: fallback?.name ?? null }, (l) => l === 'admin_deleted');
        roles.remove(id);
      });
      deps.invalidate();
    },
  };
}
