import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MappingTableSchema, UnmappedAttributeListSchema } from '../../../shared/api/mapping.js';
import { MappingApplyResultSchema } from '../../../shared/api/routes.js';
import { MemberDetailSchema } from '../../../shared/api/members.js';
import { ENT, admin, createMember, errorOf, scim, snapshot } from './helpers.js';

/** "Attributes your IdP sends that are not mapped yet" (issue #18 item 4). */

const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const unmapped = async () => UnmappedAttributeListSchema.parse((await admin(t).get('/api/mappings/unmapped')).body);

describe('attributes the IdP sends that are not mapped yet', () => {
  it('lists them with member counts and an example, most common first, leaving out what is mapped', async () => {
    const a = await createMember(t, 'a.one@example.com', { nickName: 'Ace', [CUSTOM]: { CostCentre: 'CC-1' }, [ENT]: { costCenter: '4711' } });
    await createMember(t, 'b.two@example.com', { [CUSTOM]: { CostCentre: 'CC-2' }, emails: [{ type: 'work', value: 'b.two@example.com' }, { type: 'home', value: 'b@home.example' }] });
    await scim(t).patch(a, { op: 'Add', path: `${CUSTOM}:Badge`, value: 'Blue' });
    const list = await unmapped();
    expect(list.membersScanned).toBe(2);
    expect(list.attributes).toEqual([
      // The example is the first member's (in id order, which is random here).
      { scimPath: `${CUSTOM}:CostCentre`, memberCount: 2, example: expect.stringMatching(/^CC-[12]$/) },
      { scimPath: 'emails[type eq "home"].value', memberCount: 1, example: 'b@home.example' },
      { scimPath: 'nickName', memberCount: 1, example: 'Ace' },
      { scimPath: `${CUSTOM}:Badge`, memberCount: 1, example: 'Blue' },
      { scimPath: `${ENT}:costCenter`, memberCount: 1, example: '4711' },
    ]);
    // Mapped (name, emails, title, department…) and identity attributes are never listed.
    for (const path of ['userName', 'active', 'name.givenName', 'emails[type eq "work"].value', 'title', 'displayName']) {
      expect(list.attributes.map((x) => x.scimPath)).not.toContain(path);
    }
  });

  it('maps one to a new custom field in one step, then "apply to existing members" fills it', async () => {
    const id = await createMember(t, 'c.three@example.com', { [CUSTOM]: { CostCentre: 'CC-3' } });
    const res = await admin(t).post('/api/mappings/rows', { scimPath: `${CUSTOM}:CostCentre`, newField: { key: 'cost_centre', label: 'Cost centre', type: 'text' } });
    expect(res.status).toBe(201);
    expect(MappingTableSchema.parse(res.body).rows.at(-1)).toEqual({ scimPath: `${CUSTOM}:CostCentre`, target: 'custom:cost_centre', enabled: true });
    expect((await unmapped()).attributes.map((x) => x.scimPath)).not.toContain(`${CUSTOM}:CostCentre`);
    expect(MappingApplyResultSchema.parse((await admin(t).post('/api/mappings/apply')).body)).toMatchObject({ changed: 1 });
    expect(MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body).custom).toEqual({ cost_centre: 'CC-3' });
    // Later writes of the IdP fill it as they come in.
    await scim(t).patch(id, { op: 'Replace', path: `${CUSTOM}:CostCentre`, value: 'CC-4' });
    expect(MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body).custom).toEqual({ cost_centre: 'CC-4' });
  });

  it('maps one to an existing member field, and refuses a duplicate, an unknown custom field or a bad path', async () => {
    await createMember(t, 'd.four@example.com', { nickName: 'Dee' });
    const a = admin(t);
    expect((await a.post('/api/mappings/rows', { scimPath: 'nickName', target: 'displayName' })).status).toBe(201);
    const before = snapshot(t);
    const dup = await a.post('/api/mappings/rows', { scimPath: 'nickname', target: 'displayName' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('mapping-exists');
    expect(errorOf(await a.post('/api/mappings/rows', { scimPath: 'nickName', target: 'custom:nope' })).code).toBe('unknown-custom-field');
    const bad = await a.post('/api/mappings/rows', { scimPath: 'emails[type eq', target: 'email' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toEqual([expect.objectContaining({ field: 'scimPath' })]);
    expect(snapshot(t)).toEqual(before);
  });
});
