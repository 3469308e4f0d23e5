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
  /** Every field touched (`displayName`, `member:<userName>`…): the first old value and the last new one. */
  readonly changes: ReadonlyArray<FieldChange>;
  /** Null when the writes net to nothing (created and deleted, a member who joined and left). */
  readonly kind: ReviewGroupKind | null;
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
  changes: parseChanges(r.changes_json, 'review_group_changes.changes_json'),
});

/** `review_group_changes` (migration 0011): one row per IdP group with an unacknowledged net change. */
export interface ReviewGroupChangesRepo {
  /** The group's fold, when it started after `ack` (an older one was acknowledged). */
  current(groupId: string, ack: number): GroupFold | undefined;
  put(f: GroupFold): void;
  /** Count per kind of the group changes after `ack`. */
  counts(ack: number): Array<{ value: ReviewGroupKind; count: number }>;
  /** Newest first, keyset on the newest folded log row id. */
  page(ack: number, beforeId: number | undefined, limit: number): GroupFold[];
  /** Delete up to `limit` acknowledged rows; returns how many. */
  prune(ack: number, limit: number): number;
}

/** Writes run inside the caller's `uow.write`; reads are preceded by the caller's catch-up (review.ts). */
export function createReviewGroupChangesRepo(db: Db): ReviewGroupChangesRepo {
  const get = db.prepare<[string, number], GroupDbRow>('SELECT * FROM review_group_changes WHERE group_id = ? AND last_id > ?');
  const put = db.prepare(
    `INSERT OR REPLACE INTO review_group_changes (group_id, display_name, first_id, last_id, last_at, first_op, last_op, kind, changes_json)
     VALUES (@groupId, @displayName, @firstId, @lastId, @lastAt, @firstOp, @lastOp, @kind, @changesJson)`,
  );
  const counts = db.prepare<[number], { value: ReviewGroupKind; count: number }>(
    'SELECT kind AS value, count(*) AS count FROM review_group_changes WHERE kind IS NOT NULL AND last_id > ? GROUP BY kind ORDER BY count DESC, kind',
  );
  const page = db.prepare<[number, number, number], GroupDbRow>(
    'SELECT * FROM review_group_changes WHERE kind IS NOT NULL AND last_id > ? AND last_id < ? ORDER BY last_id DESC LIMIT ?',
  );
  const prune = db.prepare('DELETE FROM review_group_changes WHERE group_id IN (SELECT group_id FROM review_group_changes WHERE last_id <= ? LIMIT ?)');
  return {
    current(groupId, ack) {
      const r = get.get(groupId, ack);
      return r && toFold(r);
    },
    put: (f) => void put.run({ ...f, changesJson: JSON.stringify(f.changes satisfies ReadonlyArray<FieldChange>) }),
    counts: (ack) => counts.all(ack),
    page: (ack, beforeId, limit) => page.all(ack, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(toFold),
    prune: (ack, limit) => prune.run(ack, limit).changes,
  };
}
