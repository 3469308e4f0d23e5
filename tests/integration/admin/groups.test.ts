import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { RoleListSchema, RoleSchema } from '../../../shared/api/roles.js';
import { GroupDetailSchema, GroupListSchema } from '../../../shared/api/groups.js';
import { MemberDetailSchema } from '../../../shared/api/members.js';
import { ReviewChangesPageSchema, ReviewGroupsPageSchema, ReviewProblemsPageSchema, ReviewSummarySchema } from '../../../shared/api/refresh.js';
import { ENTRA_UA, PATCH_OP, admin, createMember, errorOf, snapshot } from './helpers.js';

/** Roles from IdP groups through the admin API (issue #18 items 2 and 3). */

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const groups = (method: 'post' | 'patch' | 'delete', path: string, body?: unknown) => {
  const r = request(t.scim)[method](`/scim/v2/Groups${path}`).set('Authorization', `Bearer ${TEST_KEY}`).set('User-Agent', ENTRA_UA);
  return body === undefined ? r : r.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
};
async function entraGroup(displayName: string, members: string[] = []): Promise<string> {
  const res = await groups('post', '', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName });
  const id = (res.body as { id: string }).id;
  if (members.length > 0) await groups('patch', `/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: members.map((value) => ({ value })) }] });
  return id;
}
const detail = async (id: string) => MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body);
const roles = async () => RoleListSchema.parse((await admin(t).get('/api/roles')).body).roles;

describe('roles carry the IdP groups that grant them', () => {
  it('creates a role with groups; changing its groups decides members\' roles again, through the member writer', async () => {
    const a = admin(t);
    const [ana, ben] = [await createMember(t, 'ana.field@example.com'), await createMember(t, 'ben.desk@example.com')];
    await entraGroup('Field Technicians', [ana]);
    await entraGroup('Helpdesk', [ben]);
    const res = await a.post('/api/roles', { name: 'Field Technician', idpGroups: [' field technicians ', 'FIELD TECHNICIANS'] });
    expect(res.status).toBe(201);
    expect(RoleSchema.parse(res.body)).toMatchObject({ idpGroups: ['field technicians'], position: 2, memberCount: 1 });
    const d = await detail(ana);
    expect(d).toMatchObject({ roleName: 'Field Technician', roleSource: 'group "Field Technicians"', groups: [{ displayName: 'Field Technicians' }] });
    expect(d.history[0]).toMatchObject({ actor: 'admin', changes: [{ field: 'role', old: 'Staff User', new: 'Field Technician' }, { field: 'roleSource', old: null, new: 'group "Field Technicians"' }] });
    expect(d.scimResource.groups).toEqual([expect.objectContaining({ display: 'Field Technicians' })]);

    const id = RoleSchema.parse(res.body).id;
    const patched = await a.patch(`/api/roles/${id}`, { idpGroups: ['Helpdesk'] });
    expect(RoleSchema.parse(patched.body).idpGroups).toEqual(['Helpdesk']);
    expect((await detail(ana)).roleName).toBe('Staff User');
    expect((await detail(ben)).roleName).toBe('Field Technician');
    // A built-in role may follow a group too; it cannot be renamed.
    expect((await a.patch('/api/roles/1', { idpGroups: ['Helpdesk'] })).status).toBe(200);
    expect((await detail(ben)).roleName).toBe('Administrator');
    const before = snapshot(t);
    const renamed = await a.patch('/api/roles/1', { name: 'Admins' });
    expect(renamed.status).toBe(409);
    expect(errorOf(renamed).code).toBe('builtin-role');
    const bad = await a.patch(`/api/roles/${id}`, { idpGroups: ['ok', '   '] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toEqual([{ field: 'idpGroups.1', message: 'A group name cannot be empty' }]);
    expect(snapshot(t)).toEqual(before);
  });

  it('orders roles: the first role one of whose groups the member is in wins, and moving a role moves members', async () => {
    const a = admin(t);
    const m = await createMember(t, 'both@example.com');
    await entraGroup('Leads', [m]);
    await entraGroup('Techs', [m]);
    const lead = RoleSchema.parse((await a.post('/api/roles', { name: 'Lead', idpGroups: ['Leads'] })).body);
    const tech = RoleSchema.parse((await a.post('/api/roles', { name: 'Tech', idpGroups: ['Techs'] })).body);
    expect((await detail(m)).roleName).toBe('Lead');
    const moved = RoleSchema.parse((await a.patch(`/api/roles/${tech.id}`, { position: 0 })).body);
    expect(moved.position).toBe(0);
    expect((await roles()).map((r) => r.name)).toEqual(['Tech', 'Administrator', 'Staff User', 'Lead']);
    expect((await detail(m)).roleName).toBe('Tech');
    expect(lead.position).toBe(2);
  });

  it('lets the attribute decide first when set so, and turning groups off takes group roles away', async () => {
    const a = admin(t);
    await a.post('/api/roles', { name: 'Engineer' });
    await a.post('/api/roles', { name: 'Crew', idpGroups: ['Crew'] });
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title' });
    const m = await createMember(t, 'eng@example.com', { title: 'Engineer' });
    await entraGroup('Crew', [m]);
    expect((await detail(m)).roleName).toBe('Crew');
    await a.put('/api/settings', { roleDecidedBy: 'attribute-first' });
    expect((await detail(m)).roleName).toBe('Engineer');
    await a.put('/api/settings', { roleDecidedBy: 'groups-first', importCustomRoles: false });
    expect((await detail(m)).roleName).toBe('Crew');
    await a.put('/api/settings', { groupProvisioning: 'users-only' });
    expect((await detail(m)).roleName).toBe('Staff User');
  });
});

describe('GET /api/groups', () => {
  it('lists groups with member counts and the roles they give, and one group with its members', async () => {
    const a = admin(t);
    const [x, y] = [await createMember(t, 'x.one@example.com'), await createMember(t, 'y.two@example.com')];
    const g = await entraGroup('Auditors', [x, y]);
    await entraGroup('Empty');
    await a.post('/api/roles', { name: 'Auditor', idpGroups: ['auditors'] });
    const list = GroupListSchema.parse((await a.get('/api/groups')).body);
    expect(list.groupProvisioning).toBe('groups');
    expect(list.groups.map((r) => [r.displayName, r.memberCount, r.roles.map((role) => role.name)])).toEqual([
      ['Auditors', 2, ['Auditor']],
      ['Empty', 0, []],
    ]);
    const one = GroupDetailSchema.parse((await a.get(`/api/groups/${g}`)).body);
    expect(one.members.map((m) => [m.userName, m.roleName, m.active])).toEqual([
      ['x.one@example.com', 'Auditor', true],
      ['y.two@example.com', 'Auditor', true],
    ]);
    expect(one.isTruncated).toBe(false);
    const missing = await a.get('/api/groups/nope');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('group-not-found');
  });
});

describe('the Sync review', () => {
  it('shows group changes, the members they moved, and a refused group request until a later write of the group', async () => {
    const a = admin(t);
    const m = await createMember(t, 'rev.iew@example.com');
    await a.post('/api/review/acknowledge', { toLogId: ReviewSummarySchema.parse((await a.get('/api/review')).body).toLogId });
    await a.post('/api/roles', { name: 'Reviewer', idpGroups: ['Reviewers'] });
    const g = await entraGroup('Reviewers', [m]);
    const gone = await entraGroup('Short-lived');
    await groups('delete', `/${gone}`);
    const bad = await groups('patch', `/${g}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: 'ghost' }] }] });
    expect(bad.status).toBe(400);
    const summary = ReviewSummarySchema.parse((await a.get('/api/review')).body);
    // Created and deleted within the window nets to nothing: one group, one member.
    expect(summary.groups).toEqual({ total: 1, byKind: [{ value: 'created', count: 1 }] });
    expect(summary.changes.total).toBe(1);
    const page = ReviewGroupsPageSchema.parse((await a.get('/api/review/groups')).body);
    expect(page.rows).toEqual([
      {
        groupId: g,
        displayName: 'Reviewers',
        kind: 'created',
        changes: [{ field: 'displayName', old: null, new: 'Reviewers' }, { field: 'member:rev.iew@example.com', old: null, new: 'member' }],
        joined: 1,
        left: 0,
        omitted: 0,
        lastAt: expect.any(String),
        logId: expect.any(Number),
      },
    ]);
    const members = ReviewChangesPageSchema.parse((await a.get('/api/review/changes')).body);
    expect(members.rows).toEqual([
      expect.objectContaining({
        memberId: m,
        kind: 'updated',
        changes: [
          { field: 'groups', old: null, new: 'Reviewers' },
          { field: 'role', old: 'Staff User', new: 'Reviewer' },
          { field: 'roleSource', old: null, new: 'group "Reviewers"' },
        ],
      }),
    ]);
    const open = ReviewProblemsPageSchema.parse((await a.get('/api/review/problems')).body);
    expect(open.rows).toEqual([expect.objectContaining({ operation: 'error', groupName: 'Reviewers', memberId: null, standing: true })]);

    // The refusal is about one group: it stays open across Acknowledge, and the group's next successful write resolves it.
    await a.post('/api/review/acknowledge', { toLogId: ReviewSummarySchema.parse((await a.get('/api/review')).body).toLogId });
    expect(ReviewProblemsPageSchema.parse((await a.get('/api/review/problems')).body).rows).toHaveLength(1);
    expect(ReviewGroupsPageSchema.parse((await a.get('/api/review/groups')).body).rows).toEqual([]);
    const renamed = await groups('patch', `/${g}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Reviewers EU' }] });
    expect(renamed.status).toBeLessThan(300);
    expect(ReviewProblemsPageSchema.parse((await a.get('/api/review/problems')).body).rows).toEqual([]);
    const after = ReviewGroupsPageSchema.parse((await a.get('/api/review/groups')).body).rows;
    expect(after).toEqual([expect.objectContaining({ groupId: g, kind: 'updated', displayName: 'Reviewers EU', changes: [{ field: 'displayName', old: 'Reviewers', new: 'Reviewers EU' }] })]);
  });

  it('shows the role a member has now when the role rules changed it after the IdP\'s write', async () => {
    const a = admin(t);
    const m = await createMember(t, 'later.role@example.com');
    await entraGroup('Night Crew', [m]);
    // The role for the group is created after the IdP's writes: the review's role change says Staff User, the member is Night Shift now.
    expect((await a.post('/api/roles', { name: 'Night Shift', idpGroups: ['Night Crew'] })).status).toBe(201);
    const row = ReviewChangesPageSchema.parse((await a.get('/api/review/changes')).body).rows.find((r) => r.memberId === m);
    expect(row?.changes.find((c) => c.field === 'role')).toEqual({ field: 'role', old: null, new: 'Staff User' });
    expect(row?.currentRole).toBe('Night Shift');
  });

  it('counts every member a group push adds but lists a bounded number', async () => {
    const a = admin(t);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await createMember(t, `bulk.${i}@example.com`));
    await entraGroup('Everyone', ids);
    const [g] = ReviewGroupsPageSchema.parse((await a.get('/api/review/groups')).body).rows;
    expect(g).toMatchObject({ displayName: 'Everyone', joined: 60, left: 0, omitted: 10 });
    expect(g?.changes.filter((c) => c.field.startsWith('member:'))).toHaveLength(50);
  });
});
