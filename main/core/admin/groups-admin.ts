import type { GroupDetail, GroupList, GroupSummary } from '../../../shared/api/groups.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { Catalog } from '../mapping/catalog.js';
import type { GroupSummaryRow, GroupsRepo } from '../store/groups-repo.js';
import type { RolesRepo } from '../store/roles-repo.js';
import { NotFoundError } from './errors.js';

/** Members a group's detail lists; the count says how many there are in all. */
const MEMBERS_SHOWN = 1000;

export interface GroupsAdmin {
  /** Every stored IdP group with its member count and the roles it gives. */
  list(): GroupList;
  detail(id: string): GroupDetail;
}

export interface GroupsAdminDeps {
  readonly groups: Pick<GroupsRepo, 'summaries' | 'byId' | 'visibleMembers'>;
  readonly roles: Pick<RolesRepo, 'ref'>;
  readonly catalog: Pick<Catalog, 'roleRules'>;
  readonly settings: () => Settings;
}

export function createGroupsAdmin(deps: GroupsAdminDeps): GroupsAdmin {
  /** The roles whose IdP groups name `displayName` (without case), in role order. */
  function rolesFor(displayName: string): GroupSummary['roles'] {
    const key = displayName.trim().toLowerCase();
    return deps.catalog
      .roleRules()
      .filter((r) => r.idpGroups.some((g) => g.trim().toLowerCase() === key))
      .map((r) => ({ id: r.role.id, name: r.role.name }));
  }
  const toSummary = (g: GroupSummaryRow): GroupSummary => ({
    id: g.id,
    displayName: g.display_name,
    externalId: g.external_id,
    memberCount: g.member_count,
    roles: rolesFor(g.display_name),
    updatedAt: g.updated_at,
  });
  return {
    list: () => ({ groups: deps.groups.summaries().map(toSummary), groupProvisioning: deps.settings().groupProvisioning }),
    detail(id) {
      const summary = deps.groups.summaries().find((g) => g.id === id);
      if (!summary) throw new NotFoundError('group-not-found', `There is no group with id ${id}.`);
      const members = deps.groups.visibleMembers(id, MEMBERS_SHOWN);
      return {
        ...toSummary(summary),
        members: members.map((m) => ({
          id: m.id,
          userName: m.user_name,
          displayName: m.display_name,
          active: m.active === 1 && m.lifecycle === 'present',
          roleName: m.role_id === null ? null : (deps.roles.ref(m.role_id)?.name ?? null),
        })),
        isTruncated: summary.member_count > members.length,
      };
    },
  };
}
