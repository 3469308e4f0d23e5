import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/** /Groups beyond the IdP fixtures: filters, sorting, projection, extensions and refusals (issue #18 item 1). */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const MS_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
let app: TestApp;
afterEach(() => app?.close());

const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options', path: string, body?: unknown) => {
  const r = request(app.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`);
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
const patch = (id: string, ...Operations: unknown[]) => scim('patch', `/Groups/${id}`, { schemas: [PATCH_OP], Operations });
const ids = (res: { body: { Resources: Array<{ id: string }> } }) => res.body.Resources.map((r) => r.id);
async function group(displayName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await scim('post', '/Groups', { schemas: [GROUP], displayName, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function user(userName: string): Promise<string> {
  return (await scim('post', '/Users', { userName })).body.id as string;
}
const filter = (f: string) => scim('get', `/Groups?filter=${encodeURIComponent(f)}`);

describe('/Groups queries', () => {
  it('filters by displayName (any case), externalId, a substring and a member; sorts; pages', async () => {
    app = makeApp();
    const u = await user('member@contoso.com');
    const a = await group('Alpha Team', { externalId: 'ext-a', members: [{ value: u }] });
    const b = await group('beta team', { externalId: 'ext-b' });
    const c = await group('Gamma');
    expect(ids(await filter('displayName eq "ALPHA TEAM"'))).toEqual([a]);
    expect(ids(await filter('externalId eq "ext-b"'))).toEqual([b]);
    expect(ids(await filter('externalId eq "EXT-B"'))).toEqual([]);
    expect(ids(await filter('displayName co "team"'))).toEqual([a, b]);
    expect(ids(await filter(`members[value eq "${u}"]`))).toEqual([a]);
    expect(ids(await filter('not (displayName sw "a")'))).toEqual([b, c]);
    expect((await filter('nosuch eq "x"')).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect(ids(await scim('get', '/Groups?sortBy=displayName&sortOrder=descending'))).toEqual([c, b, a]);
    expect((await scim('get', '/Groups?sortBy=members')).status).toBe(400);
    const page = await scim('get', '/Groups?startIndex=2&count=1');
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(ids(page)).toEqual([b]);
    const search = await scim('post', '/Groups/.search', { filter: 'displayName eq "Gamma"', excludedAttributes: ['members'] });
    expect(ids(search)).toEqual([c]);
    expect(search.body.Resources[0].members).toBeUndefined();
    expect((await scim('options', '/Groups')).headers.allow).toBe('GET, HEAD, POST');
  });

  it('projects attributes and keeps members out of the answer only when asked', async () => {
    app = makeApp();
    const u = await user('p@contoso.com');
    const g = await group('Projected', { members: [{ value: u }] });
    const only = await scim('get', `/Groups/${g}?attributes=displayName`);
    expect(only.body).toEqual({ schemas: [GROUP], id: g, displayName: 'Projected' });
    expect((await scim('get', `/Groups/${g}`)).body.members).toEqual([{ value: u, display: 'p@contoso.com', $ref: expect.stringMatching(new RegExp(`/Users/${u}$`)), type: 'User' }]);
    // A user's computed groups follow the same rules.
    expect((await scim('get', `/Users/${u}?attributes=userName`)).body.groups).toBeUndefined();
    expect((await scim('get', `/Users/${u}?excludedAttributes=groups`)).body.groups).toBeUndefined();
    expect((await scim('get', `/Users?filter=${encodeURIComponent('userName eq "p@contoso.com"')}`)).body.Resources[0].groups).toEqual([expect.objectContaining({ value: g, display: 'Projected' })]);
  });
});

describe('/Groups writes', () => {
  it("keeps Microsoft's group extension, and refuses what a group cannot take", async () => {
    app = makeApp();
    const created = await scim('post', '/Groups', { schemas: [GROUP, MS_GROUP], displayName: 'Ext', [MS_GROUP]: { note: 'kept' } });
    expect(created.body).toMatchObject({ schemas: [GROUP, MS_GROUP], [MS_GROUP]: { note: 'kept' } });
    const g = created.body.id as string;
    expect((await patch(g, { op: 'replace', path: MS_GROUP, value: { other: 1 } })).status).toBe(204);
    expect((await scim('get', `/Groups/${g}`)).body[MS_GROUP]).toEqual({ note: 'kept', other: 1 });
    expect((await patch(g, { op: 'remove', path: 'displayName' })).body.scimType).toBe('invalidValue');
    expect((await patch(g, { op: 'replace', value: { id: 'another-id', displayName: 'x' } })).body.scimType).toBe('mutability');
    expect((await patch(g, { op: 'replace', path: 'owner', value: 'x' })).body.scimType).toBe('invalidPath');
    expect((await patch(g, { op: 'add', path: 'members[value eq "x"]', value: [] })).body.scimType).toBe('invalidPath');
    expect((await patch(g, { op: 'remove' })).body.scimType).toBe('noTarget');
    expect((await scim('post', '/Groups', { schemas: [GROUP] })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim('post', '/Groups', { schemas: [GROUP], displayName: 'Bad', members: [{ display: 'no value' }] })).body.scimType).toBe('invalidValue');
    expect((await scim('get', `/Groups/${g}`)).body).toMatchObject({ displayName: 'Ext', meta: { version: 'W/"2"' } });
  });

  it('adds a member named by a bare id string; a PUT without members keeps them, with members replaces them', async () => {
    app = makeApp();
    const [a, b] = [await user('a@contoso.com'), await user('b@contoso.com')];
    const g = await group('Bare');
    expect((await patch(g, { op: 'add', path: 'members', value: a })).status).toBe(204);
    const kept = await scim('put', `/Groups/${g}`, { schemas: [GROUP], id: g, displayName: 'Renamed by PUT', externalId: 'x-1' });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ displayName: 'Renamed by PUT', externalId: 'x-1', members: [{ value: a }] });
    const replaced = await scim('put', `/Groups/${g}`, { schemas: [GROUP], displayName: 'Renamed by PUT', members: [{ value: b }] });
    expect(replaced.body.members).toEqual([expect.objectContaining({ value: b })]);
    expect(replaced.body.externalId).toBeUndefined();
    expect((await scim('put', '/Groups/nope', { schemas: [GROUP], displayName: 'x' })).status).toBe(404);
    expect((await patch('nope', { op: 'add', path: 'members', value: [] })).status).toBe(404);
  });
});
