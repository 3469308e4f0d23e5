import type { Db } from './db.js';
import type { FieldChange, LogOperation, LogResult } from '../../../shared/api/log-events.js';
import type { EventBus } from '../events.js';
import type { UnitOfWork } from './unit-of-work.js';

/** What a SCIM request handler records about itself. */
export interface LogEntry {
  readonly at: string;
  readonly requestId: string;
  readonly client: string;
  /**
   * The client's network address: the socket peer, or the `X-Forwarded-For` hop Express picks when a
   * proxy hop count is configured (`--trust-proxy`). Absent → NULL.
   */
  readonly clientAddress?: string | null;
  readonly method: string;
  readonly path: string;
  readonly operation: LogOperation;
  readonly memberId: string | null;
  readonly userName: string | null;
  /** The IdP group the row is about (migration 0010). */
  readonly groupId?: string | null;
  readonly groupName?: string | null;
  readonly result: LogResult;
  readonly status: number;
  readonly scimType: string | null;
  readonly detail: string | null;
  readonly durationMs: number;
  readonly changes: ReadonlyArray<FieldChange>;
  /** Already redacted bodies (see redact.ts). */
  readonly request: unknown;
  readonly response: unknown;
  /** The response already serialised (a write's answer): stored as is instead of `response`. */
  readonly responseJson?: string;
}

export interface ProvisioningLogRepo {
  /**
   * Insert now; call inside the transaction of the change the row describes. Returns the row id; the
   * caller announces it (`log-row-added`) after the commit, so a rolled-back row is never streamed.
   */
  insert(entry: LogEntry): number;
  /** Queue a row for a batched insert: reads (lookups, lists) must not cost an fsync each. */
  enqueue(entry: LogEntry): void;
  /** Write queued rows now (also on shutdown). */
  flush(): void;
  /** Delete rows older than `days`, at most `limit` of them (all when omitted); returns how many. */
  prune(days: number, now: Date, limit?: number): number;
}

const FLUSH_MS = 200;
const FLUSH_ROWS = 500;

/**
 * Rows are announced (`log-row-added`) once the write batch holding them has committed, so a
 * rolled-back row is never streamed. Queued rows join the turn's write batch like any write.
 */
export function createProvisioningLogRepo(db: Db, uow: UnitOfWork, events: EventBus): ProvisioningLogRepo {
  const ins = db.prepare(
    `INSERT INTO provisioning_log (at, request_id, client, client_address, method, path, operation, member_id, user_name, group_id, group_name, result, status,
      scim_type, detail, duration_ms, changes_json, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pruneStmt = db.prepare('DELETE FROM provisioning_log WHERE at < ?');
  const pruneSomeStmt = db.prepare('DELETE FROM provisioning_log WHERE id IN (SELECT id FROM provisioning_log WHERE at < ? ORDER BY at LIMIT ?)');
  const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
  const insertRow = (e: LogEntry): number =>
    Number(
      ins.run(e.at, e.requestId, e.client, e.clientAddress ?? null, e.method, e.path, e.operation, e.memberId, e.userName, e.groupId ?? null, e.groupName ?? null,
        e.result, e.status, e.scimType, e.detail,
        Math.round(e.durationMs * 1000) / 1000, e.changes.length > 0 ? JSON.stringify(e.changes) : null, json(e.request), e.responseJson ?? json(e.response)).lastInsertRowid,
    );
  let queue: LogEntry[] = [];
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const rows = queue;
    queue = [];
    const ids = uow.write(() => rows.map(insertRow));
    uow.afterCommit(() => {
      for (const id of ids) events.emit('log-row-added', { id });
    });
  }

  return {
    insert: insertRow,
    enqueue(entry) {
      queue.push(entry);
      if (queue.length >= FLUSH_ROWS) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush,
    prune(days, now, limit) {
      flush();
      const before = new Date(now.getTime() - days * 86_400_000).toISOString();
      return uow.write(() => (limit === undefined ? pruneStmt.run(before) : pruneSomeStmt.run(before, limit)).changes);
    },
  };
}
