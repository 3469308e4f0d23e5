import { randomUUID } from 'node:crypto';
import type { FieldChange, LogOperation } from '../../../shared/api/log-events.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { MemberRoles } from '../members/member-roles.js';
import { ScimError, invalidValue, notFound } from '../scim/errors.js';
import { applyGroupPatch } from '../scim/group-patch.js';
import { parsePatchBody } from '../scim/patch.js';
import { toGroupInput } from '../scim/resources/group.js';
import type { GroupDoc } from '../scim/resources/group.js';
import { etagOf } from '../scim/resources/user.js';
import { groupDocOf } from '../store/groups-repo.js';
import type { GroupRow, GroupsRepo } from '../store/groups-repo.js';
import type { MemberRow, MembersRepo } from '../store/members-repo.js';
import { USERS_ONLY_GUIDANCE, groupResourceOf } from './group-reads.js';
import type { ScimLog, WriteReport } from './scim-log.js';
import type { ScimOutcome, ScimRequestContext } from './scim-request.js';

export interface GroupUseCaseDeps {
  readonly log: ScimLog;
  readonly groups: Pick<GroupsRepo, 'byId' | 'insert' | 'update' | 'remove' | 'memberIds' | 'presentMembers' | 'addMember' | 'removeMember'>;
  readonly members: Pick<MembersRepo, 'byId'>;
  /** Members' groups as the role decision sees them, and the role decided again after a change. */
  readonly memberGroups: (memberId: string) => ReadonlyArray<string>;
  readonly roles: Pick<MemberRoles, 'refresh'>;
  readonly settings: () => Settings;
  readonly now: () => Date;
  readonly newId?: () => string;
}

/** How many unknown member ids a refusal names. */
const IDS_IN_DETAIL = 5;

const actorOf = (ctx: ScimRequestContext): string => `scim:${ctx.client}:${ctx.requestId}`;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Changes to the group's own attributes, in the admin's words. */
function docChanges(prev: GroupDoc | undefined, next: GroupDoc): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of ['displayName', 'externalId'] as const) {
    const [o, n] = [str(prev?.[field]), str(next[field])];
    if (o !== n) out.push({ field, old: o, new: n });
  }
  return out;
}

/** POST /Groups, PUT and PATCH /Groups/{id}, DELETE /Groups/{id}. */
export function createGroupWrites(deps: GroupUseCaseDeps) {
  const { log, groups } = deps;
  const newId = deps.newId ?? randomUUID;

  function requireGroups(): void {
    if (deps.settings().groupProvisioning !== 'groups') throw new ScimError(400, 'invalidValue', USERS_ONLY_GUIDANCE);
  }
  function existing(id: string): GroupRow {
    const row = groups.byId(id);
    if (!row) throw notFound(`Group ${id} not found.`);
    return row;
  }
  /** A user the IdP may put in a group: present, or deleted by the admin (the IdP's next write revives it). */
  function joinable(ids: ReadonlyArray<string>): MemberRow[] {
    const rows = ids.map((id) => [id, deps.members.byId(id)] as const);
    const unknown = rows.filter(([, m]) => !m || m.lifecycle === 'idp_deleted').map(([id]) => id);
    if (unknown.length > 0) {
      const named = unknown.slice(0, IDS_IN_DETAIL).map((id) => `"${id}"`).join(', ') + (unknown.length > IDS_IN_DETAIL ? ` and ${unknown.length - IDS_IN_DETAIL} more` : '');
      throw invalidValue(
        `${unknown.length === 1 ? 'Member' : 'Members'} ${named} ${unknown.length === 1 ? 'is not a user' : 'are not users'} SCIM Desk knows. ` +
          'A group member is a user id from SCIM Desk (the "id" of POST /Users); provision the user first.',
      );
    }
    return rows.map(([, m]) => m as MemberRow);
  }

  /** One log row per member whose groups (and maybe role) the change moved, with what changed for it. */
  function memberRow(m: MemberRow, how: 'Joined' | 'Left' | 'Renamed', group: GroupRow, prevName: string, changes: FieldChange[]): WriteReport {
    const detail = how === 'Renamed' ? `Group "${prevName}" renamed to "${group.display_name}".` : `${how} group "${group.display_name}".`;
    return { operation: 'group-membership', memberId: m.id, userName: m.user_name, groupId: group.id, groupName: group.display_name, changes, detail };
  }

  /**
   * Write a group (new version when anything changed) and its members, then decide again the role of
   * every member it moved in or out (or, on a rename, of every member: roles match group names).
   * Shared by POST, PUT, PATCH and DELETE.
   */
  function save(prev: GroupRow | undefined, id: string, next: { doc: GroupDoc; members: ReadonlyArray<string> }, ctx: ScimRequestContext, operation: LogOperation) {
    const at = deps.now().toISOString();
    const before = new Set(prev ? groups.memberIds(id) : []);
    const after = new Set(next.members);
    const added = joinable([...after].filter((id) => !before.has(id)));
    const removed = [...before].filter((m) => !after.has(m)).flatMap((m) => deps.members.byId(m) ?? []);
    const prevName = prev?.display_name ?? next.doc.displayName;
    const stay = prevName !== next.doc.displayName ? [...after].filter((m) => before.has(m)).flatMap((m) => deps.members.byId(m) ?? []) : [];
    const groupsBefore = new Map([...added, ...removed, ...stay].map((m) => [m.id, [...deps.memberGroups(m.id)]]));
    const changes: FieldChange[] = [
      ...docChanges(prev ? groupDocOf(prev) : undefined, next.doc),
      ...added.map((m) => ({ field: `member:${m.user_name}`, old: null, new: 'member' })),
      ...removed.map((m) => ({ field: `member:${m.user_name}`, old: 'member', new: null })),
    ];
    const scimJson = JSON.stringify(next.doc);
    const fresh: GroupRow = { id, display_name: next.doc.displayName, external_id: str(next.doc.externalId), scim_json: scimJson, version: 1, created_at: at, updated_at: at };
    let saved = prev ?? fresh;
    if (!prev) groups.insert(fresh);
    else if (changes.length > 0 || prev.scim_json !== scimJson) {
      saved = { ...fresh, version: prev.version + 1, created_at: prev.created_at };
      groups.update(saved);
    }
    for (const m of removed) groups.removeMember(id, m.id);
    for (const m of added) groups.addMember(id, m.id);
    const related: WriteReport[] = [];
    for (const [how, list] of [['Joined', added], ['Left', removed], ['Renamed', stay]] as const) {
      for (const m of list) {
        const r = deps.roles.refresh(m, { actor: actorOf(ctx), at, groupsBefore: groupsBefore.get(m.id) ?? [] });
        if (r.changes.length > 0) related.push(memberRow(m, how, saved, prevName, r.changes));
      }
    }
    return { saved, related, log: { operation, groupId: id, groupName: saved.display_name, changes } satisfies WriteReport };
  }

  const subject = (id: string) => () => {
    const g = groups.byId(id);
    return { groupId: id, groupName: g?.display_name ?? null };
  };

  function create(ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, null, () => {
      requireGroups();
      const r = save(undefined, newId(), toGroupInput(ctx.body), ctx, 'group-create');
      const headers = { Location: `${ctx.baseUrl}/Groups/${r.saved.id}`, ETag: etagOf(r.saved.version) };
      return { outcome: { status: 201, body: groupResourceOf(groups, r.saved, ctx), headers }, log: r.log, related: r.related };
    });
  }

  /** PUT replaces the group. A body without `members` keeps them (Okta AIW sends them; a missing list must not empty a group). */
  function replace(id: string, ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, null, () => {
      requireGroups();
      const prev = existing(id);
      const input = toGroupInput(ctx.body);
      const hasMembers = typeof ctx.body === 'object' && ctx.body !== null && Object.keys(ctx.body).some((k) => k.toLowerCase() === 'members');
      const r = save(prev, id, { doc: input.doc, members: hasMembers ? input.members : groups.memberIds(id) }, ctx, 'group-replace');
      return { outcome: { status: 200, body: groupResourceOf(groups, r.saved, ctx), headers: { ETag: etagOf(r.saved.version) } }, log: r.log, related: r.related };
    }, subject(id));
  }

  /** PATCH answers 204, as Entra recommends for groups and Okta accepts; the member list is not sent back. */
  function patch(id: string, ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, null, () => {
      requireGroups();
      const ops = parsePatchBody(ctx.body);
      const prev = existing(id);
      const next = applyGroupPatch({ doc: groupDocOf(prev), members: groups.memberIds(id) }, ops, id);
      const r = save(prev, id, next, ctx, 'group-update');
      return { outcome: { status: 204, headers: { ETag: etagOf(r.saved.version) } }, log: r.log, related: r.related };
    }, subject(id));
  }

  /** DELETE: the members leave the group (their roles are decided again), then the group goes: 204, then 404. */
  function remove(id: string, ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, null, () => {
      if (deps.settings().groupProvisioning !== 'groups') throw notFound(`Group ${id} not found. ${USERS_ONLY_GUIDANCE}`);
      const prev = existing(id);
      const r = save(prev, id, { doc: groupDocOf(prev), members: [] }, ctx, 'group-delete');
      groups.remove(id);
      return { outcome: { status: 204 }, log: r.log, related: r.related };
    }, subject(id));
  }

  return { create, replace, patch, remove };
}
