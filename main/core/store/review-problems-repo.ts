import type { Db } from './db.js';
import { HOLDS_ASSETS } from './assets-repo.js';

/** A row of `review_problems` (migration 0011). */
export interface ProblemRow {
  id: number;
  problem_key: string;
  operation: string;
  subject: string;
  sticky: number;
  member_id: string | null;
  user_name: string | null;
  log_id: number;
  first_at: string;
  at: string;
  attempts: number;
  status: number;
  scim_type: string | null;
  method: string;
  detail: string | null;
  requested_role: string | null;
  group_name: string | null;
  state: 'open' | 'resolved' | 'dismissed';
  closed_at: string | null;
  closed_by: string | null;
  dismiss_reason: string | null;
}

/** A refusal (or fallback) seen in the log. */
export interface ProblemSeen {
  readonly key: string;
  readonly operation: string;
  readonly subject: string;
  readonly sticky: boolean;
  readonly memberId: string | null;
  readonly userName: string | null;
  readonly logId: number;
  readonly at: string;
  readonly status: number;
  readonly scimType: string | null;
  readonly method: string;
  readonly detail: string | null;
  readonly requestedRole: string | null;
  /** The IdP group a refused group request was about. */
  readonly groupName: string | null;
}

/**
 * Whether a problem's cause is still there, as SQL over `p`: the member still active and holding
 * assets; the role asked for still missing. Errors stand until a later write resolves them.
 */
export const STANDING = `(CASE p.operation
  WHEN 'blocked-deactivation' THEN EXISTS (SELECT 1 FROM members m WHERE m.id = p.member_id AND m.active = 1 AND m.lifecycle = 'present') AND ${HOLDS_ASSETS('p.member_id')}
  WHEN 'rejected-role' THEN p.requested_role IS NULL OR NOT EXISTS (SELECT 1 FROM roles r WHERE r.name = p.requested_role)
  WHEN 'role-fallback' THEN NOT EXISTS (SELECT 1 FROM roles r WHERE r.name = p.requested_role)
  ELSE 1 END)`;

export interface ProblemsFilter {
  readonly state: 'standing' | 'waiting';
  readonly operation?: string | undefined;
  readonly role?: string | undefined;
  readonly beforeId?: number | undefined;
  readonly limit: number;
}

/** `review_problems`. Writes run inside the caller's `uow.write`. */
export interface ReviewProblemsRepo {
  /** Record a refusal: a new problem, another attempt of an open or dismissed one, or a resolved one reopened. */
  seen(p: ProblemSeen, ack: number): void;
  /**
   * Resolve the problems of these subjects seen before log row `logId` (a later successful write);
   * `operations` limits which. Dismissed ones are closed too, so the member's next refusal shows again.
   * Idempotent: a row read again (after Acknowledge) never closes a problem seen after it.
   */
  resolveSubjects(subjects: ReadonlyArray<string>, logId: number, at: string, operations: ReadonlyArray<string>): void;
  resolve(id: number, by: string, at: string): boolean;
  dismiss(id: number, reason: string, at: string): boolean;
  byId(id: number): (ProblemRow & { standing: number }) | undefined;
  /** Whether any problem is open (the fold skips resolving when none is). */
  anyOpen(): boolean;
  page(f: ProblemsFilter): Array<ProblemRow & { standing: number }>;
  /** Standing sticky problems per operation (role fallbacks apart). */
  standingCounts(): Array<{ value: string; count: number }>;
  /** Standing problems of one operation, per role asked for, largest first. */
  roleCounts(operation: 'rejected-role' | 'role-fallback', limit: number): Array<{ value: string; count: number; roleExists: number }>;
  openCount(operation: string): number;
  /** Open sticky problems fixed in SCIM Desk (no longer standing): they wait for the IdP's next attempt. */
  waitingCount(): number;
  /** Refusals about no member since `ack`: one row per operation. */
  notices(ack: number): ProblemRow[];
  /** Open problems of a role name (to give the role once it exists). */
  forRole(role: string, operations: ReadonlyArray<string>, limit: number): ProblemRow[];
  /** Delete up to `limit` resolved problems seen at or before `ack`. */
  prune(ack: number, limit: number): number;
}

export function createReviewProblemsRepo(db: Db): ReviewProblemsRepo {
  const byKey = db.prepare<[string], ProblemRow>('SELECT * FROM review_problems WHERE problem_key = ?');
  const insert = db.prepare(
    `INSERT INTO review_problems (problem_key, operation, subject, sticky, member_id, user_name, log_id, first_at, at, attempts, status, scim_type, method, detail, requested_role, group_name)
     VALUES (@key, @operation, @subject, @sticky, @memberId, @userName, @logId, @at, @at, 1, @status, @scimType, @method, @detail, @requestedRole, @groupName)`,
  );
  // A resolved problem (or a stale one-window notice) starts over; a dismissed one stays dismissed.
  const again = db.prepare(
    `UPDATE review_problems SET member_id = coalesce(@memberId, member_id), user_name = coalesce(@userName, user_name), group_name = coalesce(@groupName, group_name), log_id = @logId, at = @at,
       status = @status, scim_type = @scimType, method = @method, detail = @detail, requested_role = @requestedRole,
       attempts = CASE WHEN @restart THEN 1 ELSE attempts + 1 END, first_at = CASE WHEN @restart THEN @at ELSE first_at END,
       state = CASE state WHEN 'resolved' THEN 'open' ELSE state END,
       closed_at = CASE state WHEN 'resolved' THEN NULL ELSE closed_at END, closed_by = CASE state WHEN 'resolved' THEN NULL ELSE closed_by END
     WHERE id = @id`,
  );
  const close = db.prepare<[string, string, string, string | null, number]>(
    "UPDATE review_problems SET state = ?, closed_by = ?, closed_at = ?, dismiss_reason = ? WHERE id = ? AND state = 'open'",
  );
  const byId = db.prepare<[number], ProblemRow & { standing: number }>(`SELECT p.*, ${STANDING} AS standing FROM review_problems p WHERE p.id = ?`);
  const anyOpen = db.prepare<[], number>("SELECT EXISTS (SELECT 1 FROM review_problems WHERE state <> 'resolved')").pluck();
  /** Statements of resolveSubjects by how many subjects and operations they take. */
  const resolveBy = new Map<string, ReturnType<typeof db.prepare<unknown[]>>>();
  const standingCounts = db.prepare<[], { value: string; count: number }>(
    `SELECT p.operation AS value, count(*) AS count FROM review_problems p
     WHERE p.state = 'open' AND p.sticky = 1 AND p.operation <> 'role-fallback' AND ${STANDING} GROUP BY p.operation ORDER BY count DESC`,
  );
  const roleCounts = db.prepare<[string, number], { value: string; count: number; roleExists: number }>(
    `SELECT p.requested_role AS value, count(*) AS count, EXISTS (SELECT 1 FROM roles r WHERE r.name = p.requested_role) AS roleExists
     FROM review_problems p WHERE p.state = 'open' AND p.operation = ? AND p.requested_role IS NOT NULL
     GROUP BY p.requested_role ORDER BY count DESC, p.requested_role LIMIT ?`,
  );
  const openCount = db.prepare<[string], number>("SELECT count(*) FROM review_problems WHERE state = 'open' AND operation = ?").pluck();
  const waiting = db.prepare<[], number>(
    `SELECT count(*) FROM review_problems p WHERE p.state = 'open' AND p.sticky = 1 AND p.operation <> 'role-fallback' AND NOT ${STANDING}`,
  ).pluck();
  const notices = db.prepare<[number], ProblemRow>("SELECT * FROM review_problems WHERE sticky = 0 AND state = 'open' AND log_id > ? ORDER BY log_id DESC");
  const forRole = db.prepare<[string, string, number], ProblemRow>(
    `SELECT * FROM review_problems WHERE state = 'open' AND requested_role = ? AND member_id IS NOT NULL AND operation IN (SELECT value FROM json_each(?)) LIMIT ?`,
  );
  const prune = db.prepare("DELETE FROM review_problems WHERE id IN (SELECT id FROM review_problems WHERE state = 'resolved' AND log_id <= ? LIMIT ?)");
  const params = (p: ProblemSeen) => ({
    key: p.key, operation: p.operation, subject: p.subject, sticky: p.sticky ? 1 : 0, memberId: p.memberId, userName: p.userName, logId: p.logId,
    at: p.at, status: p.status, scimType: p.scimType, method: p.method, detail: p.detail, requestedRole: p.requestedRole,
    groupName: p.groupName,
  });

  return {
    seen(p, ack) {
      const prev = byKey.get(p.key);
      // A row read again after Acknowledge (review.ts) is not another attempt.
      if (prev && p.logId <= prev.log_id) return;
      if (!prev) insert.run(params(p));
      else again.run({ ...params(p), id: prev.id, restart: prev.state === 'resolved' || (!p.sticky && prev.log_id <= ack) ? 1 : 0 });
    },
    resolveSubjects(subjects, logId, at, operations) {
      if (subjects.length === 0 || operations.length === 0) return;
      const shape = `${subjects.length}/${operations.length}`;
      let stmt = resolveBy.get(shape);
      if (!stmt) {
        const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
        stmt = db.prepare(
          `UPDATE review_problems SET state = 'resolved', closed_by = ?, closed_at = ?
           WHERE state <> 'resolved' AND subject IN (${marks(subjects.length)}) AND operation IN (${marks(operations.length)}) AND log_id < ?`,
        );
        resolveBy.set(shape, stmt);
      }
      stmt.run(`log:${logId}`, at, ...subjects, ...operations, logId);
    },
    resolve: (id, by, at) => close.run('resolved', by, at, null, id).changes === 1,
    dismiss: (id, reason, at) => close.run('dismissed', 'admin', at, reason, id).changes === 1,
    byId: (id) => byId.get(id),
    anyOpen: () => anyOpen.get() === 1,
    page({ state, operation, role, beforeId, limit }) {
      const where = ["p.state = 'open'", 'p.sticky = 1', state === 'standing' ? STANDING : `NOT ${STANDING}`];
      if (operation !== undefined) where.push('p.operation = @operation');
      else where.push("p.operation <> 'role-fallback'");
      if (role !== undefined) where.push('p.requested_role = @role');
      if (beforeId !== undefined) where.push('p.id < @beforeId');
      return db
        .prepare<Record<string, unknown>, ProblemRow & { standing: number }>(
          `SELECT p.*, ${STANDING} AS standing FROM review_problems p WHERE ${where.join(' AND ')} ORDER BY p.id DESC LIMIT @limit`,
        )
        .all({ limit, ...(operation === undefined ? {} : { operation }), ...(role === undefined ? {} : { role }), ...(beforeId === undefined ? {} : { beforeId }) });
    },
    standingCounts: () => standingCounts.all(),
    roleCounts: (operation, limit) => roleCounts.all(operation, limit),
    openCount: (operation) => openCount.get(operation) ?? 0,
    waitingCount: () => waiting.get() ?? 0,
    notices: (ack) => notices.all(ack),
    forRole: (role, operations, limit) => forRole.all(role, JSON.stringify(operations), limit),
    prune: (ack, limit) => prune.run(ack, limit).changes,
  };
}
