import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MemberDetailSchema, MemberPageSchema } from '../../../shared/api/members.js';
import type { MemberPage } from '../../../shared/api/members.js';
import { RoleSchema } from '../../../shared/api/roles.js';
import { admin, createMember, errorOf, giveAsset, scim, snapshot } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  // A clock that moves one second per reading: "updated" ordering is deterministic.
  let ms = Date.parse('2026-11-02T08:00:00.000Z');
  t = makeApp({ now: () => new Date((ms += 1000)) });
});
afterEach(() => t.close());

const page = async (query: Record<string, string | number>): Promise<MemberPage> => {
  const res = await admin(t).get('/api/members').query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return MemberPageSchema.parse(res.body);
};
const detail = async (id: string) => MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body);

describe('GET /api/members', () => {
  it('sorts, filters and pages with an opaque cursor', async () => {
    const names = ['dora.d@example.com', 'al.a@example.com', 'cy.c@example.com', 'bo.b@example.com', 'ed.e@example.com'];
    const ids: Record<string, string> = {};
    for (const n of names) ids[n] = await createMember(t, n);
    await scim(t).patch(ids['cy.c@example.com']!, { op: 'replace', path: 'active', value: false });
    await giveAsset(t, ids['bo.b@example.com']!, 'LT-1');

    const first = await page({ limit: 2 });
    expect(first.members.map((m) => m.displayName)).toEqual(['al a', 'bo b']);
    expect(first.total).toBe(5);
    const second = await page({ limit: 2, cursor: first.nextCursor! });
    expect(second.members.map((m) => m.displayName)).toEqual(['cy c', 'dora d']);
    const third = await page({ limit: 2, cursor: second.nextCursor! });
    expect(third.members.map((m) => m.displayName)).toEqual(['ed e']);
    expect(third.nextCursor).toBeNull();

    expect((await page({ sort: '-name' })).members.map((m) => m.displayName)).toEqual(['ed e', 'dora d', 'cy c', 'bo b', 'al a']);
    expect((await page({ sort: 'userName', limit: 1 })).members[0]?.userName).toBe('al.a@example.com');
    const desc = await page({ sort: '-updated', limit: 1 });
    expect(desc.members[0]?.userName).toBe('cy.c@example.com'); // deactivated last
    expect((await page({ sort: '-updated', limit: 1, cursor: desc.nextCursor! })).members[0]?.userName).toBe('ed.e@example.com');

    expect((await page({ query: 'DORA' })).members.map((m) => m.userName)).toEqual(['dora.d@example.com']);
    expect((await page({ query: '.b@exa' })).members.map((m) => m.userName)).toEqual(['bo.b@example.com']);
    expect((await page({ query: '%' })).total).toBe(0); // LIKE wildcards are literal
    expect((await page({ active: 'false' })).members.map((m) => m.userName)).toEqual(['cy.c@example.com']);
    expect((await page({ active: 'true' })).total).toBe(4);
    expect((await page({ holdsAssets: 'true' })).members.map((m) => [m.userName, m.heldAssets])).toEqual([['bo.b@example.com', 1]]);
    expect((await page({ holdsAssets: 'false' })).total).toBe(4);
    expect((await page({ role: 2 })).total).toBe(5);
    expect((await page({ role: 1 })).total).toBe(0);
    expect((await page({ source: 'scim' })).total).toBe(5);
  });

  it('refuses a tampered cursor, a cursor of another sort, a limit over 500 and a source nothing produces', async () => {
    await createMember(t, 'a.a@example.com');
    await createMember(t, 'b.b@example.com');
    const first = await page({ limit: 1 });
    for (const query of [{ cursor: 'garbage' }, { cursor: first.nextCursor!, sort: 'userName' }, { limit: 501 }, { sort: 'shoeSize' }, { active: 'yes' }, { source: 'manual' }]) {
      const res = await admin(t).get('/api/members').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
    }
  });
});

describe('GET /api/members/{id}', () => {
  it('returns fields, the SCIM resource, held assets and history grouped by actor and time', async () => {
    const a = admin(t);
    await a.put('/api/settings', { publicBaseUrl: 'https://scim.example.com' });
    const id = await createMember(t, 'joe.doe@example.com', { title: 'Clerk' });
    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Manager' });
    await giveAsset(t, id, 'LT-9');
    const m = await detail(id);
    expect(m).toMatchObject({ userName: 'joe.doe@example.com', externalId: 'ext-joe.doe@example.com', active: true, jobTitle: 'Manager', heldAssets: 1, version: 2, hasCheckoutHistory: true });
    expect(m.fields).toMatchObject({ firstName: 'joe', lastName: 'doe', email: 'joe.doe@example.com' });
    expect(m.scimResource).toMatchObject({ id, userName: 'joe.doe@example.com', title: 'Manager', meta: { location: `https://scim.example.com/scim/v2/Users/${id}`, version: 'W/"2"' } });
    expect(m.assets).toEqual([{ assetId: expect.any(Number), tag: 'LT-9', name: 'Laptop LT-9', checkedOutAt: expect.any(String) }]);
    expect(m.history).toHaveLength(2);
    expect(m.history[0]).toMatchObject({ actor: expect.stringMatching(/^scim:Entra ID:/), changes: [{ field: 'jobTitle', old: 'Clerk', new: 'Manager' }] });
    expect(m.history[1]?.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['userName', 'active', 'firstName', 'jobTitle', 'role']));
  });

  it('answers 404 for an unknown member', async () => {
    const res = await admin(t).get('/api/members/does-not-exist');
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('member-not-found');
  });
});

describe('PATCH /api/members/{id}', () => {
  it('changes role and role lock with admin history; the IdP then cannot change the role', async () => {
    const a = admin(t);
    const eng = RoleSchema.parse((await a.post('/api/roles', { name: 'Engineer' })).body).id;
    await a.post('/api/roles', { name: 'Manager' });
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title' });
    const id = await createMember(t, 'lock.ed@example.com', { title: 'Engineer' });
    const res = await a.patch(`/api/members/${id}`, { roleId: 1, roleLocked: true });
    expect(res.status).toBe(200);
    const m = MemberDetailSchema.parse(res.body);
    expect(m).toMatchObject({ roleId: 1, roleName: 'Administrator', roleLocked: true, version: 2 });
    expect(m.history[0]).toEqual({
      at: expect.any(String),
      actor: 'admin',
      changes: [
        { field: 'role', old: 'Engineer', new: 'Administrator' },
        { field: 'roleLocked', old: 'false', new: 'true' },
      ],
    });
    expect((await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Manager' })).status).toBe(200);
    expect((await detail(id)).roleName).toBe('Administrator');
    expect(eng).toBeGreaterThan(2);
  });

  it('does nothing for a no-op patch and refuses an unknown role', async () => {
    const id = await createMember(t, 'no.op@example.com');
    const before = snapshot(t);
    expect(MemberDetailSchema.parse((await admin(t).patch(`/api/members/${id}`, { roleId: 2, roleLocked: false, active: true })).body).version).toBe(1);
    const bad = await admin(t).patch(`/api/members/${id}`, { roleId: 42 });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('unknown-role');
    expect((await admin(t).patch(`/api/members/${id}`, { roleId: 'admin' })).status).toBe(400);
    expect((await admin(t).patch('/api/members/nope', { active: false })).status).toBe(404);
    expect(snapshot(t)).toEqual(before);
  });

  it('deactivates (flagging a leaver who holds assets) and reactivates; the SCIM resource follows', async () => {
    const id = await createMember(t, 'le.aver@example.com');
    await giveAsset(t, id, 'PH-1');
    const off = MemberDetailSchema.parse((await admin(t).patch(`/api/members/${id}`, { active: false })).body);
    expect(off).toMatchObject({ active: false, leaverHoldingAssets: true });
    expect((await scim(t).get(id)).body.active).toBe(false);
    const on = MemberDetailSchema.parse((await admin(t).patch(`/api/members/${id}`, { active: true })).body);
    expect(on).toMatchObject({ active: true, leaverHoldingAssets: false });
  });

  it('refuses to reactivate a member the IdP deleted', async () => {
    const id = await createMember(t, 'gone.idp@example.com');
    expect((await scim(t).remove(id)).status).toBe(204);
    const before = snapshot(t);
    const res = await admin(t).patch(`/api/members/${id}`, { active: true });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('member-deleted-by-idp');
    expect(snapshot(t)).toEqual(before);
  });
});

describe('DELETE /api/members/{id}', () => {
  it('refuses while the member holds assets or has any checkout history: deactivate instead', async () => {
    const a = admin(t);
    const id = await createMember(t, 'has.laptop@example.com');
    const asset = await giveAsset(t, id, 'LT-77');
    let before = snapshot(t);
    const held = await a.del(`/api/members/${id}`);
    expect(held.status).toBe(409);
    expect(errorOf(held).code).toBe('member-holds-assets');
    expect(errorOf(held).message).toContain('LT-77');
    expect(errorOf(held).message).toContain('deactivate');
    expect(snapshot(t)).toEqual(before);

    await a.post(`/api/assets/${asset}/checkin`);
    before = snapshot(t);
    const history = await a.del(`/api/members/${id}`);
    expect(history.status).toBe(409);
    expect(errorOf(history)).toMatchObject({ code: 'member-has-checkout-history' });
    expect(errorOf(history).message).toContain('Deactivate the member instead');
    expect(snapshot(t)).toEqual(before);
  });

  it("deletes; GET answers 404 to the admin and the IdP, and the IdP's next PATCH brings it back with the same id", async () => {
    const a = admin(t);
    const id = await createMember(t, 'come.back@example.com', { title: 'Baker' });
    expect((await a.del(`/api/members/${id}`)).status).toBe(204);
    expect((await a.get(`/api/members/${id}`)).status).toBe(404);
    expect((await page({})).total).toBe(0);
    expect((await scim(t).get(id)).status).toBe(404);
    expect((await a.del(`/api/members/${id}`)).status).toBe(404);

    const res = await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Head Baker' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    const m = await detail(id);
    expect(m).toMatchObject({ id, active: true, jobTitle: 'Head Baker' });
    expect(m.history.some((h) => h.actor === 'admin' && h.changes.some((c) => c.field === 'deletedByAdmin'))).toBe(true);
    const log = (await a.get('/api/log').query({ member: id, operation: 'revive' })).body as { rows: Array<{ status: number }> };
    expect(log.rows).toHaveLength(1);
  });
});

describe('GET /api/members/export.csv', () => {
  it('streams every matching member as CSV with the filters applied and formulas neutralised', async () => {
    await createMember(t, 'x.one@example.com', { title: '=HYPERLINK("http://evil")' });
    await createMember(t, 'y.two@example.com', { title: 'Nurse, Night shift' });
    const res = await admin(t).get('/api/members/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const text = res.text;
    expect(text.startsWith('\uFEFFid,userName,externalId,active,source,role')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain('"Nurse, Night shift"');
    const filtered = await admin(t).get('/api/members/export.csv').query({ query: 'y.two' });
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);
  });
});
