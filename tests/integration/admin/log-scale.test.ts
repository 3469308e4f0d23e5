import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_HOLDERS_SQL, LATER_WRITE_SQL } from '../../../main/core/store/health-repo.js';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { LogPageSchema } from '../../../shared/api/log-events.js';
import { HealthSchema } from '../../../shared/api/health.js';
import { logPageSql, planLogQuery } from '../../../main/core/store/log-read-repo.js';
import type { LogFilter } from '../../../main/core/store/log-read-repo.js';
import { admin } from './helpers.js';

const N = 1_000_000;
const STEP_S = 2.6; // one row every 2.6 s: 1M rows span about 30 days
const NOW = Date.parse('2026-11-28T12:00:00.000Z');
const BASE_S = Math.floor(NOW / 1000) - Math.ceil(N * STEP_S);
const day = (d: number): string => new Date(NOW - d * 86_400_000).toISOString();
let t: TestApp;

/**
 * Seed 1M log rows in one statement. The log's indexes are dropped first and rebuilt after (a bulk
 * build is several times faster than 1M index inserts); the rebuilt indexes are the ones 0001 defines.
 */
beforeAll(() => {
  t = makeApp({ now: () => new Date(NOW) });
  const db = t.core.db;
  const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'provisioning_log' AND sql IS NOT NULL").all();
  db.pragma('cache_size = -200000');
  db.transaction(() => {
    for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
       INSERT INTO provisioning_log (at, request_id, client, method, path, operation, member_id, user_name, result, status, duration_ms)
       SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ${BASE_S} + i * ${STEP_S}, 'unixepoch'), 'r' || i,
         CASE WHEN i % 1000 = 0 THEN 'OneLogin' WHEN i % 2 = 1 THEN 'Entra ID' ELSE 'Okta' END, 'GET', '/scim/v2/Users',
         CASE WHEN i % 100000 = 1 THEN 'revive' WHEN i % 9 = 4 THEN 'update' WHEN i % 9 = 5 THEN 'create' WHEN i % 9 = 6 THEN 'list'
              WHEN i % 9 = 7 THEN 'deactivate' WHEN i % 9 = 8 THEN 'auth-failure' ELSE 'lookup' END,
         CASE WHEN i % 9 = 8 THEN NULL ELSE 'm' || (i / 20) END, 'u' || (i / 20),
         CASE WHEN i % 9 = 8 OR i % 97 = 0 THEN 'failure' ELSE 'success' END, 200, 1.5
       FROM n`,
    ).run();
    for (const i of indexes) db.exec(i.sql);
  })();
  db.pragma('cache_size = -2000');
}, 180_000);
afterAll(() => t.close());

/** The same filter as a brute-force query (no index): what the planned query must return. */
function oracle(f: LogFilter, limit: number): number[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.operation) {
    const ops = f.operation.split(',');
    where.push(`operation IN (${ops.map(() => '?').join(',')})`);
    params.push(...ops);
  }
  const add = (sql: string, ...values: unknown[]): void => {
    where.push(sql);
    params.push(...values);
  };
  if (f.result) add('result = ?', f.result);
  if (f.client) add('client = ?', f.client);
  if (f.member) add('coalesce(member_id, user_name) = ?', f.member);
  if (f.since) add('at >= ?', f.since);
  if (f.until) add('at < ?', f.until);
  const sql = `SELECT id FROM provisioning_log NOT INDEXED ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`;
  return (t.core.db.prepare(sql).all(...params) as Array<{ id: number }>).map((r) => r.id);
}

function plan(f: LogFilter): string {
  const { sql, params } = logPageSql(planLogQuery(t.core.db, f), undefined, 101);
  return (t.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

/** [name, filter, expected plan, whether the plan may sort (only ever a small set: a few thousand rows at most)]. */
const CASES: ReadonlyArray<readonly [string, LogFilter, RegExp, boolean]> = [
  ['no filter', {}, /^SCAN provisioning_log$/, false],
  ['operation', { operation: 'create' }, /provisioning_log_operation \(operation=\?\)$/, false],
  ['rare operation', { operation: 'revive' }, /provisioning_log_operation/, false],
  ['two operations', { operation: 'create,deactivate' }, /provisioning_log_operation/, true],
  ['result', { result: 'failure' }, /provisioning_log_result \(result=\?\)$/, false],
  ['rare client', { client: 'OneLogin' }, /provisioning_log_client \(client=\?\)$/, false],
  // The member's rows come epoch by epoch through the member index, then are sorted: 20 rows here.
  ['member id or userName', { member: 'm4242' }, /SCAN epoch \| SEARCH provisioning_log USING INDEX provisioning_log_subject_by_epoch \(<expr>=\? AND <expr>=\?\)/, true],
  ['member in a large time range', { member: 'm4242', since: day(29) }, /SEARCH provisioning_log USING INDEX provisioning_log_subject_by_epoch \(<expr>=\? AND <expr>=\?\)/, true],
  ['member outside the time range', { member: 'm4242', since: day(2) }, /provisioning_log_subject_by_epoch/, true],
  ['member and operation', { member: 'm4243', operation: 'update' }, /provisioning_log_subject_by_epoch/, true],
  ['last hour', { since: new Date(NOW - 3_600_000).toISOString() }, /provisioning_log_at/, true],
  ['last 20 days (large)', { since: day(20) }, /^SEARCH provisioning_log USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/, false],
  ['before 25 days ago (large, old)', { until: day(25) }, /^SEARCH provisioning_log USING INTEGER PRIMARY KEY/, false],
  ['one old day (large)', { since: day(27), until: day(26) }, /^SEARCH provisioning_log USING INTEGER PRIMARY KEY/, false],
  ['one old hour (small)', { since: day(10), until: new Date(NOW - 10 * 86_400_000 + 3_600_000).toISOString() }, /provisioning_log_at/, true],
  ['rare operation in a large range', { since: day(20), operation: 'revive' }, /provisioning_log_operation \(operation=\? AND id>\? AND id<\?\)/, false],
  ['failures in a large old range', { since: day(25), until: day(5), result: 'failure' }, /provisioning_log_result \(result=\? AND id>\? AND id<\?\)/, false],
];

describe('provisioning log at 1,000,000 rows', () => {
  it.each(CASES)('%s: exact rows through an index plan', async (name, filter, expected, maySort) => {
    const p = plan(filter);
    expect(p).toMatch(expected);
    if (!maySort) expect(p).not.toContain('TEMP B-TREE');

    // Speed is measured by `npm run bench`; here: the exact rows, through an index plan.
    const res = await admin(t).get('/api/log').query({ ...filter, limit: 100 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = LogPageSchema.parse(res.body);
    const want = oracle(filter, 200);
    expect(page.rows.map((r) => r.id)).toEqual(want.slice(0, 100));
    if (want.length > 100) {
      const next = LogPageSchema.parse((await admin(t).get('/api/log').query({ ...filter, limit: 100, cursor: page.nextCursor! })).body);
      expect(next.rows.map((r) => r.id)).toEqual(want.slice(100, 200));
    } else expect(page.nextCursor).toBeNull();
  });

  it('finds blocked deprovisionings through the index of refusals and the member epochs, not a scan per member', () => {
    const planOf = (sql: string, ...params: unknown[]): string =>
      (t.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const holders = planOf(BLOCKED_HOLDERS_SQL);
    expect(holders).toMatch(/SEARCH l USING COVERING INDEX provisioning_log_blocked \(member_id=\?\)/);
    expect(holders).not.toMatch(/SCAN l\b/);
    const later = planOf(LATER_WRITE_SQL, { after: 5, member: 'm42' });
    expect(later).toMatch(/SEARCH provisioning_log USING INDEX provisioning_log_subject_by_epoch \(<expr>=\? AND <expr>=\? AND id>\?\)/);
    expect(later).not.toMatch(/SCAN provisioning_log\b/);
  });

  it('computes health from the log', async () => {
    const res = await admin(t).get('/api/health');
    const h = HealthSchema.parse(res.body);
    expect(h.requests24h).toBeGreaterThan(30_000);
    expect(h.failures24h).toBeGreaterThan(3_000);
    expect(h.lastClient).not.toBeNull();
  });
});
