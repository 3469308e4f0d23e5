import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { LogDetailSchema, LogPageSchema } from '../../../shared/api/log-events.js';
import type { LogRow } from '../../../shared/api/log-events.js';
import { admin, createMember, giveAsset, OKTA_UA, scim, snapshot, user } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

/** The newest log row of an operation, read through the admin API. */
async function latest(operation: string): Promise<LogRow> {
  const res = await admin(t).get('/api/log').query({ operation, limit: 1 });
  expect(res.status).toBe(200);
  const row = LogPageSchema.parse(res.body).rows[0];
  if (!row) throw new Error(`no ${operation} row`);
  return row;
}
const detail = async (id: number) => LogDetailSchema.parse((await admin(t).get(`/api/log/${id}`)).body);

describe('one provisioning log row per SCIM request, with the right operation', () => {
  it('logs create, update, replace, deactivate, reactivate, delete and revive with member and changes', async () => {
    const s = scim(t);
    const created = await s.create(user('ops.one@example.com', { title: 'Clerk' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await latest('create')).toMatchObject({ memberId: id, userName: 'ops.one@example.com', result: 'success', status: 201, method: 'POST', path: '/scim/v2/Users', client: 'Entra ID' });
    expect((await latest('create')).changes).toEqual(expect.arrayContaining([{ field: 'jobTitle', old: null, new: 'Clerk' }]));

    await s.patch(id, { op: 'replace', path: 'title', value: 'Lead' });
    expect(await latest('update')).toMatchObject({ memberId: id, status: 200, method: 'PATCH', changes: [{ field: 'jobTitle', old: 'Clerk', new: 'Lead' }] });

    await s.replace(id, user('ops.one@example.com', { title: 'Boss' }));
    expect(await latest('replace')).toMatchObject({ memberId: id, method: 'PUT', changes: [{ field: 'jobTitle', old: 'Lead', new: 'Boss' }] });

    await s.patch(id, { op: 'replace', path: 'active', value: false });
    expect(await latest('deactivate')).toMatchObject({ memberId: id, changes: [{ field: 'active', old: 'true', new: 'false' }] });

    await s.patch(id, { op: 'Replace', value: { active: 'True' } });
    expect(await latest('reactivate')).toMatchObject({ memberId: id, changes: [{ field: 'active', old: 'false', new: 'true' }] });

    expect((await s.remove(id)).status).toBe(204);
    expect(await latest('delete')).toMatchObject({ memberId: id, method: 'DELETE', status: 204, result: 'success' });

    const again = await s.create(user('ops.one@example.com', { title: 'Boss' }));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(await latest('revive')).toMatchObject({ memberId: id, status: 201, result: 'success' });
  });

  it('logs a blocked deactivation (asset out) as a failure, with the recommended action', async () => {
    const id = await createMember(t, 'has.kit@example.com');
    await giveAsset(t, id, 'KIT-1');
    const before = snapshot(t);
    const res = await scim(t).patch(id, { op: 'replace', path: 'active', value: false });
    expect(res.status).toBe(409);
    expect(snapshot(t)).toEqual(before);
    const row = await latest('blocked-deactivation');
    expect(row).toMatchObject({ memberId: id, userName: 'has.kit@example.com', result: 'failure', status: 409 });
    expect(row.detail).toContain('KIT-1');
    const d = await detail(row.id);
    expect(d.recommendedAction).toBe("Check in the member's assets in SCIM Desk (or set deprovisioning to \"deactivate and flag\"); the IdP retries automatically.");
    expect(d.request).toMatchObject({ Operations: [{ op: 'replace', path: 'active', value: false }] });
  });

  it('logs a rejected role (do not provision) without writing the member', async () => {
    await admin(t).put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
    const before = snapshot(t);
    const res = await scim(t).create(user('no.role@example.com', { title: 'Field Engineers' }));
    expect(res.status).toBe(400);
    expect(snapshot(t)).toEqual(before);
    const row = await latest('rejected-role');
    expect(row).toMatchObject({ memberId: null, userName: 'no.role@example.com', result: 'failure', status: 400, scimType: 'invalidValue' });
    expect((await detail(row.id)).recommendedAction).toMatch(/^Create the role in SCIM Desk, or change the unknown-role setting/);
  });

  it('logs an auth failure without the presented token', async () => {
    const res = await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer not-the-key-9f8e7d').set('User-Agent', OKTA_UA);
    expect(res.status).toBe(401);
    const row = await latest('auth-failure');
    expect(row).toMatchObject({ result: 'failure', status: 401, client: 'Okta', method: 'GET' });
    const d = await detail(row.id);
    expect(d.recommendedAction).toMatch(/^Paste the current connector key into the IdP/);
    expect(JSON.stringify(d)).not.toContain('not-the-key-9f8e7d');
  });

  it('logs lookups, lists and reads (queued, visible once flushed)', async () => {
    const id = await createMember(t, 'look.up@example.com');
    expect((await scim(t).lookup('look.up@example.com')).status).toBe(200);
    expect((await scim(t).list()).status).toBe(200);
    expect((await scim(t).get(id)).status).toBe(200);
    expect(await latest('lookup')).toMatchObject({ memberId: id, userName: 'look.up@example.com', result: 'success', detail: '1 result' });
    expect(await latest('list')).toMatchObject({ result: 'success', method: 'GET' });
    expect(await latest('read')).toMatchObject({ memberId: id, status: 200 });
    const miss = await scim(t).get('nobody');
    expect(miss.status).toBe(404);
    const failedRead = LogPageSchema.parse((await admin(t).get('/api/log').query({ operation: 'read', result: 'failure' })).body).rows[0];
    expect(failedRead).toMatchObject({ status: 404 });
    expect((await detail(failedRead!.id)).recommendedAction).toMatch(/^None needed/);
    // The refusal keeps the SCIM error body the IdP was answered.
    expect((await detail(failedRead!.id)).response).toEqual(miss.body);
    expect(miss.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });

  it('says which userName an empty lookup looked for', async () => {
    expect((await scim(t).lookup('not.yet@example.com')).body).toMatchObject({ totalResults: 0 });
    expect(await latest('lookup')).toMatchObject({ userName: null, result: 'success', detail: 'No match for userName eq "not.yet@example.com"' });
  });

  it('keeps the error body of a refused write and of a refused request the router answers', async () => {
    const s = scim(t);
    const bad = await s.create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] });
    expect(bad.status).toBe(400);
    const refused = await latest('error');
    expect((await detail(refused.id)).response).toEqual(bad.body);
    const unknown = await request(t.scim).get('/scim/v2/Nope').set('Authorization', `Bearer ${TEST_KEY}`);
    expect(unknown.status).toBe(404);
    const row = LogPageSchema.parse((await admin(t).get('/api/log').query({ result: 'failure' })).body).rows[0]!;
    expect(row.path).toBe('/scim/v2/Nope');
    expect((await detail(row.id)).response).toEqual(unknown.body);
  });
});

describe('the log member filter', () => {
  it('finds a member by id or by its userName, lookups included, and a refused create by the userName sent', async () => {
    const s = scim(t);
    const id = (await s.create(user('pat.filter@example.com', { title: 'Clerk' }))).body.id as string;
    await s.patch(id, { op: 'replace', path: 'title', value: 'Lead' });
    expect((await s.lookup('pat.filter@example.com')).status).toBe(200);
    t.core.log.flush();
    // A create refused before any member exists: the row has no member id, only the userName sent.
    expect((await s.create(user('pat.filter@example.com'))).status).toBe(409);
    await createMember(t, 'someone.else@example.com');

    const byFilter = async (member: string) =>
      LogPageSchema.parse((await admin(t).get('/api/log').query({ member, limit: 50 })).body).rows.map((r) => `${r.operation}:${r.result}`);
    const all = ['error:failure', 'lookup:success', 'update:success', 'create:success'];
    expect(await byFilter(id)).toEqual(['lookup:success', 'update:success', 'create:success']);
    expect(await byFilter('pat.filter@example.com')).toEqual(all);
    expect(await byFilter('PAT.FILTER@example.com')).toEqual(['lookup:success', 'update:success', 'create:success']);
    expect(await byFilter('nobody@example.com')).toEqual([]);
  });
});
