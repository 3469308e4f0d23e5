import type { FieldChange } from '../../../shared/api/log-events.js';
import type { ReviewKind } from '../../../shared/api/refresh.js';
import type { Db } from './db.js';
import { parseChanges } from './json-columns.js';

/** One member's writes since the last acknowledgement, folded. */
export interface MemberFold {
  readonly memberId: string;
  readonly userName: string | null;
  readonly displayName: string | null;
  readonly firstId: number;
  readonly lastId: number;
  readonly lastAt: string;
  readonly firstOp: string;
  readonly lastOp: string;
  readonly revived: boolean;
  /** Every field touched: the first old value and the last new one (also those that net to nothing). */
  readonly changes: ReadonlyArray<FieldChange>;
  /** Null when the writes net to nothing. */
  readonly kind: ReviewKind | null;
}

interface ChangeDbRow {
  member_id: string;
  user_name: string | null;
  display_name: string | null;
  first_id: number;
  last_id: number;
  last_at: string;
  first_op: string;
  last_op: string;
  revived: number;
  kind: ReviewKind | null;
  changes_json: string;
}

const toFold = (r: ChangeDbRow): MemberFold => ({
  memberId: r.member_id,
  userName: r.user_name,
  displayName: r.display_name,
  firstId: r.first_id,
  lastId: r.last_id,
  lastAt: r.last_at,
  firstOp: r.first_op,
  lastOp: r.last_op,
  revived: r.revived === 1,
  kind: r.kind,
  changes: parseChanges(r.changes_json, 'review_changes.changes_json'),
});

/** Filters of a page of member changes (keyset on the newest folded log row id). */
export interface ChangesFilter {
  readonly ack: number;
  readonly kind?: ReviewKind | undefined;
  /** Part of a userName or display name. */
  readonly query?: string | undefined;
  readonly beforeId?: number | undefined;
  readonly limit: number;
}

/** `review_changes`: one row per member with an unacknowledged net change (migration 0011). */
export interface ReviewChangesRepo {
  /** The member's fold, when it started after `ack` (an older one was acknowledged). */
  current(memberId: string, ack: number): MemberFold | undefined;
  put(f: MemberFold, changesJson?: string): void;
  /** Count per kind of the changes after `ack`. */
  counts(ack: number): Array<{ value: ReviewKind; count: number }>;
  page(f: ChangesFilter): Array<MemberFold & { currentDisplayName: string | null; currentRole: string | null }>;
  /** Forget every fold touched after log row `id` (Acknowledge up to `id`: they are read again). */
  dropAfter(id: number): void;
  /** Delete up to `limit` acknowledged rows; returns how many. */
  prune(ack: number, limit: number): number;
}

const like = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Writes run inside the caller's `uow.write`; reads are preceded by the caller's catch-up (review.ts). */
export function createReviewChangesRepo(db: Db): ReviewChangesRepo {
  const get = db.prepare<[string, number], ChangeDbRow>('SELECT * FROM review_changes WHERE member_id = ? AND last_id > ?');
  const put = db.prepare(
    `INSERT OR REPLACE INTO review_changes (member_id, user_name, display_name, first_id, last_id, last_at, first_op, last_op, revived, kind, changes_json)
     VALUES (@memberId, @userName, @displayName, @firstId, @lastId, @lastAt, @firstOp, @lastOp, @revived, @kind, @changesJson)`,
  );
  const counts = db.prepare<[number], { value: ReviewKind; count: number }>(
    'SELECT kind AS value, count(*) AS count FROM review_changes WHERE kind IS NOT NULL AND last_id > ? GROUP BY kind ORDER BY count DESC, kind',
  );
  const dropAfter = db.prepare('DELETE FROM review_changes WHERE last_id > ?');
  const prune = db.prepare('DELETE FROM review_changes WHERE member_id IN (SELECT member_id FROM review_changes WHERE last_id <= ? LIMIT ?)');
  return {
    current(memberId, ack) {
      const r = get.get(memberId, ack);
      return r && toFold(r);
    },
    put(f, changesJson) {
      put.run({ ...f, revived: f.revived ? 1 : 0, changesJson: changesJson ?? JSON.stringify(f.changes satisfies ReadonlyArray<FieldChange>) });
    },
    counts: (ack) => counts.all(ack),
    page({ ack, kind, query, beforeId, limit }) {
      const where = ['r.last_id > @ack', kind === undefined ? 'r.kind IS NOT NULL' : 'r.kind = @kind'];
      if (beforeId !== undefined) where.push('r.last_id < @beforeId');
      // The name as the review row shows it (the member's current one) or as it was written.
      if (query) where.push("(r.user_name LIKE @like ESCAPE '\\' OR m.display_name LIKE @like ESCAPE '\\' OR r.display_name LIKE @like ESCAPE '\\')");
      const rows = db
        .prepare<Record<string, unknown>, ChangeDbRow & { current_display: string | null; current_role: string | null }>(
          `SELECT r.*, m.display_name AS current_display, ro.name AS current_role
           FROM review_changes r LEFT JOIN members m ON m.id = r.member_id LEFT JOIN roles ro ON ro.id = m.role_id
           WHERE ${where.join(' AND ')} ORDER BY r.last_id DESC LIMIT @limit`,
        )
        .all({ ack, limit, ...(kind === undefined ? {} : { kind }), ...(beforeId === undefined ? {} : { beforeId }), ...(query ? { like: like(query) } : {}) });
      return rows.map((r) => ({ ...toFold(r), currentDisplayName: r.current_display, currentRole: r.current_role }));
    },
    dropAfter: (id) => void dropAfter.run(id),
    prune: (ack, limit) => prune.run(ack, limit).changes,
  };
}
