import { z } from 'zod';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseColumn } from './json-columns.js';

/** A row of `scim_groups` (migration 0010). */
export interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  /** The SCIM resource without id, meta and members. */
  scim_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A group's stored SCIM document (`scim_groups.scim_json`): at least its displayName. */
const StoredGroupDocSchema = z.looseObject({ displayName: z.string() });
export type StoredGroupDoc = z.output<typeof StoredGroupDocSchema>;

/** The group's stored SCIM document, parsed at the repository edge. */
export const groupDocOf = (row: Pick<GroupRow, 'scim_json'>): StoredGroupDoc => parseColumn(StoredGroupDocSchema, row.scim_json, 'scim_groups.scim_json');

/** A group as a member's `groups` and the role decision see it. */
export interface GroupRef {
  readonly id: string;
  readonly display_name: string;
}

/** A member of a group, as the SCIM `members` list and the admin view show it. */
export interface GroupMemberRow {
  readonly id: string;
  readonly user_name: string;
  readonly display_name: string | null;
  readonly active: number;
  readonly lifecycle: string;
  readonly role_id: number | null;
}

/** The admin list: a group with how many visible members it has. */
export interface GroupSummaryRow {
  readonly id: string;
  readonly display_name: string;
  readonly external_id: string | null;
  readonly member_count: number;
  readonly updated_at: string;
}

/** `scim_groups` and `group_members`. Writes go through the group use cases (provisioning/group-writes.ts). */
export interface GroupsRepo {
  byId(id: string): GroupRow | undefined;
  /** Every group, oldest first (the order SCIM lists them in). */
  all(): GroupRow[];
  /** Groups whose displayName is `name`, in any case (Entra's and Okta's lookup). */
  byDisplayName(name: string): GroupRow[];
  byExternalId(externalId: string): GroupRow[];
  count(): number;
  insert(row: GroupRow): void;
  update(row: GroupRow): void;
  remove(id: string): void;
  /** Ids of every member of the group, whatever their lifecycle. */
  memberIds(groupId: string): string[];
  /** Members the IdP can see (present), for the SCIM `members` list. */
  presentMembers(groupId: string): GroupMemberRow[];
  /** Members the admin can see (not admin-deleted), at most `limit`. */
  visibleMembers(groupId: string, limit: number): GroupMemberRow[];
  addMember(groupId: string, memberId: string): void;
  removeMember(groupId: string, memberId: string): void;
  /** The member's groups, by name. */
  groupsOf(memberId: string): GroupRef[];
  /** The groups of several members at once (a SCIM list page). */
  groupsOfMembers(memberIds: ReadonlyArray<string>): Map<string, GroupRef[]>;
  /** Members in at least one group (whose role a change of the role rules can move). */
  memberIdsInAnyGroup(): string[];
  summaries(): GroupSummaryRow[];
  /** Forget what is cached about the table (a write batch was rolled back as a whole). */
  resetCache(): void;
}

export function createGroupsRepo(db: Db, uow: UnitOfWork): GroupsRepo {
  const read = uow.beforeRead;
  const cols = 'id, display_name, external_id, scim_json, version, created_at, updated_at';
  const byId = db.prepare<[string], GroupRow>(`SELECT ${cols} FROM scim_groups WHERE id = ?`);
  const all = db.prepare<[], GroupRow>(`SELECT ${cols} FROM scim_groups ORDER BY rowid`);
  const byName = db.prepare<[string], GroupRow>(`SELECT ${cols} FROM scim_groups WHERE display_name = ? COLLATE NOCASE ORDER BY rowid`);
  const byExternal = db.prepare<[string], GroupRow>(`SELECT ${cols} FROM scim_groups WHERE external_id = ? ORDER BY rowid`);
  const count = db.prepare<[], number>('SELECT count(*) FROM scim_groups').pluck();
  const insert = db.prepare(`INSERT INTO scim_groups (${cols}) VALUES (@id, @display_name, @external_id, @scim_json, @version, @created_at, @updated_at)`);
  const update = db.prepare(
    'UPDATE scim_groups SET display_name = @display_name, external_id = @external_id, scim_json = @scim_json, version = @version, updated_at = @updated_at WHERE id = @id',
  );
  const del = db.prepare('DELETE FROM scim_groups WHERE id = ?');
  const memberIds = db.prepare<[string], string>('SELECT member_id FROM group_members WHERE group_id = ? ORDER BY member_id').pluck();
  const memberCols = 'm.id, m.user_name, m.display_name, m.active, m.lifecycle, m.role_id';
  const present = db.prepare<[string], GroupMemberRow>(
    `SELECT ${memberCols} FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE gm.group_id = ? AND m.lifecycle = 'present' ORDER BY m.user_name, m.id`,
  );
  const visible = db.prepare<[string, number], GroupMemberRow>(
    `SELECT ${memberCols} FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE gm.group_id = ? AND m.lifecycle <> 'admin_deleted' ORDER BY m.user_name, m.id LIMIT ?`,
  );
  const add = db.prepare('INSERT OR IGNORE INTO group_members (group_id, member_id) VALUES (?, ?)');
  const drop = db.prepare('DELETE FROM group_members WHERE group_id = ? AND member_id = ?');
  const groupsOf = db.prepare<[string], GroupRef>(
    'SELECT g.id, g.display_name FROM group_members gm JOIN scim_groups g ON g.id = gm.group_id WHERE gm.member_id = ? ORDER BY g.display_name COLLATE NOCASE, g.id',
  );
  // One statement for any page size: the ids travel as one JSON array.
  const groupsOfMany = db.prepare<[string], GroupRef & { member_id: string }>(
    `SELECT gm.member_id, g.id, g.display_name FROM group_members gm JOIN scim_groups g ON g.id = gm.group_id
     WHERE gm.member_id IN (SELECT value FROM json_each(?)) ORDER BY g.display_name COLLATE NOCASE, g.id`,
  );
  const inAny = db.prepare<[], string>('SELECT DISTINCT member_id FROM group_members ORDER BY member_id').pluck();
  const summaries = db.prepare<[], GroupSummaryRow>(
    `SELECT g.id, g.display_name, g.external_id, g.updated_at,
       (SELECT count(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE gm.group_id = g.id AND m.lifecycle <> 'admin_deleted') AS member_count
     FROM scim_groups g ORDER BY g.display_name COLLATE NOCASE, g.id`,
  );
  // Whether any membership exists. Most installations have none (users only, or groups not used
  // for roles): then a user's groups are known without a query on every IdP lookup and write.
  // A membership change clears it, and so does the commit of its batch and a rolled-back batch: a
  // value read inside a write that then rolls back to its savepoint never outlives that batch.
  const anyMembership = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM group_members)').pluck();
  let hasMemberships: boolean | undefined;
  let isClearQueued = false;
  const isEmpty = (): boolean => !(hasMemberships ??= anyMembership.get() === 1);
  const changed = (now: true | undefined): void => {
    hasMemberships = now;
    if (isClearQueued) return;
    isClearQueued = true;
    uow.afterCommit(() => {
      isClearQueued = false;
      hasMemberships = undefined;
    });
  };
  return {
    byId: (id) => (read(), byId.get(id)),
    all: () => (read(), all.all()),
    byDisplayName: (name) => (read(), byName.all(name)),
    byExternalId: (x) => (read(), byExternal.all(x)),
    count: () => (read(), count.get() ?? 0),
    insert: (row) => void insert.run(row),
    update: (row) => void update.run(row),
    remove(id) {
      changed(undefined);
      del.run(id);
    },
    memberIds: (groupId) => (read(), memberIds.all(groupId)),
    presentMembers: (groupId) => (read(), present.all(groupId)),
    visibleMembers: (groupId, limit) => (read(), visible.all(groupId, limit)),
    addMember(groupId, memberId) {
      changed(true);
      add.run(groupId, memberId);
    },
    removeMember(groupId, memberId) {
      changed(undefined);
      drop.run(groupId, memberId);
    },
    groupsOf: (memberId) => (read(), isEmpty() ? [] : groupsOf.all(memberId)),
    groupsOfMembers(memberIds) {
      const out = new Map<string, GroupRef[]>();
      if (memberIds.length === 0) return out;
      read();
      if (isEmpty()) return out;
      // One member (every IdP lookup and write answer): the plain index join, no JSON list to unpack.
      if (memberIds.length === 1) {
        const [id] = memberIds as [string];
        const list = groupsOf.all(id);
        if (list.length > 0) out.set(id, list);
        return out;
      }
      for (const r of groupsOfMany.all(JSON.stringify(memberIds))) {
        const list = out.get(r.member_id) ?? [];
        list.push({ id: r.id, display_name: r.display_name });
        out.set(r.member_id, list);
      }
      return out;
    },
    memberIdsInAnyGroup: () => (read(), inAny.all()),
    summaries: () => (read(), summaries.all()),
    resetCache: () => {
      hasMemberships = undefined;
      isClearQueued = false;
    },
  };
}
