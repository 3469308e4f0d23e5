import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { HealthSchema } from '../../../shared/api/health.js';
import { admin, createMember, giveAsset, OKTA_UA, scim } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const health = async () => {
  const res = await admin(t).get('/api/health');
  expect(res.status).toBe(200);
  return HealthSchema.parse(res.body);
};

describe('GET /api/health', () => {
  it('starts empty but for the database size', async () => {
    const h = await health();
    expect(h).toMatchObject({ scimEnabled: true, lastRequestAt: null, lastClient: null, requests24h: 0, failures24h: 0, blockedDeprovisionings: 0, leaversHoldingAssets: 0 });
    expect(h.dbSizeBytes).toBeGreaterThan(4096);
  });

  it('reports the last IdP request (not a stranger failing auth) and 24 h counts', async () => {
    await createMember(t, 'one@example.com');
    expect((await scim(t, OKTA_UA).lookup('one@example.com')).status).toBe(200);
    expect((await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer nope')).status).toBe(401);
    const h = await health();
    expect(h).toMatchObject({ lastClient: 'Okta', requests24h: 3, failures24h: 1 });
    expect(Date.now() - Date.parse(h.lastRequestAt!)).toBeLessThan(60_000);
  });

  it('counts blocked deprovisionings while the IdP is refused, ignoring its later lookups', async () => {
    const id = await createMember(t, 'blocked@example.com');
    const asset = await giveAsset(t, id, 'B-1');
    expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    expect((await scim(t).lookup('blocked@example.com')).status).toBe(200);
    expect((await health()).blockedDeprovisionings).toBe(1);
    await admin(t).post(`/api/assets/${asset}/checkin`);
    expect((await health()).blockedDeprovisionings).toBe(0);
  });

  it('stops counting a blocked deprovisioning once the member is deactivated, not on another write of it or of another member', async () => {
    const a = await createMember(t, 'a@example.com');
    const b = await createMember(t, 'b@example.com');
    await giveAsset(t, a, 'A-1');
    const bAsset = await giveAsset(t, b, 'B-1');
    for (const id of [a, b]) expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(409);
    expect((await health()).blockedDeprovisionings).toBe(2);
    // Enough log rows in between that the refusal and the later write sit in different index epochs.
    t.core.db.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        t.core.log.insert({
          at: new Date().toISOString(), requestId: `filler-${i}`, client: 'Entra ID', method: 'GET', path: '/scim/v2/Users', operation: 'lookup',
          memberId: i % 2 ? a : null, userName: null, result: 'success', status: 200, scimType: null, detail: null, durationMs: 1, changes: [], request: null, response: null,
        });
      }
    })();
    expect((await health()).blockedDeprovisionings).toBe(2); // lookups of a do not count as writes
    // Nor does a refused request that only named a's id as its userName (no member of its own).
    t.core.db.transaction(() => {
      t.core.log.insert({
        at: new Date().toISOString(), requestId: 'named-a', client: 'Entra ID', method: 'POST', path: '/scim/v2/Users', operation: 'error',
        memberId: null, userName: a, result: 'failure', status: 400, scimType: null, detail: null, durationMs: 1, changes: [], request: null, response: null,
      });
    })();
    expect((await health()).blockedDeprovisionings).toBe(2);
    // Another attribute of b goes through: b is still active and still holds its asset.
    expect((await scim(t).patch(b, { op: 'replace', path: 'displayName', value: 'B renamed' })).status).toBe(200);
    expect((await health()).blockedDeprovisionings).toBe(2);
    // Once its asset is back, the IdP's next attempt deactivates b: only a's stands.
    expect((await admin(t).post(`/api/assets/${bAsset}/checkin`)).status).toBe(200);
    expect((await scim(t).patch(b, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    expect((await health()).blockedDeprovisionings).toBe(1);
  });

  it('counts leavers still holding assets and follows the SCIM switch', async () => {
    await admin(t).put('/api/settings', { deprovisionWithAssets: 'deactivate-and-flag' });
    const id = await createMember(t, 'leaver@example.com');
    const asset = await giveAsset(t, id, 'L-1');
    expect((await scim(t).patch(id, { op: 'replace', path: 'active', value: false })).status).toBe(200);
    expect((await health()).leaversHoldingAssets).toBe(1);
    await admin(t).post(`/api/assets/${asset}/checkin`);
    expect((await health()).leaversHoldingAssets).toBe(0);
    await admin(t).put('/api/settings', { scimEnabled: false });
    expect((await health()).scimEnabled).toBe(false);
  });
});
