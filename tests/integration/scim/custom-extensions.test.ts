import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/**
 * Attributes of any custom extension schema are never refused for being unmapped (issue #18 item 4):
 * the admin adds an attribute in Entra before mapping it in SCIM Desk, and a 400 then made Entra
 * retry and quarantine the job.
 */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
let app: TestApp;
afterEach(() => app?.close());

const scim = (method: 'get' | 'post' | 'put' | 'patch', path: string, body?: unknown) => {
  const r = request(app.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`);
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
const patch = (id: string, ...Operations: unknown[]) => scim('patch', `/Users/${id}`, { schemas: [PATCH_OP], Operations });
const create = async (extra: Record<string, unknown> = {}): Promise<string> => {
  const res = await scim('post', '/Users', { userName: `u${Math.random()}@contoso.com`, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const mapCustomAttribute = (path: string) => {
  app.core.db.prepare("INSERT INTO custom_fields (key, label, type) VALUES ('audit_role', 'Audit role', 'text')").run();
  app.core.db.prepare("INSERT INTO mappings (position, scim_path, target, enabled) VALUES (100, ?, 'custom:audit_role', 1)").run(path);
  app.core.catalog.invalidate();
};

describe('custom extension attributes, mapped or not', () => {
  it('accepts Entra\'s Add of an attribute nobody has mapped yet and returns it as sent', async () => {
    app = makeApp();
    const id = await create();
    const res = await patch(id, { op: 'Add', path: `${CUSTOM}:CustomAttribute`, value: 'Auditor' });
    expect(res.status).toBe(200);
    expect(res.body[CUSTOM]).toEqual({ CustomAttribute: 'Auditor' });
    expect(res.body.schemas).toContain(CUSTOM);
    const got = await scim('get', `/Users/${id}`);
    expect(got.body[CUSTOM]).toEqual({ CustomAttribute: 'Auditor' });
    // Replace, a dotted sub-attribute, then remove: the extension object goes once empty.
    expect((await patch(id, { op: 'Replace', path: `${CUSTOM}:CustomAttribute`, value: 'Lead' })).body[CUSTOM]).toEqual({ CustomAttribute: 'Lead' });
    expect((await patch(id, { op: 'add', path: `${CUSTOM}:badge.colour`, value: 'blue' })).body[CUSTOM]).toEqual({ CustomAttribute: 'Lead', badge: { colour: 'blue' } });
    expect((await patch(id, { op: 'Remove', path: `${CUSTOM}:badge` })).body[CUSTOM]).toEqual({ CustomAttribute: 'Lead' });
    const removed = await patch(id, { op: 'Remove', path: `${CUSTOM}:CustomAttribute` });
    expect(removed.status).toBe(200);
    expect(removed.body[CUSTOM]).toBeUndefined();
    expect(removed.body.schemas).not.toContain(CUSTOM);
  });

  it('keeps values of any JSON type as sent, through POST, PUT, no-path PATCH and the URN-keyed form', async () => {
    app = makeApp();
    const ext = { level: 3, isLead: true, tags: ['a', 'b'], desk: { floor: 2, wing: 'B' }, note: 'x' };
    const id = await create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', CUSTOM], [CUSTOM]: ext });
    expect((await scim('get', `/Users/${id}`)).body[CUSTOM]).toEqual(ext);

    const put = await scim('put', `/Users/${id}`, { userName: 'put@contoso.com', [CUSTOM]: { ...ext, level: 4 } });
    expect(put.body[CUSTOM]).toEqual({ ...ext, level: 4 });
    // Entra's aadOptscim062020: one no-path replace whose keys are URN-qualified paths.
    const noPath = await patch(id, { op: 'replace', value: { displayName: 'Dee', [`${CUSTOM}:note`]: 'y', [`${CUSTOM}:CostCentre`]: 4711 } });
    expect(noPath.status).toBe(200);
    expect(noPath.body[CUSTOM]).toEqual({ ...ext, level: 4, note: 'y', CostCentre: 4711 });
    // The whole extension object as a no-path value, and as the path: attribute by attribute.
    const object = await patch(id, { op: 'replace', value: { [CUSTOM]: { note: 'z' } } }, { op: 'add', path: CUSTOM, value: { tags: ['c'] } });
    expect(object.body[CUSTOM]).toEqual({ ...ext, level: 4, note: 'z', CostCentre: 4711, tags: ['a', 'b', 'c'] });
  });

  it('keeps attributes the mapping does not name next to one it does, and maps the mapped one', async () => {
    app = makeApp();
    mapCustomAttribute(`${CUSTOM}:CustomAttribute`);
    const id = await create({ [CUSTOM]: { customattribute: 'Auditor', Unmapped: 'kept' } });
    const got = await scim('get', `/Users/${id}`);
    // The mapped attribute under the mapping's spelling; the other as sent.
    expect(got.body[CUSTOM]).toEqual({ CustomAttribute: 'Auditor', Unmapped: 'kept' });
    const custom = app.core.db.prepare('SELECT custom_json FROM members WHERE id = ?').pluck().get(id) as string;
    expect(JSON.parse(custom)).toEqual({ audit_role: 'Auditor' });
    const res = await patch(id, { op: 'Add', path: `${CUSTOM}:Another`, value: 'also kept' });
    expect(res.status).toBe(200);
    expect(res.body[CUSTOM]).toEqual({ CustomAttribute: 'Auditor', Unmapped: 'kept', Another: 'also kept' });
  });

  it('still refuses unknown core attributes, value filters on unmapped ones, and NUL characters', async () => {
    app = makeApp();
    const id = await create();
    expect((await patch(id, { op: 'replace', path: 'noSuchAttribute', value: 'x' })).body.scimType).toBe('invalidPath');
    expect((await patch(id, { op: 'replace', path: `${CUSTOM}:tags[value eq "a"]`, value: 'x' })).body.scimType).toBe('invalidPath');
    expect((await patch(id, { op: 'add', path: `${CUSTOM}:note`, value: 'a\u0000b' })).body.scimType).toBe('invalidValue');
    expect((await scim('post', '/Users', { userName: 'nul@contoso.com', [CUSTOM]: { note: 'a\u0000b' } })).body.scimType).toBe('invalidValue');
    // A password-named attribute is never kept, wherever it is.
    const res = await patch(id, { op: 'add', path: `${CUSTOM}:password`, value: 'secret' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});
