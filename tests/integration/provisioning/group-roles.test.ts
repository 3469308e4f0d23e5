import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/** Roles from IdP groups (issue #18 item 2), driven the way Entra and Okta drive them. */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const MS_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
let app: TestApp;
afterEach(() => app?.close());

const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown) => {
  const r = request(app.scim)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${TEST_KEY}`).set('User-Agent', 'Azure Active Directory SCIM Client');
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
const groupPatch = (id: string, ...Operations: unknown[]) => scim('patch', `/Groups/${id}`, { schemas: [PATCH_OP], Operations });
const member = (id: string) => app.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;
const roleOf = (id: string) => app.core.catalog.findRoleById(member(id).role_id as number)?.name;
const history = (id: string) =>
  (app.core.db.prepare('SELECT actor, changes_json FROM member_history WHERE member_id = ? ORDER BY id').all(id) as Array<{ actor: string; changes_json: string }>).map((h) => ({
    actor: h.actor,
    changes: JSON.parse(h.changes_json) as Array<{ field: string; old: string | null; new: string | null }>,
  }));
const logRows = (operation: string) => {
  app.core.log.flush();
  return app.core.db.prepare('SELECT * FROM provisioning_log WHERE operation = ? ORDER BY id').all(operation) as Array<Record<string, unknown>>;
};

/** A role that the given IdP groups grant, added at the end of the role order. */
function roleForGroups(name: string, groups: string[]): number {
  const id = app.core.store.roles.insert(name, '2026-01-01T00:00:00.000Z', groups);
  app.core.catalog.invalidate();
  return id;
}
async function user(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await scim('post', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, externalId: `x-${userName}`, active: true, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function entraGroup(displayName: string): Promise<string> {
  const res = await scim('post', '/Groups', { schemas: [GROUP, MS_GROUP], externalId: `ext-${displayName}`, displayName, meta: { resourceType: 'Group' } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('roles from Entra group assignment', () => {
  it('gives members the role when Entra adds them to the group and takes it away when it removes them', async () => {
    app = makeApp();
    roleForGroups('Field Technician', ['field technicians']);
    const [alex, blair] = [await user('alex@contoso.com'), await user('blair@contoso.com')];
    expect([roleOf(alex), roleOf(blair)]).toEqual(['Staff User', 'Staff User']);

    const g = await entraGroup('Field Technicians');
    expect((await groupPatch(g, { op: 'Add', path: 'members', value: [{ $ref: null, value: alex }, { $ref: null, value: blair }] })).status).toBe(204);
    expect([roleOf(alex), roleOf(blair)]).toEqual(['Field Technician', 'Field Technician']);
    expect(member(alex).role_source).toBe('group "Field Technicians"');
    // History, version and log say which group gave the role.
    expect(history(alex).at(-1)).toEqual({
      actor: expect.stringMatching(/^scim:Entra ID:/),
      changes: [
        { field: 'groups', old: null, new: 'Field Technicians' },
        { field: 'role', old: 'Staff User', new: 'Field Technician' },
        { field: 'roleSource', old: null, new: 'group "Field Technicians"' },
      ],
    });
    expect(member(alex).version).toBe(2);
    const joined = logRows('group-membership');
    expect(joined.map((r) => [r.member_id, r.group_id, r.group_name, r.detail])).toEqual([
      [alex, g, 'Field Technicians', 'Joined group "Field Technicians".'],
      [blair, g, 'Field Technicians', 'Joined group "Field Technicians".'],
    ]);
    const update = logRows('group-update')[0];
    expect(update).toMatchObject({ group_id: g, group_name: 'Field Technicians', member_id: null, status: 204, method: 'PATCH' });
    expect(JSON.parse(update?.changes_json as string)).toEqual([
      { field: 'member:alex@contoso.com', old: null, new: 'member' },
      { field: 'member:blair@contoso.com', old: null, new: 'member' },
    ]);

    // Entra (flag off) removes with a value array; the role goes back to the fallback role.
    expect((await groupPatch(g, { op: 'Remove', path: 'members', value: [{ value: blair }] })).status).toBe(204);
    expect([roleOf(alex), roleOf(blair)]).toEqual(['Field Technician', 'Staff User']);
    expect(member(blair).role_source).toBeNull();
    expect(history(blair).at(-1)?.changes).toEqual([
      { field: 'groups', old: 'Field Technicians', new: null },
      { field: 'role', old: 'Field Technician', new: 'Staff User' },
      { field: 'roleSource', old: 'group "Field Technicians"', new: null },
    ]);
    // Unassigning the group from the app: Entra deletes it; its members lose the role.
    expect((await scim('delete', `/Groups/${g}`)).status).toBe(204);
    expect(roleOf(alex)).toBe('Staff User');
    expect((await scim('get', `/Users/${alex}`)).body.groups).toBeUndefined();
  });

  it('moves the role with a rename, and keeps a role the admin gave (not from a group) when no group matches', async () => {
    app = makeApp();
    roleForGroups('Auditor', ['Auditors']);
    const [a, b] = [await user('a@contoso.com'), await user('b@contoso.com')];
    const g = await entraGroup('Auditors');
    await groupPatch(g, { op: 'Add', path: 'members', value: [{ value: a }] });
    expect(roleOf(a)).toBe('Auditor');
    expect((await groupPatch(g, { op: 'Replace', path: 'displayName', value: 'Former Auditors' })).status).toBe(204);
    expect(roleOf(a)).toBe('Staff User');
    expect(history(a).at(-1)?.changes[0]).toEqual({ field: 'groups', old: 'Auditors', new: 'Former Auditors' });
    expect(logRows('group-membership').at(-1)?.detail).toBe('Group "Auditors" renamed to "Former Auditors".');

    app.core.db.prepare('UPDATE members SET role_id = 1 WHERE id = ?').run(b);
    await groupPatch(g, { op: 'add', path: 'members', value: [{ value: b }] });
    await groupPatch(g, { op: 'remove', path: `members[value eq "${b}"]` });
    expect(roleOf(b)).toBe('Administrator');
  });

  it('tries roles in order; the role lock wins over any group', async () => {
    app = makeApp();
    roleForGroups('Lead', ['Leads']);
    roleForGroups('Technician', ['Technicians']);
    const [x, y] = [await user('x@contoso.com'), await user('y@contoso.com')];
    app.core.db.prepare('UPDATE members SET role_locked = 1 WHERE id = ?').run(y);
    const [techs, leads] = [await entraGroup('Technicians'), await entraGroup('Leads')];
    await groupPatch(techs, { op: 'Add', path: 'members', value: [{ value: x }, { value: y }] });
    expect(roleOf(x)).toBe('Technician');
    await groupPatch(leads, { op: 'Add', path: 'members', value: [{ value: x }, { value: y }] });
    expect(roleOf(x)).toBe('Lead');
    expect(roleOf(y)).toBe('Staff User');
    expect(member(y).version).toBe(3); // its groups changed twice; its role never
    app.core.store.uow.write(() => app.core.store.roles.move(app.core.catalog.findRoleByName('Technician')?.id ?? 0, 0));
    app.core.catalog.invalidate();
    await groupPatch(leads, { op: 'Remove', path: 'members', value: [{ value: y }] });
    await groupPatch(techs, { op: 'Remove', path: 'members', value: [{ value: x }] });
    await groupPatch(techs, { op: 'Add', path: 'members', value: [{ value: x }] });
    expect(roleOf(x)).toBe('Technician');
  });

  it('lets the attribute or the groups decide first, as set; "Do not provision" refuses creates only', async () => {
    app = makeApp();
    roleForGroups('Night Shift', ['Night']);
    app.core.db.prepare("INSERT INTO roles (name, created_at, position) VALUES ('Day Shift', '2026-01-01', 9)").run();
    app.core.settings.update({ importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
    app.core.catalog.invalidate();
    expect((await scim('post', '/Users', { userName: 'nobody@contoso.com', title: 'Astronaut' })).status).toBe(400);
    const m = await user('m@contoso.com', { title: 'Day Shift' });
    const g = await entraGroup('Night');
    await groupPatch(g, { op: 'Add', path: 'members', value: [{ value: m }] });
    expect([roleOf(m), member(m).role_source]).toEqual(['Night Shift', 'group "Night"']);
    app.core.settings.update({ roleDecidedBy: 'attribute-first' });
    await scim('patch', `/Users/${m}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'M' }] });
    expect([roleOf(m), member(m).role_source]).toEqual(['Day Shift', 'attribute title = "Day Shift"']);
    // An update whose attribute names no role is not refused any more: the member gets the fallback role.
    const upd = await scim('patch', `/Users/${m}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Astronaut' }] });
    expect(upd.status).toBe(200);
    expect(roleOf(m)).toBe('Night Shift');
    await groupPatch(g, { op: 'Remove', path: 'members', value: [{ value: m }] });
    expect([roleOf(m), member(m).role_source]).toEqual(['Staff User', null]);
  });
});

describe('group writes that cannot apply', () => {
  it('refuses unknown member ids with a clear 400 and writes nothing', async () => {
    app = makeApp();
    const u = await user('known@contoso.com');
    const g = await entraGroup('Crew');
    const res = await groupPatch(g, { op: 'Add', path: 'members', value: [{ value: u }, { value: 'ghost-1' }, { value: 'ghost-2' }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(res.body.detail).toContain('"ghost-1", "ghost-2" are not users SCIM Desk knows');
    expect(member(u).version).toBe(1);
    expect((await scim('get', `/Groups/${g}`)).body.members).toEqual([]);
    const created = await scim('post', '/Groups', { schemas: [GROUP], displayName: 'With ghost', members: [{ value: 'ghost' }] });
    expect(created.status).toBe(400);
    expect((await scim('get', '/Groups')).body.totalResults).toBe(1);
    const error = logRows('error').at(-1);
    expect(error).toMatchObject({ method: 'POST', status: 400, result: 'failure' });
    const refused = logRows('error').find((r) => r.method === 'PATCH');
    expect(refused).toMatchObject({ group_id: g, group_name: 'Crew' });
  });

  it('drops the memberships of a user the IdP deletes', async () => {
    app = makeApp();
    roleForGroups('Crew Role', ['Crew']);
    const u = await user('leaver@contoso.com');
    const g = await entraGroup('Crew');
    await groupPatch(g, { op: 'Add', path: 'members', value: [{ value: u }] });
    expect((await scim('delete', `/Users/${u}`)).status).toBe(204);
    expect((await scim('get', `/Groups/${g}`)).body.members).toEqual([]);
    expect(history(u).at(-1)?.changes).toEqual(expect.arrayContaining([{ field: 'groups', old: 'Crew', new: null }]));
    // Back from the IdP (POST revives): no group, so no group role either.
    await user('leaver@contoso.com');
    expect(roleOf(u)).toBe('Staff User');
  });
});

describe('users only (the setting that keeps the behaviour before groups)', () => {
  it('answers group lists empty, refuses group writes with the guidance, and publishes no Group type or schema', async () => {
    app = makeApp();
    const g = await entraGroup('Stored before');
    app.core.settings.update({ groupProvisioning: 'users-only' });
    expect((await scim('get', '/Groups')).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await scim('get', `/Groups/${g}`)).status).toBe(404);
    const refused = await scim('post', '/Groups', { schemas: [GROUP], displayName: 'Nope' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('"Provision Microsoft Entra ID Groups" = No');
    expect((await groupPatch(g, { op: 'Add', path: 'members', value: [] })).status).toBe(400);
    const types = await scim('get', '/ResourceTypes');
    expect(types.body.Resources.map((t: { id: string }) => t.id)).toEqual(['User']);
    expect((await scim('get', '/ResourceTypes/Group')).status).toBe(404);
    const schemas = await scim('get', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).not.toContain(GROUP);
    expect((await scim('get', `/Schemas/${GROUP}`)).status).toBe(404);

    app.core.settings.update({ groupProvisioning: 'groups' });
    const on = await scim('get', '/ResourceTypes');
    expect(on.body.Resources.map((t: { id: string; schema: string }) => [t.id, t.schema])).toEqual([['User', 'urn:ietf:params:scim:schemas:core:2.0:User'], ['Group', GROUP]]);
    // Every schema a resource type names is published (RFC 7643 §6).
    const published = new Set((await scim('get', '/Schemas')).body.Resources.map((s: { id: string }) => s.id));
    for (const t of on.body.Resources as Array<{ schema: string }>) expect(published.has(t.schema)).toBe(true);
    expect((await scim('get', `/Schemas/${GROUP}`)).body.attributes.map((a: { name: string }) => a.name)).toEqual(['displayName', 'members']);
  });
});

describe('Okta profile update of a member of a pushed group', () => {
  it('accepts the whole object back with its read-only groups, and the membership stays', async () => {
    app = makeApp();
    app.core.settings.update({ groupProvisioning: 'groups' });
    const id = await user('okta.member@example.com', { name: { givenName: 'Okta', familyName: 'Member' } });
    const pushed = await scim('post', '/Groups', { schemas: [GROUP], displayName: 'Field Technicians', members: [{ value: id, display: 'okta.member@example.com' }] });
    expect(pushed.status).toBe(201);
    // Okta: GET the user, change the profile, PUT the whole object (id, meta and groups included).
    const got = await scim('get', `/Users/${id}`);
    expect(got.body.groups).toEqual([expect.objectContaining({ value: pushed.body.id, display: 'Field Technicians' })]);
    const put = await scim('put', `/Users/${id}`, { ...got.body, name: { givenName: 'Oktavia', familyName: 'Member' } });
    expect(put.status).toBe(200);
    expect(put.body.name.givenName).toBe('Oktavia');
    // (each supertest request has its own port, so $ref differs; value and display do not)
    expect(put.body.groups).toEqual([expect.objectContaining({ value: pushed.body.id, display: 'Field Technicians' })]);
  });
});
