import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { ReviewChangesPageSchema, ReviewProblemsPageSchema, ReviewSummarySchema } from '../../../shared/api/refresh.js';
import type { ReviewChangesPage, ReviewProblemsPage, ReviewSummary } from '../../../shared/api/refresh.js';
import { admin, createMember, errorOf, giveAsset, scim, user } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const summary = async (): Promise<ReviewSummary> => {
  const res = await admin(t).get('/api/review');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ReviewSummarySchema.parse(res.body);
};
const changes = async (query = ''): Promise<ReviewChangesPage> => {
  const res = await admin(t).get(`/api/review/changes${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ReviewChangesPageSchema.parse(res.body);
};
const acknowledge = async (toLogId: number): Promise<ReviewSummary> => {
  const res = await admin(t).post('/api/review/acknowledge', { toLogId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ReviewSummarySchema.parse(res.body);
};
const ackAll = async () => acknowledge((await summary()).toLogId);
const byUser = async (userName: string) => (await changes()).rows.filter((m) => m.userName === userName);
const kinds = (s: ReviewSummary) => Object.fromEntries(s.changes.byKind.map((k) => [k.value, k.count]));

describe('GET /api/review: net change per member since the last acknowledgement', () => {
  it('starts empty and never acknowledged', async () => {
    expect(await summary()).toEqual({
      fromLogId: 0,
      toLogId: 0,
      since: null,
      lastAcknowledged: null,
      pendingLogRows: 0,
      changes: { total: 0, byKind: [] },
      groups: { total: 0, byKind: [] },
      needsAction: { total: 0, byOperation: [], missingRoles: [] },
      fallbacks: { total: 0, roles: [] },
      waiting: 0,
      notices: [],
    });
    expect(await changes()).toEqual({ rows: [], nextCursor: null });
  });

  it('shows create then patch once, as created, with the final values', async () => {
    const id = await createMember(t, 'new.hire@example.com', { title: 'Intern' });
    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Engineer' });
    await scim(t).lookup('new.hire@example.com'); // reads are not changes
    expect((await summary()).changes).toEqual({ total: 1, byKind: [{ value: 'created', count: 1 }] });
    const { rows } = await changes();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ memberId: id, userName: 'new.hire@example.com', displayName: 'new hire', kind: 'created' });
    expect(rows[0]!.changes.filter((c) => c.field === 'jobTitle')).toEqual([{ field: 'jobTitle', old: null, new: 'Engineer' }]);
  });

  it('nets deactivate then reactivate to nothing, or to updated when something else changed', async () => {
    const quiet = await createMember(t, 'quiet@example.com');
    const busy = await createMember(t, 'busy@example.com', { title: 'Clerk' });
    await ackAll();
    for (const id of [quiet, busy]) await scim(t).patch(id, { op: 'replace', path: 'active', value: false });
    await scim(t).patch(busy, { op: 'replace', path: 'title', value: 'Manager' });
    for (const id of [quiet, busy]) await scim(t).patch(id, { op: 'replace', path: 'active', value: true });
    expect(await byUser('quiet@example.com')).toEqual([]);
    expect(await byUser('busy@example.com')).toEqual([
      {
        memberId: busy, userName: 'busy@example.com', displayName: 'busy User', kind: 'updated',
        changes: [{ field: 'jobTitle', old: 'Clerk', new: 'Manager' }], currentRole: 'Staff User', lastAt: expect.any(String), logId: expect.any(Number),
      },
    ]);
    expect((await summary()).changes.total).toBe(1);
  });

  it('reports deactivated, reactivated, deleted and revived; created-and-deleted nets to nothing', async () => {
    const off = await createMember(t, 'off@example.com');
    const back = await createMember(t, 'back@example.com');
    const gone = await createMember(t, 'gone@example.com');
    const revived = await createMember(t, 'revived@example.com');
    await scim(t).patch(back, { op: 'replace', path: 'active', value: false });
    await scim(t).remove(revived);
    await ackAll();
    await scim(t).patch(off, { op: 'replace', path: 'active', value: false });
    await scim(t).patch(back, { op: 'replace', path: 'active', value: true });
    await scim(t).remove(gone);
    expect((await scim(t).create(user('revived@example.com'))).status).toBe(201);
    const flash = await createMember(t, 'flash@example.com');
    await scim(t).remove(flash);
    expect(Object.fromEntries((await changes()).rows.map((m) => [m.userName, m.kind]))).toEqual({
      'off@example.com': 'deactivated', 'back@example.com': 'reactivated', 'gone@example.com': 'deleted', 'revived@example.com': 'revived',
    });
    expect(kinds(await summary())).toEqual({ deactivated: 1, reactivated: 1, deleted: 1, revived: 1 });
  });

  it('pages member changes newest first with a kind filter and a search', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) ids.push(await createMember(t, `p${String(i).padStart(3, '0')}@example.com`));
    for (const id of ids.slice(0, 5)) await scim(t).remove(id);
    await ackAll();
    for (const id of ids.slice(5, 15)) await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Lead' });
    for (let i = 130; i < 250; i++) await createMember(t, `p${String(i).padStart(3, '0')}@example.com`);
    const s = await summary();
    expect(s.changes).toEqual({ total: 130, byKind: [{ value: 'created', count: 120 }, { value: 'updated', count: 10 }] });

    const first = await changes('?limit=100');
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]?.userName).toBe('p249@example.com');
    const second = await changes(`?limit=100&cursor=${first.nextCursor}`);
    expect(second.rows).toHaveLength(30);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.memberId)).size).toBe(130);

    const updated = await changes('?kind=updated');
    expect(updated.rows.map((r) => r.userName)).toEqual(ids.slice(5, 15).map((_, i) => `p${String(14 - i).padStart(3, '0')}@example.com`));
    expect((await changes('?query=p01')).rows.map((r) => r.userName).sort()).toEqual(
      ['p010', 'p011', 'p012', 'p013', 'p014'].map((p) => `${p}@example.com`),
    );
    expect((await changes('?query=100%25')).rows).toEqual([]); // LIKE wildcards are literal
    expect((await admin(t).get('/api/review/changes?kind=exploded')).status).toBe(400);
  });

  it('reads the log into the review a bounded window per request, and says how much is left', async () => {
    const now = new Date().toISOString();
    const rows = 50_000;
    t.core.db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        t.core.log.insert({
          at: now, requestId: `r${i}`, client: 'Entra ID', method: 'POST', path: '/scim/v2/Users', operation: 'create', memberId: `m${i}`, userName: `u${i}@x`,
          result: 'success', status: 201, scimType: null, detail: null, durationMs: 1, changes: [{ field: 'userName', old: null, new: `u${i}@x` }], request: null, response: null,
        });
      }
    })();
    const s = await summary();
    expect(s.pendingLogRows).toBeGreaterThan(0);
    expect(s.pendingLogRows + s.toLogId).toBe(rows);
    expect(s.changes.total).toBe(s.toLogId);
    // The rest is read in the background (and by each request), a window at a time.
    await expect.poll(async () => (await summary()).changes.total, { timeout: 20_000 }).toBe(rows);
    expect((await summary()).pendingLogRows).toBe(0);
  });
});

describe('problems: refusals stay open until resolved or dismissed', () => {
  const problems = async (query = ''): Promise<ReviewProblemsPage> => {
    const res = await admin(t).get(`/api/review/problems${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ReviewProblemsPageSchema.parse(res.body);
  };

  it('lists each refusal once with its attempts and what to do; auth failures are notices', async () => {
    const a = admin(t);
    const holder = await createMember(t, 'holder@example.com');
    await giveAsset(t, holder, 'LT-1');
    await ackAll();
    for (let i = 0; i < 3; i++) expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
    expect((await scim(t).create(user('norole@example.com', { title: 'Pilots' }))).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await scim(t).get('nobody')).status).toBe(404); // a failed read is not a refusal

    const s = await summary();
    expect(s.changes.total).toBe(0);
    expect(s.needsAction).toEqual({
      total: 2,
      byOperation: expect.arrayContaining([{ value: 'blocked-deactivation', count: 1 }, { value: 'rejected-role', count: 1 }]),
      missingRoles: [{ value: 'Pilots', count: 1 }],
    });
    // Refused anonymous traffic is logged as one counted row per address and window (issue #15).
    expect(s.notices).toEqual([{ operation: 'auth-failure', count: 1, lastAt: expect.any(String), detail: expect.stringMatching(/request/), action: expect.stringMatching(/^Paste the current connector key/) }]);
    const { rows } = await problems();
    expect(rows.map((p) => p.operation)).toEqual(['rejected-role', 'blocked-deactivation']);
    expect(rows[1]).toMatchObject({ memberId: holder, userName: 'holder@example.com', attempts: 3, standing: true, assets: [{ tag: 'LT-1', name: 'Laptop LT-1' }] });
    expect(rows[1]?.action).toMatch(/^Check in the member's assets/);
    expect(rows[0]).toMatchObject({ memberId: null, userName: 'norole@example.com', requestedRole: 'Pilots', assets: [] });
    expect((await problems('?operation=blocked-deactivation')).rows).toHaveLength(1);
    expect((await problems('?operation=rejected-role&role=pilots')).rows).toHaveLength(1);
  });

  it('keeps open problems after Acknowledge, empties what was resolved', async () => {
    const holder = await createMember(t, 'keep@example.com');
    const other = await createMember(t, 'fixed@example.com');
    await giveAsset(t, holder, 'LT-9');
    const otherAsset = await giveAsset(t, other, 'LT-8');
    await ackAll();
    for (const id of [holder, other]) expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    await admin(t).post(`/api/assets/${otherAsset}/checkin`);
    expect((await scim(t).patch(other, { op: 'replace', path: 'active', value: false })).status).toBe(200); // the IdP's retry goes through

    const before = await summary();
    expect(before.needsAction.total).toBe(1);
    expect(kinds(before)).toEqual({ deactivated: 1 });
    const after = await acknowledge(before.toLogId);
    expect(after.changes.total).toBe(0);
    expect(after.needsAction.total).toBe(1);
    expect((await problems()).rows.map((p) => p.userName)).toEqual(['keep@example.com']);
    expect((await admin(t).get('/api/health')).body).toMatchObject({ blockedDeprovisionings: 1, needsAction: 1 });
  });

  it('moves a fixed problem to "waiting for the IdP", then drops it when the retry goes through', async () => {
    const holder = await createMember(t, 'wait@example.com');
    const asset = await giveAsset(t, holder, 'LT-3');
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    await admin(t).post(`/api/assets/${asset}/checkin`);
    let s = await summary();
    expect([s.needsAction.total, s.waiting]).toEqual([0, 1]);
    expect((await problems('?state=waiting')).rows.map((p) => [p.userName, p.standing])).toEqual([['wait@example.com', false]]);
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    s = await summary();
    expect([s.needsAction.total, s.waiting]).toEqual([0, 0]);
  });

  it('dismisses a problem with a reason; the IdP retrying does not reopen it', async () => {
    const holder = await createMember(t, 'dismiss@example.com');
    await giveAsset(t, holder, 'LT-4');
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    const [p] = (await problems()).rows;
    expect((await admin(t).post(`/api/review/problems/${p!.id}/dismiss`, { reason: '' })).status).toBe(400);
    expect((await admin(t).post(`/api/review/problems/${p!.id}/dismiss`, { reason: 'Laptop is lost; HR knows' })).status).toBe(204);
    expect((await summary()).needsAction.total).toBe(0);
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    expect((await summary()).needsAction.total).toBe(0);
    expect(t.core.db.prepare('SELECT state, dismiss_reason, attempts FROM review_problems').get()).toEqual({ state: 'dismissed', dismiss_reason: 'Laptop is lost; HR knows', attempts: 2 });
    const again = await admin(t).post(`/api/review/problems/${p!.id}/dismiss`, { reason: 'twice' });
    expect([again.status, errorOf(again).code]).toEqual([404, 'problem-not-found']);
  });

  it('deactivates anyway and flags the member in one click', async () => {
    const holder = await createMember(t, 'anyway@example.com');
    await giveAsset(t, holder, 'LT-5');
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    const [p] = (await problems()).rows;
    expect((await admin(t).post(`/api/review/problems/${p!.id}/deactivate`)).status).toBe(204);
    expect((await admin(t).get(`/api/members/${holder}`)).body).toMatchObject({ active: false, leaverHoldingAssets: true });
    expect((await summary()).needsAction.total).toBe(0);
  });
});

describe('role fallbacks are visible and fixable', () => {
  it('records the requested role, groups the members and gives them the role once created', async () => {
    await admin(t).put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'fallback-role' });
    const a = await createMember(t, 'wl1@example.com', { title: 'Warehouse Lead' });
    await createMember(t, 'wl2@example.com', { title: 'Warehouse Lead' });
    await createMember(t, 'ns@example.com', { title: 'Night Shift' });
    const log = (await admin(t).get(`/api/log?member=${a}&operation=create`)).body as { rows: Array<{ changes: unknown[] }> };
    expect(log.rows[0]?.changes).toContainEqual({ field: 'role', old: null, new: 'Staff User', requested: 'Warehouse Lead' });
    const history = (await admin(t).get(`/api/members/${a}`)).body as { history: Array<{ changes: unknown[] }> };
    expect(history.history[0]?.changes).toContainEqual({ field: 'role', old: null, new: 'Staff User', requested: 'Warehouse Lead' });

    expect((await summary()).fallbacks).toEqual({
      total: 3,
      roles: [{ value: 'Warehouse Lead', count: 2, roleExists: false }, { value: 'Night Shift', count: 1, roleExists: false }],
    });
    expect((await admin(t).post('/api/review/roles/apply', { role: 'Warehouse Lead' })).status).toBe(404);
    expect((await admin(t).post('/api/roles', { name: 'warehouse lead' })).status).toBe(201);
    const applied = await admin(t).post('/api/review/roles/apply', { role: 'Warehouse Lead' });
    expect(applied.body).toEqual({ role: 'warehouse lead', applied: 2 });
    expect((await admin(t).get(`/api/members/${a}`)).body).toMatchObject({ roleName: 'warehouse lead' });
    expect((await summary()).fallbacks).toEqual({ total: 1, roles: [{ value: 'Night Shift', count: 1, roleExists: false }] });
  });
});

describe('POST /api/review/acknowledge', () => {
  it('stores who and when; the next review starts from there', async () => {
    await createMember(t, 'first@example.com');
    const seen = await summary();
    await createMember(t, 'second@example.com');
    const next = await acknowledge(seen.toLogId);
    expect(next.fromLogId).toBe(seen.toLogId);
    expect(next.lastAcknowledged).toEqual({ at: expect.any(String), by: 'admin' });
    expect(next.since).toBe(next.lastAcknowledged?.at);
    expect((await changes()).rows.map((m) => m.userName)).toEqual(['second@example.com']);
    expect(t.core.db.prepare('SELECT from_log_id, to_log_id, acknowledged_by FROM reviews').all()).toEqual([{ from_log_id: 0, to_log_id: seen.toLogId, acknowledged_by: 'admin' }]);

    // A stale acknowledgement (another tab already went further) changes nothing.
    await acknowledge(next.toLogId);
    await acknowledge(seen.toLogId);
    expect((await summary()).fromLogId).toBe(next.toLogId);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM reviews').get()).toEqual({ n: 2 });
  });

  it('refuses an id beyond the log and a malformed body', async () => {
    const bad = await admin(t).post('/api/review/acknowledge', { toLogId: 5 });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid-review');
    expect((await admin(t).post('/api/review/acknowledge', { toLogId: -1 })).status).toBe(400);
    expect((await admin(t).post('/api/review/acknowledge', {})).status).toBe(400);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM reviews').get()).toEqual({ n: 0 });
  });
});
