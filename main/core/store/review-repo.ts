import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { createReviewChangesRepo } from './review-changes-repo.js';
import type { ReviewChangesRepo } from './review-changes-repo.js';
import { createReviewProblemsRepo } from './review-problems-repo.js';
import type { ReviewProblemsRepo } from './review-problems-repo.js';
import { createReviewGroupChangesRepo } from './review-group-changes-repo.js';
import type { ReviewGroupChangesRepo } from './review-group-changes-repo.js';

/** Operations that change a member (what the review folds); `group-membership` rows are a member's. */
export const WRITE_OPS = ['create', 'update', 'replace', 'deactivate', 'reactivate', 'delete', 'revive', 'group-membership'] as const;
/** Operations that change an IdP group. */
export const GROUP_WRITE_OPS = ['group-create', 'group-update', 'group-replace', 'group-delete'] as const;
/** Refusals the admin should see. */
export const REFUSAL_OPS = ['blocked-deactivation', 'rejected-role', 'error', 'auth-failure'] as const;

export interface Acknowledgement {
  readonly toLogId: number;
  readonly at: string;
  readonly by: string;
}

/** A provisioning_log row as the review reads it. */
export interface ReviewLogRow {
  readonly id: number;
  readonly at: string;
  readonly method: string;
  readonly operation: string;
  readonly memberId: string | null;
  readonly userName: string | null;
  readonly groupId: string | null;
  readonly groupName: string | null;
  readonly result: string;
  readonly status: number;
  readonly scimType: string | null;
  readonly detail: string | null;
  /** The row's change set as stored (JSON text), or null. */
  readonly changesJson: string | null;
}

/** `reviews` (what the admin acknowledged), the review's read position, and its tables. */
export interface ReviewRepo {
  lastAcknowledged(): Acknowledgement | undefined;
  /** One statement: everything up to `to` is acknowledged (rows at or below it are hidden, then pruned). */
  acknowledge(from: number, to: number, at: string): void;
  /** The log row id the review has read up to. */
  foldedTo(): number;
  setFoldedTo(id: number): void;
  /** The newest log row id (after writing queued rows). */
  maxLogId(): number;
  /** Writes and refusals with `from < id <= to`, in id order: at most `to - from` rows. */
  window(from: number, to: number): ReviewLogRow[];
  /** The current display name of a member. */
  displayName(memberId: string): string | null;
  readonly changes: ReviewChangesRepo;
  readonly problems: ReviewProblemsRepo;
  readonly groupChanges: ReviewGroupChangesRepo;
  /** Commit queued log rows and the open batch before reading (store.ts). */
  beforeRead(): void;
}

const list = (ops: ReadonlyArray<string>): string => ops.map((o) => `'${o}'`).join(', ');

export function createReviewRepo(db: Db, beforeRead: UnitOfWork['beforeRead']): ReviewRepo {
  const lastAck = db.prepare<[], { to_log_id: number; acknowledged_at: string; acknowledged_by: string }>('SELECT * FROM reviews ORDER BY id DESC LIMIT 1');
  const insert = db.prepare("INSERT INTO reviews (from_log_id, to_log_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, 'admin')");
  const foldedTo = db.prepare<[], number>('SELECT folded_to FROM review_state WHERE id = 1').pluck();
  const setFolded = db.prepare<[number]>('UPDATE review_state SET folded_to = ? WHERE id = 1');
  const max = db.prepare<[], number | null>('SELECT max(id) FROM provisioning_log').pluck();
  const window = db.prepare<[number, number], ReviewLogRow>(
    `SELECT id, at, method, operation, member_id AS memberId, user_name AS userName, group_id AS groupId, group_name AS groupName, result, status, scim_type AS scimType, detail, changes_json AS changesJson
     FROM provisioning_log WHERE id > ? AND id <= ? AND ((operation IN (${list([...WRITE_OPS, ...GROUP_WRITE_OPS])}) AND result = 'success') OR (operation IN (${list(REFUSAL_OPS)}) AND result = 'failure'))
     ORDER BY id`,
  );
  const display = db.prepare<[string], string | null>('SELECT display_name FROM members WHERE id = ?').pluck();
  return {
    lastAcknowledged() {
      beforeRead();
      const r = lastAck.get();
      return r && { toLogId: r.to_log_id, at: r.acknowledged_at, by: r.acknowledged_by };
    },
    acknowledge: (from, to, at) => void insert.run(from, to, at),
    foldedTo: () => foldedTo.get() ?? 0,
    setFoldedTo: (id) => void setFolded.run(id),
    maxLogId: () => (beforeRead(), max.get() ?? 0),
    window: (from, to) => window.all(from, to),
    displayName: (memberId) => display.get(memberId) ?? null,
    changes: createReviewChangesRepo(db),
    problems: createReviewProblemsRepo(db),
    groupChanges: createReviewGroupChangesRepo(db),
    beforeRead,
  };
}
