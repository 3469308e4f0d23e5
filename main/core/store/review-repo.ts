import type { LogRow } from '../../../shared/api/log-events.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { LOG_COLUMNS, toLogRow } from './log-read-repo.js';
import type { LogDbRow } from './log-read-repo.js';

/** Operations that change a member (what the review folds); `group-membership` rows are a member's. */
export const WRITE_OPS = ['create', 'update', 'replace', 'deactivate', 'reactivate', 'delete', 'revive', 'group-membership'] as const;
/** Operations that change a group. */
export const GROUP_WRITE_OPS = ['group-create', 'group-update', 'group-replace', 'group-delete'] as const;
/** Refusals the admin should see. */
export const REFUSAL_OPS = ['blocked-deactivation', 'rejected-role', 'error', 'auth-failure'] as const;

export interface Acknowledgement {
  readonly toLogId: number;
  readonly at: string;
  readonly by: string;
}

/** `reviews` (what the admin acknowledged) and the log windows the Refresh review reads. */
export interface ReviewRepo {
  lastAcknowledged(): Acknowledgement | undefined;
  /** Successful member writes with `from < id <= to`, in id order. */
  writesBetween(from: number, to: number): LogRow[];
  /** Successful group writes with `from < id <= to`, in id order. */
  groupWritesBetween(from: number, to: number): LogRow[];
  /** Refusals with `from < id <= to`, in id order. */
  refusalsBetween(from: number, to: number): LogRow[];
  acknowledge(from: number, to: number, at: string): void;
}

const list = (ops: ReadonlyArray<string>): string => ops.map((o) => `'${o}'`).join(', ');

export function createReviewRepo(db: Db, beforeRead: UnitOfWork['beforeRead']): ReviewRepo {
  const lastAck = db.prepare<[], { to_log_id: number; acknowledged_at: string; acknowledged_by: string }>('SELECT * FROM reviews ORDER BY id DESC LIMIT 1');
  const writes = db.prepare<[number, number], LogDbRow>(
    `SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE operation IN (${list(WRITE_OPS)}) AND result = 'success' AND id > ? AND id <= ? ORDER BY id`,
  );
  const groupWrites = db.prepare<[number, number], LogDbRow>(
    `SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE operation IN (${list(GROUP_WRITE_OPS)}) AND result = 'success' AND id > ? AND id <= ? ORDER BY id`,
  );
  const refusals = db.prepare<[number, number], LogDbRow>(
    `SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE operation IN (${list(REFUSAL_OPS)}) AND result = 'failure' AND id > ? AND id <= ? ORDER BY id`,
  );
  const insert = db.prepare("INSERT INTO reviews (from_log_id, to_log_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, 'admin')");
  return {
    lastAcknowledged() {
      beforeRead();
      const r = lastAck.get();
      return r && { toLogId: r.to_log_id, at: r.acknowledged_at, by: r.acknowledged_by };
    },
    writesBetween: (from, to) => (beforeRead(), writes.all(from, to).map(toLogRow)),
    groupWritesBetween: (from, to) => (beforeRead(), groupWrites.all(from, to).map(toLogRow)),
    refusalsBetween: (from, to) => (beforeRead(), refusals.all(from, to).map(toLogRow)),
    acknowledge: (from, to, at) => void insert.run(from, to, at),
  };
}
