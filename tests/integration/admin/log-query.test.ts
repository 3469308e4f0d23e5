import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { LogDetailSchema, LogPageSchema, LogRowSchema } from '../../../shared/api/log-events.js';
import type { LogOperation, LogRow } from '../../../shared/api/log-events.js';
import type { LogEntry } from '../../../main/core/store/provisioning-log-repo.js';
import { admin, errorOf } from './helpers.js';

let t: TestApp;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
beforeEach(() => {
  t = makeApp({ now: () => new Date(NOW) });
});
afterEach(() => t.close());

const HOUR = 3_600_000;
function entry(i: number, e: Partial<LogEntry> = {}): LogEntry {
  return {
    at: new Date(NOW - (40 - i) * HOUR).toISOString(),
    requestId: `req-${i}`,
    client: i % 3 === 0 ? 'Okta' : 'Entra ID',
    method: 'PATCH',
    path: `/scim/v2/Users/m${i % 4}`,
    operation: (['update', 'lookup', 'create', 'deactivate'] as const)[i % 4] as LogOperation,
    memberId: `m${i % 4}`,
    userName: `user${i % 4}@example.com`,
    result: i % 5 === 0 ? 'failure' : 'success',
    status: i % 5 === 0 ? 400 : 200,
    scimType: null,
    detail: null,
    durationMs: 1.25,
    changes: [],
    request: { i },
    response: null,
    ...e,
  };
}

/** 40 rows, one an hour, ending at NOW - 1h; ids 1..40 in time order. */
function seed(): void {
  t.core.db.transaction(() => {
    for (let i = 0; i < 40; i++) t.core.log.insert(entry(i));
  })();
}

const list = async (query: Record<string, string | number>) => {
  const res = await admin(t).get('/api/log').query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return LogPageSchema.parse(res.body);
};
const ids = (rows: ReadonlyArray<LogRow>) => rows.map((r) => r.id);

describe('GET /api/log', () => {
  it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
    seed();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page.rows));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => 40 - i));
  });

  it('filters by operation(s), result, client, member id or userName, and time', async () => {
    seed();
    t.core.log.insert(entry(40, { operation: 'rejected-role', memberId: null, userName: 'new.person@example.com', result: 'failure', status: 400 }));
    expect((await list({ operation: 'create' })).rows.every((r) => r.operation === 'create')).toBe(true);
    expect(ids((await list({ operation: 'create,deactivate', limit: 500 })).rows)).toEqual(
      Array.from({ length: 40 }, (_, i) => 40 - i).filter((id) => [2, 3].includes((id - 1) % 4)),
    );
    expect((await list({ result: 'failure', limit: 500 })).rows).toHaveLength(9);
    expect((await list({ client: 'Okta', limit: 500 })).rows.every((r) => r.client === 'Okta')).toBe(true);
    expect(ids((await list({ member: 'm1', limit: 500 })).rows)).toEqual([38, 34, 30, 26, 22, 18, 14, 10, 6, 2]);
    expect(ids((await list({ member: 'new.person@example.com' })).rows)).toEqual([41]);
    const since = new Date(NOW - 5 * HOUR).toISOString();
    const until = new Date(NOW - 2 * HOUR).toISOString();
    expect(ids((await list({ since })).rows)).toEqual([41, 40, 39, 38, 37, 36]);
    expect(ids((await list({ since, until })).rows)).toEqual([38, 37, 36]);
    expect(ids((await list({ since, until, operation: 'update' })).rows)).toEqual([37]);
    expect(ids((await list({ until: '2026-11-19T17:00:00+01:00' })).rows)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("pages a member's rows across index epochs (4,096 rows each) newest first, also after pruning", async () => {
    // 10,000 rows: every 37th is member "mx" (ids 37, 74, …), so its rows sit in three epochs.
    t.core.db.transaction(() => {
      for (let i = 1; i <= 10_000; i++) t.core.log.insert(entry(0, { memberId: i % 37 === 0 ? 'mx' : `other${i % 50}`, operation: i % 2 ? 'lookup' : 'update' }));
    })();
    const want = Array.from({ length: Math.floor(10_000 / 37) }, (_, k) => (k + 1) * 37).reverse();
    const pageAll = async (query: Record<string, string | number>): Promise<number[]> => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ ...query, limit: 100, ...(cursor ? { cursor } : {}) });
        seen.push(...ids(page.rows));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pageAll({ member: 'mx' })).toEqual(want);
    expect(await pageAll({ member: 'mx', operation: 'update' })).toEqual(want.filter((id) => id % 2 === 0));
    // The oldest epochs gone (retention pruning deletes from the start): the walk stops at the first id left.
    t.core.db.prepare('DELETE FROM provisioning_log WHERE id <= 5000').run();
    expect(await pageAll({ member: 'mx' })).toEqual(want.filter((id) => id > 5000));
    t.core.db.prepare('DELETE FROM provisioning_log').run();
    expect(await pageAll({ member: 'mx' })).toEqual([]);
  });

  it('refuses bad filters, cursors and limits with 400', async () => {
    for (const query of [{ limit: 501 }, { limit: 0 }, { operation: 'create,nap' }, { result: 'maybe' }, { result: 'skipped' }, { since: 'yesterday' }, { cursor: 'not-a-cursor' }]) {
      const res = await admin(t).get('/api/log').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(errorOf(res).code).toMatch(/^invalid-/);
    }
  });
});

describe('GET /api/log/{id}', () => {
  it('returns the row with its bodies; 404 for an unknown id, 400 for a bad one', async () => {
    seed();
    const d = LogDetailSchema.parse((await admin(t).get('/api/log/5')).body);
    expect(d).toMatchObject({ id: 5, requestId: 'req-4', request: { i: 4 }, response: null, recommendedAction: null });
    const failed = LogDetailSchema.parse((await admin(t).get('/api/log/1')).body);
    expect(failed.recommendedAction).toMatch(/could not accept/);
    expect((await admin(t).get('/api/log/999')).status).toBe(404);
    expect((await admin(t).get('/api/log/abc')).status).toBe(400);
  });
});

describe('GET /api/log/export', () => {
  it('streams CSV or JSON with the filters applied', async () => {
    seed();
    t.core.log.insert(entry(41, { operation: 'update', detail: 'Said "no", twice', changes: [{ field: 'jobTitle', old: null, new: 'Chef' }] }));
    const csv = await admin(t).get('/api/log/export').query({ format: 'csv', operation: 'update' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="scim-desk-log.csv"');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,requestId,client,method,path,operation,memberId,userName,result,status,scimType,detail,durationMs,changes');
    expect(lines).toHaveLength(1 + 11);
    expect(lines[1]).toContain('"Said ""no"", twice"');
    expect(lines[1]).toContain('jobTitle: ∅ → Chef');

    const json = await admin(t).get('/api/log/export').query({ format: 'json', result: 'failure' }).buffer(true);
    expect(json.headers['content-type']).toContain('application/json');
    const rows = LogRowSchema.array().parse(JSON.parse(json.text));
    expect(ids(rows)).toEqual(ids((await list({ result: 'failure', limit: 500 })).rows));
    const none = await admin(t).get('/api/log/export').query({ format: 'json', client: 'Nobody' }).buffer(true);
    expect(JSON.parse(none.text)).toEqual([]);
    expect((await admin(t).get('/api/log/export').query({ format: 'xml' })).status).toBe(400);
  });

  it('exports more rows than one batch', async () => {
    t.core.db.transaction(() => {
      for (let i = 0; i < 2500; i++) t.core.log.insert(entry(i % 40));
    })();
    const json = await admin(t).get('/api/log/export').query({ format: 'json' }).buffer(true);
    const rows = LogRowSchema.array().parse(JSON.parse(json.text));
    expect(rows).toHaveLength(2500);
    expect(rows[0]?.id).toBe(2500);
    expect(rows[2499]?.id).toBe(1);
  });
});

describe('retention', () => {
  it('prunes rows older than the retention setting', async () => {
    t.core.log.insert(entry(0, { at: new Date(NOW - 40 * 24 * HOUR).toISOString() }));
    t.core.log.insert(entry(1, { at: new Date(NOW - 10 * 24 * HOUR).toISOString() }));
    t.core.log.insert(entry(2, { at: new Date(NOW - HOUR).toISOString() }));
    expect(t.core.pruneLog()).toBe(1);
    expect(ids((await list({})).rows)).toEqual([3, 2]);
    expect((await admin(t).put('/api/settings', { logRetentionDays: 5 })).status).toBe(200);
    expect(t.core.pruneLog()).toBe(1);
    expect(ids((await list({})).rows)).toEqual([3]);
    // Ids are never reused after pruning, so a stream's Last-Event-ID or an acknowledged review stays meaningful.
    t.core.db.prepare('DELETE FROM provisioning_log').run();
    expect(t.core.log.insert(entry(3))).toBe(4);
  });
});
