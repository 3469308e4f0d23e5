import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { DEFAULT_MAPPING, MappingPreviewSchema, MappingTableSchema } from '../../../shared/api/mapping.js';
import type { MappingRow } from '../../../shared/api/mapping.js';
import { CustomFieldListSchema, MappingApplyResultSchema } from '../../../shared/api/routes.js';
import { MemberDetailSchema } from '../../../shared/api/members.js';
import { admin, createMember, errorOf, snapshot, user } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const EXT = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const table = async () => MappingTableSchema.parse((await admin(t).get('/api/mappings')).body).rows;

describe('GET/PUT /api/mappings', () => {
  it('starts with the shipped mapping', async () => {
    expect(await table()).toEqual(DEFAULT_MAPPING);
  });

  it('replaces the whole table and the SCIM side uses it at once', async () => {
    const rows: MappingRow[] = [...DEFAULT_MAPPING.filter((r) => r.target !== 'jobTitle'), { scimPath: 'title', target: 'department', enabled: true }];
    const res = await admin(t).put('/api/mappings', { rows });
    expect(res.status).toBe(200);
    expect(MappingTableSchema.parse(res.body).rows).toEqual(rows);
    const id = await createMember(t, 'sam.ray@example.com', { title: 'Plumber', [`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`]: {} });
    const m = MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body);
    expect(m.fields).toMatchObject({ jobTitle: null, department: 'Plumber' });
  });

  it('lists every bad row of a draft without saving, and refuses a save naming them all', async () => {
    const rows = [
      { scimPath: 'title', target: 'jobTitle', enabled: true },
      { scimPath: 'urn:foo:bar', target: 'department', enabled: true },
      { scimPath: 'emails[type eq "work"', target: 'email', enabled: true },
      { scimPath: 'name..givenName', target: 'firstName', enabled: true },
      { scimPath: ' ', target: 'lastName', enabled: true },
    ];
    const checked = await admin(t).post('/api/mappings/check', { rows });
    expect(checked.status).toBe(200);
    expect((checked.body as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual([
      'rows.1.scimPath', 'rows.2.scimPath', 'rows.3.scimPath', 'rows.4.scimPath',
    ]);
    const before = (await admin(t).get('/api/mappings')).body as unknown;
    const saved = await admin(t).put('/api/mappings', { rows: rows.slice(0, 4) });
    expect(saved.status).toBe(400);
    expect(errorOf(saved).message).toMatch(/^3 rows cannot be saved: Row 2 .*Row 3 .*Row 4 /);
    expect((errorOf(saved).fields as unknown[]).length).toBe(3);
    expect((await admin(t).get('/api/mappings')).body).toEqual(before);
  });

  it('refuses a bad path with its row index and writes nothing', async () => {
    const before = snapshot(t);
    const rows = [...DEFAULT_MAPPING.slice(0, 2), { scimPath: 'emails[type eq "work".value', target: 'email', enabled: true }];
    const res = await admin(t).put('/api/mappings', { rows });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'invalid-mapping-path', index: 2 });
    expect(errorOf(res).message).toMatch(/^Row 3 /);
    expect(errorOf(res).fields).toEqual([{ field: 'rows.2.scimPath', message: errorOf(res).message }]);
    const unknown = await admin(t).put('/api/mappings', { rows: [{ scimPath: 'shoeSize', target: 'location', enabled: true }] });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).index).toBe(0);
    const custom = await admin(t).put('/api/mappings', { rows: [{ scimPath: 'title', target: 'custom:nope', enabled: true }] });
    expect(custom.status).toBe(400);
    expect(errorOf(custom).code).toBe('unknown-custom-field');
    expect(errorOf(custom).fields).toEqual([{ field: 'rows.0.target', message: errorOf(custom).message }]);
    const target = await admin(t).put('/api/mappings', { rows: [{ scimPath: 'title', target: 'shoeSize', enabled: true }] });
    expect(target.status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });
});

describe('custom fields', () => {
  it('creates, lists and refuses duplicates or bad keys', async () => {
    const a = admin(t);
    expect(CustomFieldListSchema.parse((await a.get('/api/custom-fields')).body).fields).toEqual([]);
    const res = await a.post('/api/custom-fields', { key: 'badge_colour', label: 'Badge colour', type: 'text' });
    expect(res.status).toBe(201);
    expect((await a.post('/api/custom-fields', { key: 'badge_colour', label: 'Again', type: 'text' })).status).toBe(409);
    expect((await a.post('/api/custom-fields', { key: 'Badge', label: 'X', type: 'text' })).status).toBe(400);
    expect((await a.post('/api/custom-fields', { key: 'x', label: 'X', type: 'colour' })).status).toBe(400);
    expect(CustomFieldListSchema.parse((await a.get('/api/custom-fields')).body).fields).toEqual([{ key: 'badge_colour', label: 'Badge colour', type: 'text' }]);
  });

  it('feeds a custom field and the role from a custom extension attribute', async () => {
    const a = admin(t);
    await a.post('/api/custom-fields', { key: 'cost_centre', label: 'Cost centre', type: 'number' });
    await a.post('/api/roles', { name: 'Field Engineers' });
    const rows = [...DEFAULT_MAPPING, { scimPath: `${EXT}:CostCentre`, target: 'custom:cost_centre', enabled: true }];
    expect((await a.put('/api/mappings', { rows })).status).toBe(200);
    expect((await a.put('/api/settings', { importCustomRoles: true, roleAttribute: `${EXT}:Team` })).status).toBe(200);
    const id = await createMember(t, 'fe.one@example.com', { [EXT]: { CostCentre: '4711', Team: ' field engineers ' } });
    const m = MemberDetailSchema.parse((await a.get(`/api/members/${id}`)).body);
    expect(m.custom).toEqual({ cost_centre: 4711 });
    expect(m.roleName).toBe('Field Engineers');
  });
});

describe('POST /api/mappings/preview', () => {
  it('shows fields and role for a pasted user, with unsaved rows, without writing', async () => {
    const before = snapshot(t);
    const a = admin(t);
    const saved = MappingPreviewSchema.parse((await a.post('/api/mappings/preview', { resource: user('kim.lo@example.com', { title: 'Chef' }) })).body);
    expect(saved.fields).toMatchObject({ firstName: 'kim', lastName: 'lo', email: 'kim.lo@example.com', jobTitle: 'Chef', department: null });
    expect(saved.role).toEqual({ kind: 'role', roleId: 2, roleName: 'Staff User' });
    const draft = MappingPreviewSchema.parse(
      (await a.post('/api/mappings/preview', { resource: user('kim.lo@example.com', { title: 'Chef' }), rows: [{ scimPath: 'title', target: 'department', enabled: true }] })).body,
    );
    expect(draft.fields).toMatchObject({ department: 'Chef', jobTitle: null, firstName: null });
    expect(snapshot(t)).toEqual(before);
  });

  it("previews an existing member's stored resource, and a new user's refused role", async () => {
    const a = admin(t);
    const id = await createMember(t, 'pat.kay@example.com', { title: 'Astronaut' });
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
    const p = MappingPreviewSchema.parse((await a.post('/api/mappings/preview', { memberId: id })).body);
    expect(p.fields.jobTitle).toBe('Astronaut');
    // "Do not provision" refuses creates only (issue #18): an existing member gets the fallback role.
    expect(p.role).toEqual({ kind: 'role', roleId: 2, roleName: 'Staff User' });
    const pasted = MappingPreviewSchema.parse((await a.post('/api/mappings/preview', { resource: { userName: 'new@example.com', title: 'Astronaut' } })).body);
    expect(pasted.role).toEqual({ kind: 'refused', detail: 'Role "Astronaut" does not exist in SCIM Desk. Create the role, or change the unknown-role setting.' });
  });

  it('answers 404 for an unknown member, 400 for an unreadable user or a bad draft row', async () => {
    const a = admin(t);
    expect((await a.post('/api/mappings/preview', { memberId: 'nope' })).status).toBe(404);
    const bad = await a.post('/api/mappings/preview', { resource: { userName: 'x', active: 'perhaps' } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid-resource');
    const row = await a.post('/api/mappings/preview', { resource: { userName: 'x' }, rows: [{ scimPath: 'nope[', target: 'email' }] });
    expect(row.status).toBe(400);
    expect(errorOf(row).index).toBe(0);
    expect((await a.post('/api/mappings/preview', {})).status).toBe(400);
  });
});

describe('POST /api/mappings/apply', () => {
  it('counts on a dry run, then re-derives every member in one go with admin history', async () => {
    const a = admin(t);
    const ids = [await createMember(t, 'a.one@example.com', { title: 'Cook' }), await createMember(t, 'b.two@example.com', { title: 'Driver' })];
    const rows = DEFAULT_MAPPING.map((r) => (r.scimPath === 'title' ? { ...r, target: 'department' as const } : r));
    await a.put('/api/mappings', { rows });

    const before = snapshot(t);
    const dry = await a.post('/api/mappings/apply?dryRun=true');
    expect(dry.status).toBe(200);
    expect(MappingApplyResultSchema.parse(dry.body)).toEqual({ changed: 2, total: 2, dryRun: true });
    expect(snapshot(t)).toEqual(before);

    const res = MappingApplyResultSchema.parse((await a.post('/api/mappings/apply')).body);
    expect(res).toEqual({ changed: 2, total: 2, dryRun: false });
    const m = MemberDetailSchema.parse((await a.get(`/api/members/${ids[0]}`)).body);
    expect(m).toMatchObject({ department: 'Cook', jobTitle: null, version: 2 });
    expect(m.history[0]).toMatchObject({ actor: 'admin' });
    expect(m.history[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'jobTitle', old: 'Cook', new: null },
        { field: 'department', old: null, new: 'Cook' },
      ]),
    );
    // The SCIM resource itself is untouched: the IdP still reads back what it sent.
    expect(m.scimResource.title).toBe('Cook');
    expect(MappingApplyResultSchema.parse((await a.post('/api/mappings/apply')).body)).toEqual({ changed: 0, total: 2, dryRun: false });
    expect((await a.post('/api/mappings/apply?dryRun=maybe')).status).toBe(400);
  });
});

describe('custom fields: unique labels, rename, delete (issue #16)', () => {
  it('refuses a second field with the same label, renames, and deletes once no mapping row feeds it', async () => {
    const a = admin(t);
    expect((await a.post('/api/custom-fields', { key: 'badge', label: 'Badge colour', type: 'text' })).status).toBe(201);
    const dup = await a.post('/api/custom-fields', { key: 'badge2', label: 'badge COLOUR', type: 'text' });
    expect([dup.status, errorOf(dup).code]).toEqual([409, 'custom-field-label-exists']);
    const renamed = await a.put('/api/custom-fields/badge', { label: 'Badge color' });
    expect(renamed.body).toEqual({ key: 'badge', label: 'Badge color', type: 'text' });
    await a.put('/api/mappings', { rows: [{ scimPath: 'title', target: 'custom:badge', enabled: true }] });
    const holder = await createMember(t, 'badge.holder@example.com', { title: 'Red' });
    expect((await a.get('/api/custom-fields/badge/usage')).body).toEqual({ members: 1, mappingRows: [1] });
    const inUse = await a.del('/api/custom-fields/badge');
    expect([inUse.status, errorOf(inUse).code]).toEqual([409, 'custom-field-in-use']);
    await a.put('/api/mappings', { rows: [{ scimPath: 'title', target: 'jobTitle', enabled: true }] });
    expect((await a.del('/api/custom-fields/badge')).status).toBe(204);
    expect((await a.get('/api/custom-fields')).body).toEqual({ fields: [] });
    expect((await a.del('/api/custom-fields/badge')).status).toBe(404);
    // The values went with the field, through the member writer (history), so a new field with the key starts empty.
    const m = MemberDetailSchema.parse((await a.get(`/api/members/${holder}`)).body);
    expect(m.custom).toEqual({});
    expect(m.history[0]?.changes).toEqual([{ field: 'custom:badge', old: 'Red', new: null }]);
    expect((await a.post('/api/custom-fields', { key: 'badge', label: 'Badge', type: 'text' })).status).toBe(201);
    expect((await a.get('/api/custom-fields/badge/usage')).body).toEqual({ members: 0, mappingRows: [] });
  });
});
