import type { Settings } from '../../../shared/api/settings.js';
import { memberGroupNames } from '../members/member-roles.js';
import type { GroupRef, GroupsRepo } from '../store/groups-repo.js';

/** The member side of IdP groups, as the `/Users` use cases need it. */
export interface UserGroups {
  /** Names of a member's groups for the role decision (none while groups are off). */
  names(memberId: string): string[];
  /** The groups of each listed member, for their read-only `groups` attribute (empty while groups are off). */
  of(memberIds: ReadonlyArray<string>): ReadonlyMap<string, ReadonlyArray<GroupRef>>;
  /**
   * The IdP deleted the member: it leaves every group (a group must not list a user the IdP gets 404
   * for), and each group gets a new version. Returns the names of the groups it was in. Call inside a write.
   */
  leaveAll(memberId: string, at: string): string[];
}

export interface UserGroupsDeps {
  readonly groups: Pick<GroupsRepo, 'groupsOf' | 'groupsOfMembers' | 'removeMember' | 'byId' | 'update'>;
  readonly settings: () => Settings;
}

const NONE: ReadonlyMap<string, ReadonlyArray<GroupRef>> = new Map();

export function createUserGroups(deps: UserGroupsDeps): UserGroups {
  const isOn = (): boolean => deps.settings().groupProvisioning === 'groups';
  return {
    names: memberGroupNames(deps.groups, deps.settings),
    of: (memberIds) => (isOn() ? deps.groups.groupsOfMembers(memberIds) : NONE),
    leaveAll(memberId, at) {
      const left = deps.groups.groupsOf(memberId);
      for (const g of left) {
        deps.groups.removeMember(g.id, memberId);
        const row = deps.groups.byId(g.id);
        if (row) deps.groups.update({ ...row, version: row.version + 1, updated_at: at });
      }
      return left.map((g) => g.display_name);
    },
  };
}
