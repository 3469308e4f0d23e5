import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { ReviewChangesPageSchema, ReviewGroupsPageSchema, ReviewProblemsPageSchema, ReviewSummarySchema } from '../../../shared/api/refresh.js';
import { MemberDetailSchema } from '../../../shared/api/members.js';
import { ENTRA_UA, OKTA_UA, PATCH_OP, admin, createMember, giveAsset, scim } from './helpers.js';

/*
 * Which write resolves which problem, Acknowledge while the review reads on, and group pushes at
 * size (review of the #16 merge). Every case replays what Entra or Okta send.
 */
let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const groups = (method: 'post' | 'patch', path: string, body: unknown, userAgent = ENTRA_UA) =>
  request(t.scim)[method](`/scim/v2/Groups${path}`).set('Authorization', `Bearer ${TEST_KEY}`).set('User-Agent', userAgent).set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
const newGroup = async (displayName: string): Promise<string> =>
  ((await groups('post', '', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName })).body as { id: string }).id;
const members = (op: 'Add' | 'Remove', ids: string[]) => ({ schemas: [PATCH_OP], Operations: [{ op, path: 'members', value: ids.map((value) => ({ value })) }] });
const summary = async () => ReviewSummarySchema.parse((await admin(t).get('/api/review')).body);
const problems = async () => ReviewProblemsPageSchema.parse((await admin(t).get('/api/review/problems')).body).rows;
const groupsOn = () => admin(t).put('/api/settings', { groupProvisioning: 'groups' });

describe('a blocked deactivation stays open until the member is out of service', () => {
  it('is not resolved by the group push that takes the member out of a group, nor by another attribute update', async () => {
    await groupsOn();
    const holder = await createMember(t, 'holder@example.com');
    await giveAsset(t, holder, 'LT-1');
    const sales = await newGroup('Sales');
    await groups('patch', `/${sales}`, members('Add', [holder]));
    expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    // Entra and Okta remove an out-of-scope user from its groups, and keep syncing its attributes.
    expect((await groups('patch', `/${sales}`, members('Remove', [holder]))).status).toBe(204);
    expect((await scim(t).patch(holder, { op: 'Replace', path: 'title', value: 'Leaver' })).status).toBe(200);
    expect((await summary()).needsAction.byOperation).toEqual([{ value: 'blocked-deactivation', count: 1 }]);
    expect((await admin(t).get('/api/health')).body).toMatchObject({ blockedDeprovisionings: 1 });
  });

  it('a dismissed one is closed by the deactivation that goes through, so the next refusal shows again', async () => {
    const holder = await createMember(t, 'd@example.com');
    const asset = await giveAsset(t, holder, 'LT-3');
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    const [p] = await problems();
    expect((await admin(t).post(`/api/review/problems/${p!.id}/dismiss`, { reason: 'reported lost' })).status).toBe(204);
    expect((await admin(t).post(`/api/assets/${asset}/checkin`)).status).toBe(200);
    expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: true })).status).toBe(200);
    await giveAsset(t, holder, 'LT-33');
    expect((await scim(t).patch(holder, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    expect(await problems()).toEqual([expect.objectContaining({ operation: 'blocked-deactivation', attempts: 1, standing: true })]);
  });
});

describe('Acknowledge while the review reads on', () => {
  it('hides what the admin saw; a later write of the same member shows on its own', async () => {
    const id = await createMember(t, 'early@example.com', { title: 'Intern' });
    const seen = await summary();
    // Entra's follow-up PATCH, read into the review (by another tab or the background) before Acknowledge.
    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Engineer' });
    expect((await summary()).toLogId).toBeGreaterThan(seen.toLogId);
    const after = ReviewSummarySchema.parse((await admin(t).post('/api/review/acknowledge', { toLogId: seen.toLogId })).body);
    expect(after.changes).toEqual({ total: 1, byKind: [{ value: 'updated', count: 1 }] });
    const { rows } = ReviewChangesPageSchema.parse((await admin(t).get('/api/review/changes')).body);
    expect(rows).toEqual([expect.objectContaining({ memberId: id, kind: 'updated', changes: [{ field: 'jobTitle', old: 'Intern', new: 'Engineer' }] })]);
  });

  it('does not count a refusal twice when its row is read again', async () => {
    const holder = await createMember(t, 'twice@example.com');
    await giveAsset(t, holder, 'LT-9');
    const seen = await summary();
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    await scim(t).patch(holder, { op: 'replace', path: 'active', value: false });
    await summary();
    await admin(t).post('/api/review/acknowledge', { toLogId: seen.toLogId });
    expect(await problems()).toEqual([expect.objectContaining({ operation: 'blocked-deactivation', attempts: 2 })]);
  });
});

describe('roles from groups and the unknown-role fallback', () => {
  it('reports the fallback when leaving the group that gave the role leaves an unknown role name', async () => {
    await admin(t).put('/api/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'fallback-role', groupProvisioning: 'groups' });
    await admin(t).post('/api/roles', { name: 'Field Technician', idpGroups: ['Field'] });
    const m = await createMember(t, 'f@example.com', { title: 'Pilot' });
    const field = await newGroup('Field');
    await groups('patch', `/${field}`, members('Add', [m]));
    expect((await summary()).fallbacks.total).toBe(0); // the group's role overrides the fallback
    await groups('patch', `/${field}`, members('Remove', [m]));
    expect(MemberDetailSchema.parse((await admin(t).get(`/api/members/${m}`)).body).roleName).toBe('Staff User');
    expect((await summary()).fallbacks).toEqual({ total: 1, roles: [{ value: 'Pilot', count: 1, roleExists: false }] });
  });
});

describe('a group push at size', () => {
  it('nets joins and leaves per member across pushes, one member per PATCH as Okta sends them', async () => {
    await groupsOn();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await createMember(t, `m${i}@example.com`));
    const g = await newGroup('All Staff');
    for (const id of ids) await groups('patch', `/${g}`, members('Add', [id]));
    await groups('patch', `/${g}`, members('Remove', [ids[0]!, ids[1]!]));
    const [row] = ReviewGroupsPageSchema.parse((await admin(t).get('/api/review/groups')).body).rows;
    expect(row).toMatchObject({ kind: 'created', joined: 6, left: 0, omitted: 0 });
    expect(row?.changes.filter((c) => c.field.startsWith('member:')).map((c) => c.field)).toEqual(ids.slice(2).map((_, i) => `member:m${i + 2}@example.com`));

    // After Acknowledge, members leaving count as left; one who leaves and joins again nets to nothing.
    await admin(t).post('/api/review/acknowledge', { toLogId: (await summary()).toLogId });
    await groups('patch', `/${g}`, members('Remove', [ids[2]!, ids[3]!]));
    await groups('patch', `/${g}`, members('Add', [ids[3]!]));
    const [later] = ReviewGroupsPageSchema.parse((await admin(t).get('/api/review/groups')).body).rows;
    expect(later).toMatchObject({ kind: 'updated', joined: 0, left: 1, changes: [{ field: 'member:m2@example.com', old: 'member', new: null }] });
  });

  it('nets Okta\'s membership PATCH (rename op, remove by filter, add) and its full push per member', async () => {
    await groupsOn();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await createMember(t, `o${i}@example.com`));
    const g = ((await groups('post', '', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Okta Crew', members: [] }, OKTA_UA)).body as { id: string }).id;
    const fullPush = (members: string[]) => groups('patch', `/${g}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: members.map((value) => ({ value })) }] }, OKTA_UA);
    expect((await fullPush(ids.slice(0, 3))).status).toBeLessThan(300);
    await admin(t).post('/api/review/acknowledge', { toLogId: (await summary()).toLogId });

    // Okta sends the unchanged name with every membership update, then the remove and the add.
    const update = await groups('patch', `/${g}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', value: { id: g, displayName: 'Okta Crew' } },
        { op: 'remove', path: `members[value eq "${ids[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: ids[3], display: 'o3@example.com' }] },
      ],
    }, OKTA_UA);
    expect(update.status).toBeLessThan(300);
    const [mid] = ReviewGroupsPageSchema.parse((await admin(t).get('/api/review/groups')).body).rows;
    expect(mid).toMatchObject({ kind: 'updated', joined: 1, left: 1 });
    // A full push that puts o0 back: o0 nets to nothing, the unchanged name is no change.
    expect((await fullPush([ids[1]!, ids[2]!, ids[3]!, ids[0]!])).status).toBeLessThan(300);
    const [row] = ReviewGroupsPageSchema.parse((await admin(t).get('/api/review/groups')).body).rows;
    expect(row).toMatchObject({ kind: 'updated', joined: 1, left: 0, omitted: 0, changes: [{ field: 'member:o3@example.com', old: null, new: 'member' }] });
  });

  it('reads a 5,000-member group pushed one member per row without rewriting the group per row', () => {
    // Log rows as a long Okta push leaves them (written directly: 5,000 PATCHes would only slow the test).
    const db = t.core.db;
    const ins = db.prepare(`INSERT INTO provisioning_log (at, request_id, client, method, path, operation, group_id, group_name, result, status, duration_ms, changes_json)
      VALUES ('2026-12-06T00:00:00Z', 'r', 'Okta', 'PATCH', '/scim/v2/Groups/g1', ?, 'g1', 'All Staff', 'success', 204, 1, ?)`);
    db.transaction(() => {
      ins.run('group-create', JSON.stringify([{ field: 'displayName', old: null, new: 'All Staff' }]));
      for (let i = 0; i < 5000; i++) ins.run('group-update', JSON.stringify([{ field: `member:user${i}@example.com`, old: null, new: 'member' }]));
    })();
    while (t.core.admin.review.summary().pendingLogRows > 0);
    const stored = db.prepare("SELECT length(changes_json) AS n, joined FROM review_group_changes WHERE group_id = 'g1'").get() as { n: number; joined: number };
    expect(stored.joined).toBe(5000);
    expect(stored.n).toBeLessThan(200); // the group's own fields only; members are rows of their own
    const page = t.core.admin.review.groups({ limit: 20 });
    expect(page.rows[0]).toMatchObject({ joined: 5000, omitted: 4950 });
  });
});
