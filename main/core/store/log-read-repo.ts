import { LogOperationSchema, LogResultSchema } from '../../../shared/api/log-events.js';
import type { LogRow } from '../../../shared/api/log-events.js';
import type { LogQuery } from '../../../shared/api/routes.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseAnyJson, parseChanges } from './json-columns.js';

/** A provisioning_log row as the list reads it (bodies are read only by the detail). */
export interface LogDbRow {
  id: number;
  at: string;
  request_id: string;
  client: string;
  method: string;
  path: string;
  operation: string;
  member_id: string | null;
  user_name: string | null;
  group_id: string | null;
  group_name: string | null;
  result: string;
  status: number;
  scim_type: string | null;
  detail: string | null;
  duration_ms: number;
  changes_json: string | null;
}

export const LOG_COLUMNS = 'id, at, request_id, client, method, path, operation, member_id, user_name, group_id, group_name, result, status, scim_type, detail, duration_ms, changes_json';

export function toLogRow(r: LogDbRow): LogRow {
  return {
    id: r.id,
    at: r.at,
    requestId: r.request_id,
    client: r.client,
    method: r.method,
    path: r.path,
    operation: LogOperationSchema.parse(r.operation),
    memberId: r.member_id,
    userName: r.user_name,
    groupId: r.group_id,
    groupName: r.group_name,
    result: LogResultSchema.parse(r.result),
    status: r.status,
    scimType: r.scim_type,
    detail: r.detail,
    durationMs: r.duration_ms,
    changes: parseChanges(r.changes_json, 'provisioning_log.changes_json'),
  };
}

/** The log filters (GET /api/log and the export). */
export type LogFilter = Omit<LogQuery, 'cursor' | 'limit'>;

/**
 * Time ranges holding fewer rows than this are read through the `at` index and sorted by id; larger
 * ones walk the id order (or an equality index) with the time test as a filter, bounded by id hints.
 */
const SMALL_RANGE = 5000;

/** A log query as SQL fragments (see {@link planLogQuery}). */
export interface LogPlan {
  /** A `WITH` clause the query needs (the member filter's epochs), or none. */
  readonly with?: string;
  readonly from: string;
  readonly where: ReadonlyArray<string>;
  readonly params: ReadonlyArray<unknown>;
}

/**
 * The member filter reads provisioning_log_subject_by_epoch (migration 0007): (id >> 12, subject, id).
 * The epochs, newest first, are joined one by one (about 250 index seeks at 1,000,000 rows); the
 * member's rows are then sorted by id, which is at most the few thousand rows a member gathers in
 * the log's retention. The shift must stay the one in that index's definition.
 */
const LOG_EPOCH_SHIFT = 12;
/** `WITH` clause: the epochs from the newest down to that of row id `floor` (SQL: a parameter or a subquery). */
export const epochsDownTo = (floor: string): string => `WITH RECURSIVE epoch(n) AS (SELECT max(id) >> ${LOG_EPOCH_SHIFT} FROM provisioning_log
  UNION ALL SELECT n - 1 FROM epoch WHERE n > (${floor}) >> ${LOG_EPOCH_SHIFT})`;
/** FROM clause and join term that read the log epoch by epoch through the member index. */
export const BY_EPOCH = 'epoch CROSS JOIN provisioning_log INDEXED BY provisioning_log_subject_by_epoch';
export const IN_EPOCH = `id >> ${LOG_EPOCH_SHIFT} = epoch.n`;

const iso = (s: string): string => new Date(Date.parse(s)).toISOString();

/**
 * Turn filters into SQL. Equality filters use their (column, id) indexes. A time range is exact
 * (`at` compared as ISO text); how it is read depends on its size, see {@link SMALL_RANGE}. Row ids
 * follow `at` except for rows queued up to 200 ms before their batch insert, so the id hints taken
 * from the first/last 5000 rows of the range in `at` order are safe bounds.
 */
export function planLogQuery(db: Db, f: LogFilter): LogPlan {
  const where: string[] = [];
  const params: unknown[] = [];
  const ops = f.operation?.split(',').map((s) => s.trim()) ?? [];
  if (ops.length > 0) {
    where.push(ops.length === 1 ? 'operation = ?' : `operation IN (${ops.map(() => '?').join(', ')})`);
    params.push(...ops);
  }
  const eq = (sql: string, ...values: unknown[]): void => {
    where.push(sql);
    params.push(...values);
  };
  if (f.result !== undefined) eq('result = ?', f.result);
  if (f.client !== undefined) eq('client = ?', f.client);
  if (f.member !== undefined) {
    // A member's rows carry its id; rows without one (a refused create) carry the userName sent.
    // A userName typed into the filter also finds the rows of the member(s) that now have it.
    const subjects = [f.member, ...(db.prepare('SELECT id FROM members WHERE user_name = ? AND id <> ?').pluck().all(f.member, f.member) as string[])];
    where.push(IN_EPOCH, `coalesce(member_id, user_name) IN (${subjects.map(() => '?').join(', ')})`);
    params.push(...subjects);
  }
  const isTimed = f.since !== undefined || f.until !== undefined;
  // `col` is "at" to let SQLite use the at index, "+at" to keep it off it.
  const range = (col: string): string =>
    [...(f.since !== undefined ? [`${col} >= ?`] : []), ...(f.until !== undefined ? [`${col} < ?`] : [])].join(' AND ');
  const rangeParams = [...(f.since !== undefined ? [iso(f.since)] : []), ...(f.until !== undefined ? [iso(f.until)] : [])];
  if (f.member !== undefined) {
    // A member's rows are few: read them all through the member index, the time range as a filter.
    return {
      with: epochsDownTo('SELECT min(id) FROM provisioning_log'),
      from: BY_EPOCH,
      where: isTimed ? [...where, range('+at')] : where,
      params: isTimed ? [...params, ...rangeParams] : params,
    };
  }
  if (!isTimed) return { from: 'provisioning_log', where, params };

  const n = (db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM provisioning_log WHERE ${range('at')} LIMIT ${SMALL_RANGE})`).get(...rangeParams) as { n: number }).n;
  if (n < SMALL_RANGE) return { from: 'provisioning_log INDEXED BY provisioning_log_at', where: [...where, range('at')], params: [...params, ...rangeParams] };
  const edge = (fn: 'max' | 'min', dir: 'DESC' | 'ASC'): number =>
    (db.prepare(`SELECT ${fn}(id) AS v FROM (SELECT id FROM provisioning_log WHERE ${range('at')} ORDER BY at ${dir} LIMIT ${SMALL_RANGE})`).get(...rangeParams) as { v: number }).v;
  return {
    from: 'provisioning_log',
    // Sorting a large range by id is the slow plan, so the at index is not used here.
    where: [...where, range('+at'), 'id BETWEEN ? AND ?'],
    params: [...params, ...rangeParams, edge('min', 'ASC'), edge('max', 'DESC')],
  };
}

/** The page query of a plan: newest first, strictly before `beforeId` (the keyset cursor). */
export function logPageSql(p: LogPlan, beforeId: number | undefined, limit: number): { sql: string; params: unknown[] } {
  const where = beforeId === undefined ? p.where : [...p.where, 'id < ?'];
  const params = beforeId === undefined ? p.params : [...p.params, beforeId];
  const sql = `${p.with === undefined ? '' : `${p.with} `}SELECT ${LOG_COLUMNS} FROM ${p.from}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return { sql, params: [...params, limit] };
}

/** A log row with its stored request and response bodies. */
export type LogRowWithBodies = LogRow & { readonly request: unknown; readonly response: unknown };

/** Reads of `provisioning_log` (the writes are provisioning-log-repo.ts). */
export interface LogReadRepo {
  /** Rows matching `f`, newest first, strictly before `beforeId`. */
  page(f: LogFilter, beforeId: number | undefined, limit: number): LogRow[];
  /** Every matching row, newest first, a batch at a time (export; the caller may await between batches). */
  batches(f: LogFilter, size?: number): Generator<LogRow[]>;
  byId(id: number): LogRowWithBodies | undefined;
  /** Rows after `id`, oldest first (SSE catch-up and live push). */
  after(id: number, limit: number): LogRow[];
  maxId(): number;
}

/**
 * @param beforeRead run before every read: queued log rows are written and the open write batch
 * committed (store.ts), so a read sees every row announced so far and nothing that could roll back.
 */
export function createLogReadRepo(db: Db, beforeRead: UnitOfWork['beforeRead']): LogReadRepo {
  const byId = db.prepare<[number], LogDbRow & { request_json: string | null; response_json: string | null }>('SELECT * FROM provisioning_log WHERE id = ?');
  const after = db.prepare<[number, number], LogDbRow>(`SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE id > ? ORDER BY id LIMIT ?`);
  const max = db.prepare<[], number | null>('SELECT max(id) FROM provisioning_log').pluck();
  const pageOf = (p: LogPlan, beforeId: number | undefined, limit: number): LogDbRow[] => {
    const { sql, params } = logPageSql(p, beforeId, limit);
    return db.prepare(sql).all(...params) as LogDbRow[];
  };
  return {
    page(f, beforeId, limit) {
      beforeRead();
      return pageOf(planLogQuery(db, f), beforeId, limit).map(toLogRow);
    },
    *batches(f, size = 1000) {
      beforeRead();
      const p = planLogQuery(db, f);
      let before: number | undefined;
      for (;;) {
        beforeRead(); // after each await of the caller
        const rows = pageOf(p, before, size);
        if (rows.length === 0) return;
        yield rows.map(toLogRow);
        before = rows[rows.length - 1]!.id;
      }
    },
    byId(id) {
      beforeRead();
      const r = byId.get(id);
      if (!r) return undefined;
      return { ...toLogRow(r), request: parseAnyJson(r.request_json, 'provisioning_log.request_json'), response: parseAnyJson(r.response_json, 'provisioning_log.response_json') };
    },
    after: (id, limit) => (beforeRead(), after.all(id, limit).map(toLogRow)),
    maxId: () => (beforeRead(), max.get() ?? 0),
  };
}
