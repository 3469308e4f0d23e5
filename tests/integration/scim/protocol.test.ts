import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let app: TestApp;
afterEach(() => app?.close());

const auth = { Authorization: `Bearer ${TEST_KEY}` };
const post = (body: unknown, contentType = 'application/scim+json') =>
  request(app.scim).post('/scim/v2/Users').set(auth).set('Content-Type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
async function seed(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await post({ userName: `user${String(i).padStart(3, '0')}@contoso.com`, displayName: `User ${n - i}`, name: { familyName: `F${i % 3}` } });
    ids.push(res.body.id as string);
  }
  return ids;
}

describe('SCIM protocol details', () => {
  it('pages with integer fields, a stable order, count=0 and the maxResults cap', async () => {
    app = makeApp();
    const ids = await seed(7);
    const seen: string[] = [];
    for (let start = 1; start <= 7; start += 3) {
      const res = await request(app.scim).get(`/scim/v2/Users?startIndex=${start}&count=3`).set(auth);
      expect(res.body).toMatchObject({ totalResults: 7, startIndex: start, itemsPerPage: Math.min(3, 8 - start) });
      seen.push(...res.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(seen).toEqual(ids);
    const zero = await request(app.scim).get('/scim/v2/Users?count=0').set(auth);
    expect(zero.body).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
    const odd = await request(app.scim).get('/scim/v2/Users?startIndex=0&count=-1').set(auth);
    expect(odd.body).toMatchObject({ startIndex: 1, itemsPerPage: 0, totalResults: 7 });
    const big = await request(app.scim).get('/scim/v2/Users?count=1e9').set(auth);
    expect(big.body.itemsPerPage).toBe(7);
    expect((await request(app.scim).get('/scim/v2/Users?count=lots').set(auth)).status).toBe(400);
  });

  it('continues a page run by keyset: a member deprovisioned on an earlier page shifts nobody past the IdP', async () => {
    app = makeApp();
    const ids = await seed(9);
    const page = async (start: number, filter?: string) => {
      const q = `startIndex=${start}&count=3${filter ? `&filter=${encodeURIComponent(filter)}` : ''}`;
      const res = await request(app.scim).get(`/scim/v2/Users?${q}`).set(auth);
      expect(res.status).toBe(200);
      return (res.body.Resources as Array<{ id: string }>).map((r) => r.id);
    };
    expect(await page(1)).toEqual(ids.slice(0, 3));
    // Between two pages the IdP deprovisions a member it has already read.
    expect((await request(app.scim).delete(`/scim/v2/Users/${ids[1]}`).set(auth)).status).toBe(204);
    // OFFSET 3 would now start at ids[4] and skip ids[3]; the page continues after ids[2] instead.
    expect(await page(4)).toEqual(ids.slice(3, 6));
    expect(await page(7)).toEqual(ids.slice(6, 9));
    // A page that continues nothing (a jump, or another filter) is read by position.
    expect(await page(7, 'userName sw "user"')).toEqual(ids.slice(7, 9));
    expect(await page(2)).toEqual([ids[2], ids[3], ids[4]]);
  });

  it('sorts by sortBy/sortOrder and refuses unsupported sort attributes', async () => {
    app = makeApp();
    await seed(4);
    const res = await request(app.scim).get('/scim/v2/Users?sortBy=displayName&sortOrder=descending').set(auth);
    expect(res.body.Resources.map((r: { displayName: string }) => r.displayName)).toEqual(['User 4', 'User 3', 'User 2', 'User 1']);
    expect((await request(app.scim).get('/scim/v2/Users?sortBy=emails').set(auth)).body.scimType).toBe('invalidValue');
  });

  it('pages a sort no index serves (sorted by key, read by rowid), both directions, with startIndex and count', async () => {
    app = makeApp();
    await seed(7);
    const names = async (q: string) =>
      ((await request(app.scim).get(`/scim/v2/Users?sortBy=displayName&${q}`).set(auth)).body.Resources as Array<{ displayName: string }>).map((r) => r.displayName);
    expect(await names('sortOrder=descending&startIndex=2&count=3')).toEqual(['User 6', 'User 5', 'User 4']);
    expect(await names('startIndex=6&count=5')).toEqual(['User 6', 'User 7']);
  });

  it('answers OPTIONS with the methods each /Users path allows', async () => {
    app = makeApp();
    expect((await request(app.scim).options('/scim/v2/Users').set(auth)).headers.allow).toBe('GET, HEAD, POST');
    expect((await request(app.scim).options('/scim/v2/Users/some-id').set(auth)).headers.allow).toBe('DELETE, GET, HEAD, PATCH, PUT');
    expect((await request(app.scim).options('/scim/v2/Users/.search').set(auth)).headers.allow).toBe('POST');
  });

  it('honours attributes and excludedAttributes, always returning id', async () => {
    app = makeApp();
    const [id] = await seed(1);
    const only = await request(app.scim).get(`/scim/v2/Users/${id}?attributes=userName,name.familyName`).set(auth);
    expect(only.body).toEqual({ id, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'user000@contoso.com', name: { familyName: 'F0' } });
    const bracketed = await request(app.scim).get(`/scim/v2/Users/${id}`).query({ attributes: 'name[givenName pr].familyName' }).set(auth);
    expect(bracketed.body.name).toEqual({ familyName: 'F0' });
    const ex = await request(app.scim).get(`/scim/v2/Users/${id}?excludedAttributes=meta,name,id`).set(auth);
    expect(ex.body.id).toBe(id);
    expect(ex.body.meta).toBeUndefined();
    expect(ex.body.name).toBeUndefined();
    // A filtered list reads the same parameters (the route hands its parsed query to the context).
    const listed = await request(app.scim).get('/scim/v2/Users').query({ filter: 'userName eq "user000@contoso.com"', attributes: 'userName' }).set(auth);
    expect(listed.body.Resources).toEqual([{ id, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'user000@contoso.com' }]);
    const listedEx = await request(app.scim).get('/scim/v2/Users?excludedAttributes=name,meta').set(auth);
    expect(listedEx.body.Resources[0]).not.toHaveProperty('name');
    expect(listedEx.body.Resources[0]).not.toHaveProperty('meta');
  });

  it('supports POST /Users/.search', async () => {
    app = makeApp();
    await seed(3);
    const res = await request(app.scim)
      .post('/scim/v2/Users/.search')
      .set(auth)
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName sw "user00"', attributes: ['userName'], startIndex: 2, count: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, Resources: [{ userName: 'user001@contoso.com' }] });
    expect(res.body.Resources[0].meta).toBeUndefined();
  });

  it('returns Location, ETag and meta.version, and enforces If-Match with 412', async () => {
    app = makeApp();
    const created = await post({ userName: 'etag@contoso.com' });
    expect(created.headers.location).toBe(`${created.body.meta.location}`);
    expect(created.headers.location).toMatch(/\/scim\/v2\/Users\/[0-9a-f-]{36}$/);
    expect(created.headers.etag).toBe('W/"1"');
    const id = created.body.id as string;
    const stale = await request(app.scim).patch(`/scim/v2/Users/${id}`).set(auth).set('If-Match', 'W/"0"').send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] });
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe('412');
    const fresh = await request(app.scim).patch(`/scim/v2/Users/${id}`).set(auth).set('If-Match', 'W/"1"').send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] });
    expect(fresh.status).toBe(200);
    expect(fresh.body.meta.version).toBe('W/"2"');
    expect((await request(app.scim).delete(`/scim/v2/Users/${id}`).set(auth).set('If-Match', 'W/"1"')).status).toBe(412);
  });

  it('accepts JSON under scim+json, json with charset, text/json and no content type', async () => {
    app = makeApp();
    const types = ['application/scim+json', 'application/json; charset=utf-8', 'text/json', ''];
    for (const [i, type] of types.entries()) {
      const res = await post({ userName: `ct${i}@contoso.com` }, type);
      expect(res.status, type).toBe(201);
      expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    }
  });

  it('answers 413 with a SCIM error for bodies over 1 MiB, and 401 with WWW-Authenticate', async () => {
    app = makeApp();
    const huge = await post({ userName: 'big@contoso.com', displayName: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ status: '413', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    const unauth = await request(app.scim).get('/scim/v2/Users').set('Authorization', 'Bearer nope');
    expect(unauth.status).toBe(401);
    expect(unauth.headers['www-authenticate']).toMatch(/^Bearer realm=/);
  });

  it('writes one provisioning-log row per request, without secrets', async () => {
    app = makeApp();
    const res = await post({ userName: 'logged@contoso.com', password: 'Hunter2-secret' });
    await request(app.scim).get('/scim/v2/Users?filter=userName+eq+%22logged%40contoso.com%22').set(auth).set('User-Agent', 'Okta SCIM Client 1.0.0');
    await request(app.scim).get('/scim/v2/ServiceProviderConfig').set(auth);
    await request(app.scim).get('/scim/v2/Users').set('Authorization', 'Bearer wrong-token-value');
    app.core.log.flush();
    const rows = app.core.db.prepare('SELECT operation, client, status, member_id, request_json FROM provisioning_log ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.operation, r.status])).toEqual([['create', 201], ['lookup', 200], ['discovery', 200], ['auth-failure', 401]]);
    expect(rows[1]).toMatchObject({ client: 'Okta', member_id: res.body.id });
    const all = JSON.stringify(rows);
    expect(all).not.toContain('Hunter2-secret');
    expect(all).not.toContain('wrong-token-value');
    expect(all).not.toContain(TEST_KEY);
  });
});
