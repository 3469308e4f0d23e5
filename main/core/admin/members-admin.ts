import type { FieldChange } from '../../../shared/api/log-events.js';
import type { MemberDetail, MemberPatch } from '../../../shared/api/members.js';
import type { Logger } from '../logger.js';
import type { MemberWriter } from '../members/member-writer.js';
import { toScimUser } from '../scim/resources/user.js';
import type { AssetsRepo } from '../store/assets-repo.js';
import type { HistoryRepo } from '../store/history-repo.js';
import { customOf, fieldsOf, isActiveMember, storedDocOf } from '../store/member-row.js';
import type { MemberRow } from '../store/member-row.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { RolesRepo } from '../store/roles-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';

/** Change sets shown on the detail page (newest first); older ones stay in the table. */
const HISTORY_ROWS = 1000;

export interface MembersAdmin {
  detail(id: string): MemberDetail;
  /** Role, role lock and active, changed by the admin (history actor `admin`). */
  patch(id: string, patch: MemberPatch): MemberDetail;
  /**
   * Admin delete: the member leaves the app's lists and SCIM answers 404 for it, but the row is kept
   * so the IdP's next PATCH/PUT brings it back with the same id. Refused while it holds assets or
   * has any checkout history: that record must survive, so such members are deactivated instead.
   */
  remove(id: string): void;
}

export interface MembersAdminDeps {
  readonly uow: UnitOfWork;
  readonly members: Pick<MembersRepo, 'byId'>;
  readonly assets: Pick<AssetsRepo, 'heldBy' | 'heldCount' | 'heldTags' | 'hasCheckoutHistory'>;
  readonly history: Pick<HistoryRepo, 'forMember'>;
  readonly roles: Pick<RolesRepo, 'ref'>;
  readonly writer: MemberWriter;
  readonly tenantUrl: () => string;
  readonly now: () => Date;
  readonly logger: Logger;
}

export function createMembersAdmin(deps: MembersAdminDeps): MembersAdmin {
  const { members, assets } = deps;
  const roleName = (roleId: number | null): string | null => (roleId === null ? null : (deps.roles.ref(roleId)?.name ?? null));

  function visible(id: string): MemberRow {
    const row = members.byId(id);
    if (!row || row.lifecycle === 'admin_deleted') throw new NotFoundError('member-not-found', `There is no member with id ${id}.`);
    return row;
  }

  function detail(id: string): MemberDetail {
    const row = visible(id);
    const held = assets.heldBy(id);
    return {
      id: row.id,
      userName: row.user_name,
      displayName: row.display_name,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      jobTitle: row.job_title,
      department: row.department,
      active: isActiveMember(row),
      source: row.source,
      roleId: row.role_id,
      roleName: roleName(row.role_id),
      roleLocked: row.role_locked === 1,
      heldAssets: held.length,
      leaverHoldingAssets: row.leaver_holding_assets === 1,
      updatedAt: row.updated_at,
      externalId: row.external_id,
      fields: fieldsOf(row),
      custom: customOf(row),
      createdAt: row.created_at,
      lastProvisionedAt: row.last_provisioned_at,
      version: row.version,
      scimResource: toScimUser(row, deps.tenantUrl(), storedDocOf(row)),
      assets: held,
      history: deps.history.forMember(id, HISTORY_ROWS),
      hasCheckoutHistory: assets.hasCheckoutHistory(id),
    };
  }

  /** The row the admin's patch asks for, with what changed; throws on a refused change. */
  function patched(row: MemberRow, p: MemberPatch): { next: MemberRow; changes: FieldChange[] } {
    const next: MemberRow = { ...row };
    const changes: FieldChange[] = [];
    if (p.roleId !== undefined && p.roleId !== row.role_id) {
      if (!deps.roles.ref(p.roleId)) throw new InvalidInputError('unknown-role', `There is no role with id ${p.roleId}.`);
      changes.push({ field: 'role', old: roleName(row.role_id), new: roleName(p.roleId) });
      next.role_id = p.roleId;
    }
    if (p.roleLocked !== undefined && p.roleLocked !== (row.role_locked === 1)) {
      changes.push({ field: 'roleLocked', old: String(row.role_locked === 1), new: String(p.roleLocked) });
      next.role_locked = p.roleLocked ? 1 : 0;
    }
    const isActive = isActiveMember(row);
    if (p.active !== undefined && p.active !== isActive) {
      if (row.lifecycle !== 'present') {
        throw new ConflictError('member-deleted-by-idp', `The identity provider deleted ${row.user_name}; the member comes back when the IdP provisions it again.`);
      }
      changes.push({ field: 'active', old: String(isActive), new: String(p.active) });
      next.active = p.active ? 1 : 0;
      // Keep the SCIM resource in step, so the IdP's next GET sees the state the admin set.
      next.scim_json = JSON.stringify({ ...storedDocOf(row), active: p.active });
      // Deactivating someone who still holds assets is the admin's call; flag them so the leavers list shows it.
      const isLeaver = !p.active && assets.heldCount(row.id) > 0;
      if (isLeaver !== (row.leaver_holding_assets === 1)) {
        changes.push({ field: 'leaverHoldingAssets', old: String(row.leaver_holding_assets === 1), new: String(isLeaver) });
        next.leaver_holding_assets = isLeaver ? 1 : 0;
      }
    }
    return { next, changes };
  }

  function patch(id: string, p: MemberPatch): MemberDetail {
    deps.uow.write(() => {
      const row = visible(id);
      const { next, changes } = patched(row, p);
      deps.writer.save({ prev: row, next, changes, actor: 'admin', at: deps.now().toISOString() });
    });
    return detail(id);
  }

  function remove(id: string): void {
    const row = visible(id);
    const tags = assets.heldTags(id, 5);
    if (tags.length > 0) {
      const n = assets.heldCount(id);
      throw new ConflictError(
        'member-holds-assets',
        `${row.user_name} still has ${n} asset${n === 1 ? '' : 's'} checked out (${tags.join(', ')}${n > tags.length ? ', …' : ''}). Check them in, or deactivate the member instead of deleting it.`,
      );
    }
    if (assets.hasCheckoutHistory(id)) {
      throw new ConflictError('member-has-checkout-history', `${row.user_name} has checkout history, which deleting would lose. Deactivate the member instead.`);
    }
    const at = deps.now().toISOString();
    deps.uow.write(() =>
      deps.writer.save({ prev: row, next: { ...row, lifecycle: 'admin_deleted', deleted_at: at }, changes: [{ field: 'deletedByAdmin', old: null, new: at }], actor: 'admin', at }),
    );
    deps.logger.info({ memberId: id }, 'member deleted by the admin');
  }

  return { detail, patch, remove };
}
