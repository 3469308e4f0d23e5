import { afterEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MemberDetailSchema } from '../../../shared/api/members.js';
import { admin, createMember, giveAsset, scim } from './helpers.js';

let t: TestApp;
afterEach(() => t?.close());

const detail = async (id: string) => MemberDetailSchema.parse((await admin(t).get(`/api/members/${id}`)).body);

/** The SCIM ETag the IdP holds for a member. */
const etag = async (id: string): Promise<string> => (await scim(t).get(id)).headers.etag as string;

describe('one member-write path', () => {
  it('renaming a role records a history entry for each holder and retires the ETags the IdP holds', async () => {
    t = makeApp();
    const role = (await admin(t).post('/api/roles', { name: 'Night Shift' })).body as { id: number };
    const ids = [await createMember(t, 'ada.one@example.com'), await createMember(t, 'bo.two@example.com')];
    const other = await createMember(t, 'cy.three@example.com');
    for (const id of ids) expect((await admin(t).patch(`/api/members/${id}`, { roleId: role.id })).status).toBe(200);
    const before = await Promise.all(ids.map(etag));
    const otherTag = await etag(other);

    expect((await admin(t).put(`/api/roles/${role.id}`, { name: 'Late Shift' })).status).toBe(200);

    for (const [i, id] of ids.entries()) {
      const d = await detail(id);
      expect(d.roleName).toBe('Late Shift');
      expect(d.history[0]).toMatchObject({ actor: 'admin', changes: [{ field: 'role', old: 'Night Shift', new: 'Late Shift' }] });
      // The IdP's copy is stale now: If-Match with it is refused, the new ETag is accepted.
      const stale = await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Lead' }).set('If-Match', before[i]!);
      expect(stale.status).toBe(412);
      const fresh = await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Lead' }).set('If-Match', await etag(id));
      expect(fresh.status).toBe(200);
    }
    // A member without the role is untouched.
    expect(await etag(other)).toBe(otherTag);
  });

  it('an admin role change bumps the version and writes history', async () => {
    t = makeApp();
    const id = await createMember(t, 'dee.four@example.com');
    const v = (await detail(id)).version;
    const role = (await admin(t).post('/api/roles', { name: 'Auditor' })).body as { id: number };
    expect((await admin(t).patch(`/api/members/${id}`, { roleId: role.id })).status).toBe(200);
    const d = await detail(id);
    expect(d.version).toBe(v + 1);
    expect(d.history[0]?.changes).toEqual([{ field: 'role', old: 'Staff User', new: 'Auditor' }]);
  });

  it('checking in a flagged leaver\'s last asset clears the flag through a new version with history', async () => {
    t = makeApp();
    t.core.settings.update({ deprovisionWithAssets: 'deactivate-and-flag' });
    const id = await createMember(t, 'eve.five@example.com');
    const asset = await giveAsset(t, id, 'LAP-0042');
    expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    const flagged = await detail(id);
    expect(flagged.leaverHoldingAssets).toBe(true);

    expect((await admin(t).post(`/api/assets/${asset}/checkin`)).status).toBe(200);
    const d = await detail(id);
    expect(d.leaverHoldingAssets).toBe(false);
    expect(d.version).toBe(flagged.version + 1);
    expect(d.history[0]).toMatchObject({ actor: 'admin', changes: [{ field: 'leaverHoldingAssets', old: 'true', new: 'false' }] });
  });

  it('an unchanged re-send from the IdP keeps the version and adds no history', async () => {
    t = makeApp();
    const id = await createMember(t, 'fay.six@example.com');
    const d = await detail(id);
    expect((await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Engineer' })).status).toBe(200);
    const after = await detail(id);
    expect(after.version).toBe(d.version);
    expect(after.history).toHaveLength(d.history.length);
  });
});
