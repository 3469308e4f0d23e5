import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let app: TestApp;
afterEach(() => app?.close());

const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown) => {
  const r = request(app.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`).set('User-Agent', 'Okta SCIM Client 1.0.0');
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
const member = (id: string) => app.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;
const counts = () => ({
  members: app.core.db.prepare('SELECT count(*) AS n FROM members').pluck().get(),
  history: app.core.db.prepare('SELECT count(*) AS n FROM member_history').pluck().get(),
  checkouts: app.core.db.prepare('SELECT count(*) AS n FROM checkouts').pluck().get(),
});

const entraUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  userName,
  externalId: `ext-${userName}`,
  active: true,
  displayName: 'Avery Quinn',
  title: 'Field Engineer',
  name: { givenName: 'Avery', familyName: 'Quinn' },
  emails: [{ type: 'work', value: userName, primary: true }],
  phoneNumbers: [{ type: 'work', value: '+1 425 555 0100' }, { type: 'mobile', value: '+1 425 555 0199' }],
  addresses: [{ type: 'work', formatted: 'Building 4', streetAddress: '1 Main St', locality: 'Redmond', region: 'WA', postalCode: '98052', country: 'US' }],
  [ENT]: { employeeNumber: 'B-1001', department: 'Operations', manager: 'mgr-1' },
  ...extra,
});

function giveAsset(memberId: string, tag: string): void {
  const at = new Date().toISOString();
  const assetId = app.core.db.prepare('INSERT INTO assets (tag, name, created_at) VALUES (?, ?, ?)').run(tag, `Laptop ${tag}`, at).lastInsertRowid;
  app.core.db.prepare('INSERT INTO checkouts (asset_id, member_id, checked_out_at) VALUES (?, ?, ?)').run(assetId, memberId, at);
}
const checkInAll = (memberId: string) => app.core.db.prepare('UPDATE checkouts SET checked_in_at = ? WHERE member_id = ?').run(new Date().toISOString(), memberId);

describe('attribute mapping', () => {
  it('maps every default path into member fields and keeps the SCIM resource whole', async () => {
    app = makeApp();
    const res = await scim('post', '/Users', entraUser('avery@contoso.com'));
    expect(res.status).toBe(201);
    expect(member(res.body.id)).toMatchObject({
      first_name: 'Avery', last_name: 'Quinn', display_name: 'Avery Quinn', email: 'avery@contoso.com', phone: '+1 425 555 0100',
      mobile: '+1 425 555 0199', job_title: 'Field Engineer', department: 'Operations', location: 'Building 4', employee_number: 'B-1001',
      street_address: '1 Main St', city: 'Redmond', state: 'WA', postal_code: '98052', country: 'US', manager_id: 'mgr-1', role_id: 2, source: 'scim',
    });
    const got = await scim('get', `/Users/${res.body.id}`);
    expect(got.body.addresses).toEqual(entraUser('x').addresses);
  });

  it('falls back to the primary email when there is no work email', async () => {
    app = makeApp();
    const res = await scim('post', '/Users', { userName: 'okta@contoso.com', emails: [{ primary: true, value: 'okta.primary@contoso.com' }] });
    expect(member(res.body.id).email).toBe('okta.primary@contoso.com');
  });

  it('feeds a custom extension attribute into a custom field and into the role', async () => {
    app = makeApp();
    app.core.db.prepare("INSERT INTO custom_fields (key, label, type) VALUES ('badge_colour', 'Badge colour', 'text')").run();
    app.core.db.prepare('INSERT INTO mappings (position, scim_path, target, enabled) VALUES (100, ?, ?, 1)').run(`${CUSTOM}:CustomAttribute`, 'custom:badge_colour');
    app.core.db.prepare("INSERT INTO roles (name, created_at) VALUES ('Blue Team', '2026-01-01')").run();
    app.core.settings.update({ importCustomRoles: true, roleAttribute: `${CUSTOM}:CustomAttribute` });
    app.core.catalog.invalidate();
    const res = await scim('post', '/Users', entraUser('blue@contoso.com', { [CUSTOM]: { CustomAttribute: 'blue team' } }));
    expect(res.status).toBe(201);
    const row = member(res.body.id);
    expect(JSON.parse(row.custom_json as string)).toEqual({ badge_colour: 'blue team' });
    expect(app.core.catalog.findRoleById(row.role_id as number)?.name).toBe('Blue Team');
    const schemas = await scim('get', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toContain(CUSTOM);
  });
});

describe('custom roles by name', () => {
  const enableRoles = (action: 'fallback-role' | 'do-not-provision') => {
    app.core.db.prepare("INSERT INTO roles (name, created_at) VALUES ('Field Engineers', '2026-01-01')").run();
    app.core.settings.update({ importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: action });
  };
  const roleName = (id: string) => app.core.catalog.findRoleById(member(id).role_id as number)?.name;

  it('matches the role case-insensitively and trimmed, and follows updates', async () => {
    app = makeApp();
    enableRoles('fallback-role');
    const res = await scim('post', '/Users', entraUser('fe@contoso.com', { title: '  field ENGINEERS ' }));
    expect(roleName(res.body.id)).toBe('Field Engineers');
    await scim('patch', `/Users/${res.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Administrator' }] });
    expect(roleName(res.body.id)).toBe('Administrator');
  });

  it('sends an unknown role to the fallback role', async () => {
    app = makeApp();
    enableRoles('fallback-role');
    const res = await scim('post', '/Users', entraUser('unknown@contoso.com', { title: 'Astronaut' }));
    expect(res.status).toBe(201);
    expect(roleName(res.body.id)).toBe('Staff User');
  });

  it('refuses a create whose role is unknown with Do not provision, writing nothing; an update gets the fallback role', async () => {
    app = makeApp();
    enableRoles('do-not-provision');
    const before = counts();
    const res = await scim('post', '/Users', entraUser('astro@contoso.com', { title: 'Astronaut' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'Role "Astronaut" does not exist in SCIM Desk. Create the role, or change the unknown-role setting.' });
    expect(counts()).toEqual(before);

    const ok = await scim('post', '/Users', entraUser('fe2@contoso.com', { title: 'Field Engineers' }));
    const version = member(ok.body.id).version;
    expect(roleName(ok.body.id)).toBe('Field Engineers');
    // "Do not provision" applies to creates only (issue #18): refusing an update made the IdP retry
    // forever, while the member kept a role the IdP no longer gives. The fallback role is the safe one.
    const upd = await scim('patch', `/Users/${ok.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Pilot' }, { op: 'Replace', path: 'displayName', value: 'Changed' }] });
    expect(upd.status).toBe(200);
    expect(member(ok.body.id)).toMatchObject({ version: (version as number) + 1, display_name: 'Changed', job_title: 'Pilot', role_source: null });
    expect(roleName(ok.body.id)).toBe('Staff User');
    app.core.log.flush();
    const ops = app.core.db.prepare("SELECT operation FROM provisioning_log WHERE result = 'failure'").pluck().all();
    expect(ops).toEqual(['rejected-role']);
  });

  it('never changes the role of a role-locked member', async () => {
    app = makeApp();
    enableRoles('fallback-role');
    const res = await scim('post', '/Users', entraUser('locked@contoso.com', { title: 'Field Engineers' }));
    app.core.db.prepare('UPDATE members SET role_id = 1, role_locked = 1 WHERE id = ?').run(res.body.id);
    await scim('patch', `/Users/${res.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Field Engineers' }, { op: 'Replace', path: 'displayName', value: 'Still admin' }] });
    expect(roleName(res.body.id)).toBe('Administrator');
  });
});

describe('deprovisioning and assets', () => {
  it('refuses deactivation while assets are out, then deactivates after check-in', async () => {
    app = makeApp();
    const { body } = await scim('post', '/Users', entraUser('leaver@contoso.com'));
    giveAsset(body.id, 'LT-0001');
    giveAsset(body.id, 'LT-0002');
    const before = { ...counts(), version: member(body.id).version };
    const refused = await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('2 assets checked out (LT-0001, LT-0002)');
    expect(refused.body.detail).toContain('Check in the assets in SCIM Desk');
    expect({ ...counts(), version: member(body.id).version }).toEqual(before);
    expect(member(body.id).active).toBe(1);
    const del = await scim('delete', `/Users/${body.id}`);
    expect(del.status).toBe(409);
    const put = await scim('put', `/Users/${body.id}`, { ...entraUser('leaver@contoso.com'), active: false });
    expect(put.status).toBe(409);

    checkInAll(body.id);
    const ok = await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(ok.status).toBe(200);
    expect(member(body.id).active).toBe(0);
    app.core.log.flush();
    expect(app.core.db.prepare('SELECT operation FROM provisioning_log WHERE member_id = ? ORDER BY id').pluck().all(body.id)).toEqual([
      'create', 'blocked-deactivation', 'blocked-deactivation', 'blocked-deactivation', 'deactivate',
    ]);
  });

  it('deactivates anyway and flags a leaver holding assets when the admin chose so', async () => {
    app = makeApp();
    app.core.settings.update({ deprovisionWithAssets: 'deactivate-and-flag' });
    const { body } = await scim('post', '/Users', entraUser('flag@contoso.com'));
    giveAsset(body.id, 'LT-9');
    const res = await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(res.status).toBe(200);
    expect(member(body.id)).toMatchObject({ active: 0, leaver_holding_assets: 1 });
    const back = await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(back.status).toBe(200);
    expect(member(body.id)).toMatchObject({ active: 1, leaver_holding_assets: 0 });
  });

  it('revives a member after an IdP DELETE instead of duplicating it', async () => {
    app = makeApp();
    const { body } = await scim('post', '/Users', entraUser('gone@contoso.com'));
    expect((await scim('delete', `/Users/${body.id}`)).status).toBe(204);
    expect((await scim('get', `/Users/${body.id}`)).status).toBe(404);
    expect((await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] })).status).toBe(404);
    expect(member(body.id)).toMatchObject({ lifecycle: 'idp_deleted', active: 0 });
    const again = await scim('post', '/Users', entraUser('gone@contoso.com', { title: 'Returning' }));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(body.id);
    expect(counts().members).toBe(1);
    expect(member(body.id)).toMatchObject({ lifecycle: 'present', active: 1, job_title: 'Returning' });
    const history = app.core.db.prepare("SELECT c.value ->> 'field' FROM member_history, json_each(changes_json) AS c WHERE member_id = ?").pluck().all(body.id);
    expect(history).toContain('deletedByIdp');
  });

  it('does not merge a different IdP identity that reuses a deleted userName', async () => {
    app = makeApp();
    const { body } = await scim('post', '/Users', entraUser('reused@contoso.com'));
    await scim('delete', `/Users/${body.id}`);
    const other = await scim('post', '/Users', entraUser('reused@contoso.com', { externalId: 'a-different-person' }));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(body.id);
  });

  it('brings back a member deleted by the admin on the IdP next PATCH, with the same id', async () => {
    app = makeApp();
    const { body } = await scim('post', '/Users', entraUser('admin.deleted@contoso.com'));
    app.core.db.prepare("UPDATE members SET lifecycle = 'admin_deleted', deleted_at = ? WHERE id = ?").run(new Date().toISOString(), body.id);
    expect((await scim('get', `/Users/${body.id}`)).status).toBe(404);
    expect((await scim('get', '/Users?filter=userName+eq+%22admin.deleted%40contoso.com%22')).body.totalResults).toBe(0);
    const res = await scim('patch', `/Users/${body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Back again' }] });
    expect(res.status).toBe(200);
    expect(member(body.id)).toMatchObject({ lifecycle: 'present', display_name: 'Back again' });
    app.core.log.flush();
    expect(app.core.db.prepare('SELECT operation FROM provisioning_log WHERE member_id = ? ORDER BY id DESC LIMIT 1').pluck().get(body.id)).toBe('revive');
  });

  it('accepts a later POST for a member deleted by the admin', async () => {
    app = makeApp();
    const { body } = await scim('post', '/Users', entraUser('repost@contoso.com'));
    app.core.db.prepare("UPDATE members SET lifecycle = 'admin_deleted' WHERE id = ?").run(body.id);
    const res = await scim('post', '/Users', entraUser('repost@contoso.com'));
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(body.id);
  });
});
