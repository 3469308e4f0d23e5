import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/** What third-party conformance suites found on main (issue #18 item 5), each now answered as the RFCs say. */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
let app: TestApp;
afterEach(() => app?.close());

const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown) => {
  const r = request(app.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`);
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
const patch = (id: string, ...Operations: unknown[]) => scim('patch', `/Users/${id}`, { schemas: [PATCH_OP], Operations });
const member = (id: string) => app.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;

describe('manager $ref', () => {
  it('is stored and returned with the manager, from POST and from the older PATCH form', async () => {
    app = makeApp();
    const ref = 'https://scim.example.com/scim/v2/Users/m-1';
    const created = await scim('post', '/Users', { userName: 'ref@contoso.com', [ENT]: { manager: { value: 'm-1', $ref: ref, displayName: 'Boss' } } });
    expect(created.status).toBe(201);
    expect(created.body[ENT].manager).toEqual({ value: 'm-1', $ref: ref });
    expect((await scim('get', `/Users/${created.body.id}`)).body[ENT].manager).toEqual({ value: 'm-1', $ref: ref });

    const other = 'https://scim.example.com/scim/v2/Users/m-2';
    const res = await patch(created.body.id, { op: 'Add', path: 'manager', value: [{ $ref: other, value: 'm-2' }] });
    expect(res.body[ENT].manager).toEqual({ value: 'm-2', $ref: other });
    // A plain id (Entra's usual form) replaces the reference: no stale $ref is left behind.
    const plain = await patch(created.body.id, { op: 'replace', path: `${ENT}:manager`, value: 'm-3' });
    expect(plain.body[ENT].manager).toEqual({ value: 'm-3' });
    expect(member(created.body.id).manager_id).toBe('m-3');
  });
});

describe('every email the IdP sends', () => {
  it('keeps a second work email; the member email is the primary one, else the first work one', async () => {
    app = makeApp();
    const emails = [
      { type: 'work', value: 'first.work@contoso.com' },
      { type: 'work', value: 'second.work@contoso.com', primary: true },
      { type: 'home', value: 'home@example.com' },
    ];
    const res = await scim('post', '/Users', { userName: 'two@contoso.com', emails });
    expect(res.status).toBe(201);
    expect(res.body.emails).toEqual(emails);
    expect(member(res.body.id).email).toBe('second.work@contoso.com');

    const noPrimary = await scim('post', '/Users', { userName: 'three@contoso.com', emails: emails.map(({ type, value }) => ({ type, value: `x.${value}` })) });
    expect(member(noPrimary.body.id).email).toBe('x.first.work@contoso.com');

    // Entra's matching query finds the member by either work email.
    for (const value of ['first.work@contoso.com', 'SECOND.work@contoso.com']) {
      const hit = await scim('get', `/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "${value}"`)}`);
      expect(hit.body.Resources.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    }
    // Changing the second work email moves the lookup with it.
    await patch(res.body.id, { op: 'replace', path: 'emails[value eq "second.work@contoso.com"].value', value: 'renamed@contoso.com' });
    const gone = await scim('get', `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "second.work@contoso.com"')}`);
    expect(gone.body.totalResults).toBe(0);
    const moved = await scim('get', `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "renamed@contoso.com"')}`);
    expect(moved.body.totalResults).toBe(1);
  });
});

describe('enterprise extension PATCH', () => {
  it('ignores a key the schema does not know, as POST does, and applies the rest', async () => {
    app = makeApp();
    const body = { userName: 'ext@contoso.com', [ENT]: { department: 'Ops', favouriteColour: 'green' } };
    const created = await scim('post', '/Users', body);
    expect(created.status).toBe(201);
    expect(created.body[ENT]).toEqual({ department: 'Ops' });

    const byPath = await patch(created.body.id, { op: 'replace', path: ENT, value: { department: 'Sales', favouriteColour: 'blue' } });
    expect(byPath.status).toBe(200);
    expect(byPath.body[ENT]).toEqual({ department: 'Sales' });
    const noPath = await patch(created.body.id, { op: 'replace', value: { [ENT]: { employeeNumber: '7', shoeSize: 44 } } });
    expect(noPath.status).toBe(200);
    expect(noPath.body[ENT]).toEqual({ department: 'Sales', employeeNumber: '7' });
  });
});

describe('PATCH remove of active (RFC 7644 §3.5.2.2)', () => {
  it('leaves active unassigned, which SCIM Desk reads as active, as on a create without it', async () => {
    app = makeApp();
    const created = await scim('post', '/Users', { userName: 'off@contoso.com', active: false });
    expect(created.body.active).toBe(false);
    const res = await patch(created.body.id, { op: 'remove', path: 'active' });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
    expect(member(created.body.id).active).toBe(1);
    app.core.log.flush();
    const ops = app.core.db.prepare('SELECT operation FROM provisioning_log WHERE member_id = ? ORDER BY id').pluck().all(created.body.id);
    expect(ops).toEqual(['create', 'reactivate']);
    // Removing it from an active member changes nothing: no new version.
    const version = member(created.body.id).version;
    expect((await patch(created.body.id, { op: 'Remove', path: 'active' })).body.active).toBe(true);
    expect(member(created.body.id).version).toBe(version);
  });
});

describe('unsupported endpoints and discovery writes', () => {
  it('answers 501 for /Bulk and the root /.search', async () => {
    app = makeApp();
    for (const res of [await scim('post', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] }), await scim('get', '/Bulk'), await scim('post', '/.search', { filter: 'userName eq "x"' })]) {
      expect(res.status).toBe(501);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '501' });
    }
  });

  it('answers 405 with Allow for writes to the discovery endpoints, whatever the body', async () => {
    app = makeApp();
    const cases = [
      request(app.scim).post('/scim/v2/ServiceProviderConfig').set('Content-Type', 'application/json').send('not json at all'),
      request(app.scim).post('/scim/v2/ResourceTypes').set('Content-Type', 'application/scim+json').send('{"broken":'),
      request(app.scim).put('/scim/v2/Schemas').send({}),
      request(app.scim).delete('/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'),
      request(app.scim).patch('/scim/v2/ResourceTypes/User').send({}),
    ];
    for (const pending of cases) {
      const res = await pending.set('Authorization', `Bearer ${TEST_KEY}`);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.body).toMatchObject({ status: '405' });
    }
    // Without the key it is still a 401 first.
    expect((await request(app.scim).post('/scim/v2/ServiceProviderConfig').send({})).status).toBe(401);
  });
});
