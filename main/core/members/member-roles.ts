import type { FieldChange } from '../../../shared/api/log-events.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { Catalog } from '../mapping/catalog.js';
import { roleContextOf } from '../mapping/catalog.js';
import { decideRole } from '../mapping/role-map.js';
import type { GroupsRepo } from '../store/groups-repo.js';
import { storedDocOf } from '../store/member-row.js';
import type { MemberRow, MembersRepo } from '../store/members-repo.js';
import type { MemberWriter } from './member-writer.js';

/** The names of a member's IdP groups as the role decision sees them: none while groups are off. */
export function memberGroupNames(groups: Pick<GroupsRepo, 'groupsOf'>, settings: () => Settings): (memberId: string) => string[] {
  return (memberId) => (settings().groupProvisioning === 'groups' ? groups.groupsOf(memberId).map((g) => g.display_name) : []);
}

/** How a member's groups read in the history and the log: names in order, or null for none. */
export const groupListText = (names: ReadonlyArray<string>): string | null => (names.length === 0 ? null : names.join(', '));

export interface MemberRoles {
  /**
   * Decide a member's role again after its groups (or the role rules) changed, and write what
   * changed through the member writer: `groups` (when `groupsBefore` is given and differs), `role`
   * and `roleSource`. Never refuses: "Do not provision" applies to creates only. Call inside a write.
   */
  refresh(member: MemberRow, how: { readonly actor: string; readonly at: string; readonly groupsBefore?: ReadonlyArray<string> }): { readonly row: MemberRow; readonly changes: FieldChange[] };
  /**
   * Decide again the role of every member a change of the role rules can move: members in any group
   * and members whose role a group gave. Returns how many members changed. Call inside a write.
   */
  refreshAll(actor: string, at: string): number;
}

export interface MemberRolesDeps {
  readonly writer: MemberWriter;
  readonly catalog: Catalog;
  readonly settings: () => Settings;
  readonly members: Pick<MembersRepo, 'byId' | 'withGroupRole'>;
  readonly groups: Pick<GroupsRepo, 'groupsOf' | 'memberIdsInAnyGroup'>;
}

export function createMemberRoles(deps: MemberRolesDeps): MemberRoles {
  const groupNames = memberGroupNames(deps.groups, deps.settings);
  const roleName = (id: number | null): string | null => (id === null ? null : (deps.catalog.findRoleById(id)?.name ?? null));

  function refresh(member: MemberRow, how: { readonly actor: string; readonly at: string; readonly groupsBefore?: ReadonlyArray<string> }) {
    const after = groupNames(member.id);
    const decision = decideRole(
      storedDocOf(member),
      { roleId: member.role_id, roleLocked: member.role_locked === 1, roleSource: member.role_source },
      roleContextOf(deps.catalog, deps.settings()),
      { groups: after, isCreate: false },
    );
    const changes: FieldChange[] = [];
    const before = how.groupsBefore === undefined ? undefined : groupListText(how.groupsBefore);
    if (how.groupsBefore !== undefined && before !== groupListText(after)) changes.push({ field: 'groups', old: before ?? null, new: groupListText(after) });
    // isCreate is false, so the decision is never a refusal; the guard keeps the types honest.
    if (decision.kind !== 'role') return { row: member, changes: [] };
    // A fallback for a role name that does not exist says which (the review lists it under "fell back").
    const requested = decision.requested === undefined ? {} : { requested: decision.requested };
    if (decision.role.id !== member.role_id) changes.push({ field: 'role', old: roleName(member.role_id), new: decision.role.name, ...requested });
    if (decision.source !== member.role_source) changes.push({ field: 'roleSource', old: member.role_source, new: decision.source });
    if (changes.length === 0) return { row: member, changes };
    const next: MemberRow = { ...member, role_id: decision.role.id, role_source: decision.source };
    return { row: deps.writer.save({ prev: member, next, changes, actor: how.actor, at: how.at }), changes };
  }

  return {
    refresh,
    refreshAll(actor, at) {
      const ids = new Set([...deps.groups.memberIdsInAnyGroup(), ...deps.members.withGroupRole().map((m) => m.id)]);
      let changed = 0;
      for (const id of ids) {
        const member = deps.members.byId(id);
        if (member && refresh(member, { actor, at }).changes.length > 0) changed++;
      }
      return changed;
    },
  };
}
