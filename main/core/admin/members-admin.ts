import { MEMBER_FIELDS, MEMBER_FIELD_LABELS } from '../../../shared/api/mapping.js';
import type { FieldChange } from '../../../shared/api/log-events.js';
import type { MemberDetail, MemberPatch } from '../../../shared/api/members.js';
import type { Core } from '../create-core.js';
import { toScimUser } from '../scim/resources/user.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import { FIELD_COLUMNS, fieldsOf } from '../store/members-repo.js';
import type { MemberRow } from '../store/members-repo.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import type { ListedMember } from './members-list.js';
import { csvLine } from './csv.js';

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

export function createMembersAdmin(core: Core, tenantUrl: () => string): MembersAdmin {
  const { db, members } = core;
  const held = db.prepare<[string], { asset_id: number; tag: string; name: string; checked_out_at: string }>(
    `SELECT a.id AS asset_id, a.tag, a.name, c.checked_out_at FROM checkouts c JOIN assets a ON a.id = c.asset_id
     WHERE c.member_id = ? AND c.checked_in_at IS NULL ORDER BY c.checked_out_at, a.tag`,
  );
  const anyCheckout = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM checkouts WHERE member_id = ?');
  const history = db.prepare<[string, number], { at: string; actor: string; changes_json: string }>(
    'SELECT at, actor, changes_json FROM member_history WHERE member_id = ? ORDER BY id DESC LIMIT ?',
  );

  function visible(id: string): MemberRow {
    const row = members.byId(id);
    if (!row || row.lifecycle === 'admin_deleted') throw new NotFoundError('member-not-found', `There is no member with id ${id}.`);
    return row;
  }

  function detail(id: string): MemberDetail {
    const row = visible(id);
    const assets = held.all(id);
    const changeSets: MemberDetail['history'] = history
      .all(id, HISTORY_ROWS)
      .map((h) => ({ at: h.at, actor: h.actor, changes: JSON.parse(h.changes_json) as MemberDetail['history'][number]['changes'] }));
    return {
      id: row.id,
      userName: row.user_name,
      displayName: row.display_name,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      jobTitle: row.job_title,
      department: row.department,
      active: row.active === 1 && row.lifecycle === 'present',
      source: row.source,
      roleId: row.role_id,
      roleName: row.role_id !== null ? (core.catalog.findRoleById(row.role_id)?.name ?? null) : null,
      roleLocked: row.role_locked === 1,
      heldAssets: assets.length,
      leaverHoldingAssets: row.leaver_holding_assets === 1,
      updatedAt: row.updated_at,
      externalId: row.external_id,
      fields: fieldsOf(row),
      custom: JSON.parse(row.custom_json) as MemberDetail['custom'],
      createdAt: row.created_at,
      lastProvisionedAt: row.last_provisioned_at,
      version: row.version,
      scimResource: toScimUser(row, tenantUrl()),
      assets: assets.map((a) => ({ assetId: a.asset_id, tag: a.tag, name: a.name, checkedOutAt: a.checked_out_at })),
      history: changeSets,
      hasCheckoutHistory: (anyCheckout.get(id)?.n ?? 0) > 0,
    };
  }

  function patch(id: string, p: MemberPatch): MemberDetail {
    const row = visible(id);
    const next: MemberRow = { ...row };
    const changes: FieldChange[] = [];
    const roleName = (roleId: number | null): string | null => (roleId === null ? null : (core.catalog.findRoleById(roleId)?.name ?? null));
    if (p.roleId !== undefined && p.roleId !== row.role_id) {
      if (!core.catalog.findRoleById(p.roleId)) throw new InvalidInputError('unknown-role', `There is no role with id ${p.roleId}.`);
      changes.push({ field: 'role', old: roleName(row.role_id), new: roleName(p.roleId) });
      next.role_id = p.roleId;
    }
    if (p.roleLocked !== undefined && p.roleLocked !== (row.role_locked === 1)) {
      changes.push({ field: 'roleLocked', old: String(row.role_locked === 1), new: String(p.roleLocked) });
      next.role_locked = p.roleLocked ? 1 : 0;
    }
    const isActive = row.active === 1 && row.lifecycle === 'present';
    if (p.active !== undefined && p.active !== isActive) {
      if (row.lifecycle !== 'present') {
        throw new ConflictError('member-deleted-by-idp', `The identity provider deleted ${row.user_name}; the member comes back when the IdP provisions it again.`);
      }
      changes.push({ field: 'active', old: String(isActive), new: String(p.active) });
      next.active = p.active ? 1 : 0;
      // Keep the SCIM resource in step, so the IdP's next GET sees the state the admin set.
      next.scim_json = JSON.stringify({ ...(JSON.parse(row.scim_json) as UserDoc), active: p.active });
      // Deactivating someone who still holds assets is the admin's call; flag them so the leavers list shows it.
      const isLeaver = !p.active && members.openCheckoutCount(id) > 0;
      if (isLeaver !== (row.leaver_holding_assets === 1)) {
        changes.push({ field: 'leaverHoldingAssets', old: String(row.leaver_holding_assets === 1), new: String(isLeaver) });
        next.leaver_holding_assets = isLeaver ? 1 : 0;
      }
    }
    if (changes.length === 0) return detail(id);
    const at = core.now().toISOString();
    db.transaction(() => {
      members.update({ ...next, version: row.version + 1, updated_at: at }, row);
      members.addHistory(id, at, 'admin', changes);
    })();
    return detail(id);
  }

  function remove(id: string): void {
    const row = visible(id);
    const tags = members.openCheckoutTags(id, 5);
    if (tags.length > 0) {
      const n = members.openCheckoutCount(id);
      throw new ConflictError(
        'member-holds-assets',
        `${row.user_name} still has ${n} asset${n === 1 ? '' : 's'} checked out (${tags.join(', ')}${n > tags.length ? ', …' : ''}). Check them in, or deactivate the member instead of deleting it.`,
      );
    }
    if ((anyCheckout.get(id)?.n ?? 0) > 0) {
      throw new ConflictError(
        'member-has-checkout-history',
        `${row.user_name} has checkout history, which deleting would lose. Deactivate the member instead.`,
      );
    }
    const at = core.now().toISOString();
    db.transaction(() => {
      members.update({ ...row, lifecycle: 'admin_deleted', deleted_at: at, updated_at: at, version: row.version + 1 }, row);
      members.addHistory(id, at, 'admin', [{ field: 'deletedByAdmin', old: null, new: at }]);
    })();
    core.logger.info({ memberId: id }, 'member deleted by the admin');
  }

  return { detail, patch, remove };
}

/** CSV header of the member export: fixed columns, the member fields, then the custom fields. */
export function memberCsvHeader(customKeys: ReadonlyArray<string>): string {
  return csvLine([
    'id', 'userName', 'externalId', 'active', 'source', 'role', 'roleLocked', 'heldAssets', 'leaverHoldingAssets',
    ...MEMBER_FIELDS.map((f) => MEMBER_FIELD_LABELS[f]), ...customKeys.map((k) => `custom:${k}`),
    'createdAt', 'updatedAt', 'lastProvisionedAt',
  ]);
}

/** One member as a CSV line, in {@link memberCsvHeader} order. */
export function memberCsvLine(r: ListedMember, customKeys: ReadonlyArray<string>): string {
  const custom = JSON.parse(r.custom_json) as Record<string, string | number | boolean | null>;
  return csvLine([
    r.id, r.user_name, r.external_id, r.active === 1 && r.lifecycle === 'present', r.source, r.role_name, r.role_locked === 1, r.held, r.leaver_holding_assets === 1,
    ...MEMBER_FIELDS.map((f) => r[FIELD_COLUMNS[f] as keyof ListedMember] as string | null), ...customKeys.map((k) => custom[k] ?? null),
    r.created_at, r.updated_at, r.last_provisioned_at,
  ]);
}
