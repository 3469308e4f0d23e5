import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { TEST_KEY } from '../../helpers/make-app.js';
import { ERROR_URN, scimHarness } from './harness.js';
import type { Harness } from './harness.js';
import { PATCH_SCIM_TYPES, patchBodyArb, wellFormedBodyArb } from './patch-arbitraries.js';

/**
 * Random PATCH bodies through HTTP to a real user (issue #8): the answer is 200 or a SCIM 400 with a
 * PATCH scimType, never anything else; a 400 leaves the member row (version, scim_json, every column)
 * exactly as it was; a 200 reports the version the row now has. The user's state walks randomly, so
 * later bodies meet documents earlier ones produced.
 */

let h: Harness;
let id = '';
const auth = { Authorization: `Bearer ${TEST_KEY}` };

beforeAll(async () => {
  h = scimHarness();
  const res = await request(h.scim)
    .post('/scim/v2/Users')
    .set(auth)
    .send({ userName: 'walker@example.com', name: { givenName: 'Wal', familyName: 'Ker' }, emails: [{ type: 'work', value: 'walker@example.com', primary: true }], title: 'Start' });
  expect(res.status).toBe(201);
  id = res.body.id as string;
});
afterAll(() => h.close());

const row = () => h.core.db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown> & { version: number; scim_json: string };

describe('PATCH over HTTP, random bodies', () => {
  it('answers 200 or 400 only, and a 400 changes nothing', async () => {
    let ok = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(patchBodyArb, wellFormedBodyArb), async (body) => {
        const before = row();
        const logRowsBefore = h.core.db.prepare("SELECT count(*) FROM provisioning_log WHERE result = 'success'").pluck().get();
        const res = await request(h.scim).patch(`/scim/v2/Users/${id}`).set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
        expect([200, 400], JSON.stringify(res.body).slice(0, 300)).toContain(res.status);
        expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
        const after = row();
        if (res.status === 400) {
          refused++;
          expect(res.body).toMatchObject({ schemas: [ERROR_URN], status: '400' });
          expect(PATCH_SCIM_TYPES).toContain(res.body.scimType);
          expect(after).toEqual(before);
          expect(h.core.db.prepare("SELECT count(*) FROM provisioning_log WHERE result = 'success'").pluck().get()).toBe(logRowsBefore);
        } else {
          ok++;
          expect(res.headers.etag).toBe(`W/"${after.version}"`);
          expect(after.version === before.version || after.version === before.version + 1).toBe(true);
          expect(res.body.id).toBe(id);
          expect(() => JSON.parse(after.scim_json) as unknown).not.toThrow();
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(ok).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    expect(h.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
