import type { FieldChange } from '../../../shared/api/log-events.js';
import type { ReviewGroupKind } from '../../../shared/api/refresh.js';
import type { Db } from './db.js';
import { parseChanges } from './json-columns.js';

/** One IdP group's writes since the last acknowledgement, folded. */
export interface GroupFold {
  readonly groupId: string;
  readonly displayName: string | null;
  readonly firstId: number;
  readonly lastId: number;
  readonly lastAt: string;
  readonly firstOp: string;
  readonly lastOp: string;
  /** The group's own fields touched (`displayName`, `externalId`): the first old value and the last new one. */
  readonly changes: ReadonlyArray<FieldChange>;
  /** Members who joined, and who left, net of each other (review_group_members). */
  readonly joined: number;
  readonly left: number;
  /** Null when the writes net to nothing (created and deleted, a member who joined and left). */
  readonly kind: ReviewGroupKind | null;
}

/** A member's place in a group since the last acknowledgement: `member` or null, first and last. */
export interface GroupMemberFold {
  readonly userName: string;
  readonly firstOld: string | null;
  readonly lastNew: string | null;
}

interface GroupDbRow {
  group_id: string;
  display_name: string | null;
  first_id: number;
  last_id: number;
  last_at: string;
  first_op: string;
  last_op: string;
  kind: ReviewGroupKind | null;
  changes_json: string;
  joined: number;
  left_count: number;
}

const toFold = (r: GroupDbRow): GroupFold => ({
  groupId: r.group_id,
  displayName: r.display_name,
  firstId: r.first_id,
  lastId: r.last_id,
  lastAt: r.last_at,
  firstOp: r.first_op,
  lastOp: r.last_op,
  kind: r.kind,
  // Rows folded by 0011 still carry member lines here; those are in review_group_members now.
  changes: parseChanges(r.changes_json, 'review_group_changes.changes_json').filter((c) => !c.field.startsWith('member:')),
  joined: r.joined,
  left: r.left_count,
});

/**
 * `review_group_changes` (migrations 0011, 0012): one row per IdP group with an unacknowledged net
 * change, and `review_group_members`, one row per group and member it moved. Writes run inside the
 * caller's `uow.write`; reads are preceded by the caller's catch-up and `beforeRead` (review.ts).
 */
export interface ReviewGroupChangesRepo {
  /** The group's fold, when it started after `ack` (an older one was acknowledged). */
  current(groupId: string, ack: number): GroupFold | undefined;
  put(f: GroupFold): void;
  /** The member's fold in the group, when it started after `ack`. */
  member(groupId: string, userName: string, ack: number): GroupMemberFold | undefined;
  putMember(groupId: string, m: GroupMemberFold, logId: number): void;
  /** Count per kind of the group changes after `ack`. */
  counts(ack: number): Array<{ value: ReviewGroupKind; count: number }>;
  /** Newest first, keyset on the newest folded log row id. */
  page(ack: number, beforeId: number | undefined, limit: number): GroupFold[];
  /** Up to `limit` members who joined or left the group (net) since `ack`, oldest first. */
  movedMembers(groupId: string, ack: number, limit: number): GroupMemberFold[];
  /** Forget every fold touched after log row `id` (Acknowledge up to `id`: they are read again). */
  dropAfter(id: number): void;
  /** Delete up to `limit` acknowledged rows of each table; returns how many. */
  prune(ack: number, limit: number): number;
}

export function createReviewGroupChangesRepo(db: Db): ReviewGroupChangesRepo {
  const get = db.prepare<[string, number], GroupDbRow>('SELECT * FROM review_group_changes WHERE group_id = ? AND last_id > ?');
  const put = db.prepare(
    `INSERT OR REPLACE INTO review_group_changes (group_id, display_name, first_id, last_id, last_at, first_op, last_op, kind, changes_json, joined, left_count)
     VALUES (@groupId, @displayName, @firstId, @lastId, @lastAt, @firstOp, @lastOp, @kind, @changesJson, @joined, @left)`,
  );
  const getMember = db.prepare<[string, string, number], { first_old: string | null; last_new: string | null }>(
    'SELECT first_old, last_new FROM review_group_members WHERE group_id = ? AND user_name = ? AND last_id > ?',
  );
  const putMember = db.prepare('INSERT OR REPLACE INTO review_group_members (group_id, user_name, first_old, last_new, last_id) VALUES (?, ?, ?, ?, ?)');
  const counts = db.prepare<[number], { value: ReviewGroupKind; count: number }>(
    'SELECT kind AS value, count(*) AS count FROM review_group_changes WHERE kind IS NOT NULL AND last_id > ? GROUP BY kind ORDER BY count DESC, kind',
  );
  const page = db.prepare<[number, number, number], GroupDbRow>(
    'SELECT * FROM review_group_changes WHERE kind IS NOT NULL AND last_id > ? AND last_id < ? ORDER BY last_id DESC LIMIT ?',
  );
  const moved = db.prepare<[string, number, number], { user_name: string; first_old: string | null; last_new: string | null }>(
    `SELECT user_name, first_old, last_new FROM review_group_members
     WHERE group_id = ? AND last_id > ? AND (first_old IS NULL) <> (last_new IS NULL) ORDER BY last_id LIMIT ?`,
  );
  const dropGroups = db.prepare('DELETE FROM review_group_changes WHERE last_id > ?');
  const dropMembers = db.prepare('DELETE FROM review_group_members WHERE last_id > ?');
  const prune = db.prepare('DELETE FROM review_group_changes WHERE group_id IN (SELECT group_id FROM review_group_changes WHERE last_id <= ? LIMIT ?)');
  const pruneMembers = db.prepare(
    'DELETE FROM review_group_members WHERE (group_id, user_name) IN (SELECT group_id, user_name FROM review_group_members WHERE last_id <= ? LIMIT ?)',
  );
  return {
    current(groupId, ack) {
      const r = get.get(groupId, ack);
      return r && toFold(r);
    },
    put: (f) => void put.run({ ...f, changesJson: JSON.stringify(f.changes satisfies ReadonlyArray<FieldChange>) }),
    member(groupId, userName, ack) {
      const r = getMember.get(groupId, userName, ack);
      return r && { userName, firstOld: r.first_old, lastNew: r.last_new };
    },
    putMember: (groupId, m, logId) => void putMember.run(groupId, m.userName, m.firstOld, m.lastNew, logId),
    counts: (ack) => counts.all(ack),
    page: (ack, beforeId, limit) => page.all(ack, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(toFold),
    movedMembers: (groupId, ack, limit) => moved.all(groupId, ack, limit).map((r) => ({ userName: r.user_name, firstOld: r.first_old, lastNew: r.last_new })),
    dropAfter(id) {
      dropGroups.run(id);
      dropMembers.run(id);
    },
    prune: (ack, limit) => prune.run(ack, limit).changes + pruneMembers.run(ack, limit).changes,
  };
}
