import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { ReviewSchema } from '../../../shared/api/refresh.js';
import type { Review } from '../../../shared/api/refresh.js';
import { admin, createMember, errorOf, giveAsset, scim, user } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const review = async (): Promise<Review> => {
  const res = await admin(t).get('/api/review');
  expect(res.status).toBe(200);
  return ReviewSchema.parse(res.body);
};
const acknowledge = async (toLogId: number): Promise<Review> => {
  const res = await admin(t).post('/api/review/acknowledge', { toLogId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ReviewSchema.parse(res.body);
};
const ackAll = async () => acknowledge((await review()).toLogId);
const byUser = (r: Review, userName: string) => r.members.filter((m) => m.userName === userName);

describe('GET /api/review: net change per member since the last acknowledgement', () => {
  it('starts empty and never acknowledged', async () => {
    expect(await review()).toEqual({ fromLogId: 0, toLogId: 0, since: null, members: [], groups: [], refused: [], lastAcknowledged: null });
  });

  it('shows create then patch once, as created, with the final values', async () => {
    const id = await createMember(t, 'new.hire@example.com', { title: 'Intern' });
    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Engineer' });
    await scim(t).lookup('new.hire@example.com'); // reads are not changes
    const r = await review();
    expect(r.members).toHaveLength(1);
    const m = r.members[0]!;
    expect(m).toMatchObject({ memberId: id, userName: 'new.hire@example.com', displayName: 'new hire', kind: 'created' });
    expect(m.changes).toEqual(expect.arrayContaining([{ field: 'jobTitle', old: null, new: 'Engineer' }]));
    expect(m.changes.filter((c) => c.field === 'jobTitle')).toHaveLength(1);
  });

  it('nets deactivate then reactivate to nothing, or to updated when something else changed', async () => {
    const quiet = await createMember(t, 'quiet@example.com');
    const busy = await createMember(t, 'busy@example.com', { title: 'Clerk' });
    await ackAll();
    for (const id of [quiet, busy]) await scim(t).patch(id, { op: 'replace', path: 'active', value: false });
    await scim(t).patch(busy, { op: 'replace', path: 'title', value: 'Manager' });
    for (const id of [quiet, busy]) await scim(t).patch(id, { op: 'replace', path: 'active', value: true });
    const r = await review();
    expect(byUser(r, 'quiet@example.com')).toEqual([]);
    expect(byUser(r, 'busy@example.com')).toEqual([
      { memberId: busy, userName: 'busy@example.com', displayName: 'busy User', kind: 'updated', changes: [{ field: 'jobTitle', old: 'Clerk', new: 'Manager' }], lastAt: expect.any(String) },
    ]);
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
    const kinds = Object.fromEntries((await review()).members.map((m) => [m.userName, m.kind]));
    expect(kinds).toEqual({ 'off@example.com': 'deactivated', 'back@example.com': 'reactivated', 'gone@example.com': 'deleted', 'revived@example.com': 'revived' });
  });

  it('lists refusals once each with what to do, blocked deactivations with the assets held', async () => {
    const a = admin(t);
    const holder = await createMember(t, 'holder@example.com');
    await giveAsset(t, holder, 'LT-1');
    await ackAll();
    for (let i = 0; i < 3; i++) expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
    expect((await scim(t).create(user('norole@example.com', { title: 'Pilots' }))).status).toBe(400);
    expect((await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await scim(t).get('nobody')).status).toBe(404); // a failed read is not a refusal

    const r = await review();
    expect(r.members).toEqual([]);
    expect(r.refused.map((x) => x.operation).sort()).toEqual(['auth-failure', 'blocked-deactivation', 'rejected-role']);
    const blocked = r.refused.find((x) => x.operation === 'blocked-deactivation')!;
    expect(blocked).toMatchObject({ memberId: holder, userName: 'holder@example.com', assets: [{ tag: 'LT-1', name: 'Laptop LT-1' }] });
    expect(blocked.action).toMatch(/^Check in the member's assets/);
    expect(r.refused.find((x) => x.operation === 'rejected-role')).toMatchObject({ memberId: null, userName: 'norole@example.com', assets: [] });
    expect(r.refused.find((x) => x.operation === 'rejected-role')?.action).toMatch(/^Create the role/);
    expect(r.refused.find((x) => x.operation === 'auth-failure')?.action).toMatch(/^Paste the current connector key/);
  });

  it('drops a blocked deactivation once the IdP deactivated the member after check-in', async () => {
    const holder = await createMember(t, 'holder2@example.com');
    const asset = await giveAsset(t, holder, 'LT-2');
    await ackAll();
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    await admin(t).post(`/api/assets/${asset}/checkin`);
    expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    const r = await review();
    expect(r.refused).toEqual([]);
    expect(r.members.map((m) => [m.userName, m.kind])).toEqual([['holder2@example.com', 'deactivated']]);
  });
});

describe('POST /api/review/acknowledge', () => {
  it('stores who and when; the next review starts from there', async () => {
    await createMember(t, 'first@example.com');
    const seen = await review();
    await createMember(t, 'second@example.com');
    const next = await acknowledge(seen.toLogId);
    expect(next.fromLogId).toBe(seen.toLogId);
    expect(next.lastAcknowledged).toEqual({ at: expect.any(String), by: 'admin' });
    expect(next.since).toBe(next.lastAcknowledged?.at);
    expect(next.members.map((m) => m.userName)).toEqual(['second@example.com']);
    expect(t.core.db.prepare('SELECT from_log_id, to_log_id, acknowledged_by FROM reviews').all()).toEqual([{ from_log_id: 0, to_log_id: seen.toLogId, acknowledged_by: 'admin' }]);

    // A stale acknowledgement (another tab already went further) changes nothing.
    await acknowledge(next.toLogId);
    await acknowledge(seen.toLogId);
    expect((await review()).fromLogId).toBe(next.toLogId);
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
