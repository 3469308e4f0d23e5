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
  /**
   * Write one row now (after the queued ones), as its own savepoint of the turn's write batch, and
   * announce it once committed. For the aggregated rows of refused traffic, which are amended later.
   */
  insertNow(entry: LogEntry): number;
  /** Replace the detail and request body of row `id` (an aggregated row's final count). */
  amend(id: number, detail: string, request: unknown): void;
  /** Write queued rows now (also on shutdown). */
  flush(): void;
  /** Delete rows older than `days`, at most `limit` of them (all when omitted); returns how many. */
  prune(days: number, now: Date, limit?: number): number;
  /** Delete the oldest rows beyond the newest `maxRows`, at most `limit` of them; returns how many. */
  pruneToRows(maxRows: number, limit: number): number;
}

/**
 * Longest path a log row keeps (issue #15: a 15 KB URL was stored whole, on every request). Paths
 * longer than this are cut and end in `…`.
 */
export const MAX_LOG_PATH_CHARS = 256;

/** `path` cut to {@link MAX_LOG_PATH_CHARS} characters (never in the middle of a surrogate pair). */
export function cutPath(path: string): string {
  if (path.length <= MAX_LOG_PATH_CHARS) return path;
  let end = MAX_LOG_PATH_CHARS - 1;
  const last = path.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${path.slice(0, end)}…`;
}

const FLUSH_MS = 200;
const FLUSH_ROWS = 500;

/**
 * Rows are announced (`log-row-added`) once the write batch holding them has committed, so a
 * rolled-back row is never streamed. Queued rows join the turn's write batch like any write.
 */
export function createProvisioningLogRepo(db: Db, uow: UnitOfWork, events: EventBus): ProvisioningLogRepo {
  const ins = db.prepare(
    `INSERT INTO provisioning_log (at, request_id, client, client_address, method, path, operation, member_id, user_name, result, status, scim_type,
      detail, duration_ms, changes_json, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pruneStmt = db.prepare('DELETE FROM provisioning_log WHERE at < ?');
  const pruneSomeStmt = db.prepare('DELETE FROM provisioning_log WHERE id IN (SELECT id FROM provisioning_log WHERE at < ? ORDER BY at LIMIT ?)');
  // Ids only grow (AUTOINCREMENT), so the rows beyond the newest `maxRows` are those with an id at
  // most max(id) - maxRows: one seek and `limit` deletions, never a count of the table.
  const pruneOverStmt = db.prepare<[number, number]>(
    'DELETE FROM provisioning_log WHERE id IN (SELECT id FROM provisioning_log WHERE id <= (SELECT max(id) FROM provisioning_log) - ? ORDER BY id LIMIT ?)',
  );
  const amendStmt = db.prepare<[string, string | null, number]>('UPDATE provisioning_log SET detail = ?, request_json = ? WHERE id = ?');
  const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
  const insertRow = (e: LogEntry): number =>
    Number(
      ins.run(e.at, e.requestId, e.client, e.clientAddress ?? null, e.method, cutPath(e.path), e.operation, e.memberId, e.userName, e.result, e.status, e.scimType, e.detail,
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
    insertNow(entry) {
      flush(); // rows queued before this one keep the lower ids
      const id = uow.write(() => insertRow(entry));
      uow.afterCommit(() => events.emit('log-row-added', { id }));
      return id;
    },
    amend(id, detail, request) {
      uow.write(() => amendStmt.run(detail, json(request), id));
    },
    flush,
    pruneToRows(maxRows, limit) {
      flush();
      return uow.write(() => pruneOverStmt.run(maxRows, limit).changes);
    },
    prune(days, now, limit) {
      flush();
      const before = new Date(now.getTime() - days * 86_400_000).toISOString();
      return uow.write(() => (limit === undefined ? pruneStmt.run(before) : pruneSomeStmt.run(before, limit)).changes);
    },
  };
}
