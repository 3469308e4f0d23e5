import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { scimHarness } from './harness.js';
import type { Harness } from './harness.js';
import { TEST_KEY } from '../../helpers/make-app.js';

/**
 * Issue #15, item 1: refused requests (no valid key, throttled, unroutable) are counted in memory
 * and logged as one aggregated row per address and reason per window, never row by row. The clock
 * is injected, so the window ends when the test says.
 */

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

interface Row {
  operation: string;
  client_address: string | null;
  path: string;
  status: number;
  detail: string;
  request_json: string | null;
  at: string;
}

const rowsOf = (hh: Harness): Row[] => {
  hh.core.log.flush();
  hh.core.store.uow.flush();
  return hh.core.db.prepare('SELECT operation, client_address, path, status, detail, request_json, at FROM provisioning_log ORDER BY id').all() as Row[];
};
const refusal = (r: Row) => (JSON.parse(r.request_json ?? 'null') as { refused: { count: number; firstAt: string; lastAt: string; samplePath: string; methods: Record<string, number> } }).refused;

describe('refused requests', () => {
  it('get one row per address and reason per window, with the count, first and last time and a path cut to 256 characters', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    h = scimHarness({ now: () => new Date(now), trustProxy: 1 });
    const long = `/scim/v2/Users/${'x'.repeat(15_000)}`;
    for (let i = 0; i < 5; i++) {
      now += 1000;
      const res = await request(h.scim).get(long).set('X-Forwarded-For', '203.0.113.5').set('Authorization', 'Bearer wrong');
      expect(res.status).toBe(401);
    }
    for (let i = 0; i < 3; i++) expect((await request(h.scim).delete(`/${'y'.repeat(15_000)}`).set('X-Forwarded-For', '203.0.113.5')).status).toBe(404);
    expect((await request(h.scim).get('/scim/v2/Users').set('X-Forwarded-For', '198.51.100.7')).status).toBe(401);
    // The IdP itself is logged as before, row by row.
    expect((await request(h.scim).get('/scim/v2/ServiceProviderConfig').set('Authorization', `Bearer ${TEST_KEY}`)).status).toBe(200);

    // Written at once (the admin sees a wrong key immediately), amended when the window ends.
    const early = rowsOf(h);
    expect(early.map((r) => [r.operation, r.client_address])).toEqual([
      ['auth-failure', '203.0.113.5'],
      ['error', '203.0.113.5'],
      ['auth-failure', '198.51.100.7'],
      ['discovery', '127.0.0.1'],
    ]);
    now += 10 * 60_000;
    expect((await request(h.scim).get('/scim/v2/Users').set('X-Forwarded-For', '203.0.113.5')).status).toBe(401); // next window: a new row
    const rows = rowsOf(h);
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r.path.length).toBeLessThanOrEqual(256);
    const [failures, notFound] = rows;
    expect(refusal(failures!)).toEqual({ reason: 'unauthenticated', count: 5, firstAt: '2026-03-01T10:00:01.000Z', lastAt: '2026-03-01T10:00:05.000Z', samplePath: expect.stringMatching(/^\/scim\/v2\/Users\/x+…$/), methods: { GET: 5 } });
    expect(failures!.detail).toMatch(/^5 requests from 203\.0\.113\.5 between 2026-03-01T10:00:01\.000Z and 2026-03-01T10:00:05\.000Z/);
    expect(failures).toMatchObject({ status: 401, at: '2026-03-01T10:00:01.000Z' });
    expect(refusal(notFound!)).toMatchObject({ reason: 'unroutable', count: 3, methods: { DELETE: 3 } });
    expect(rows[4]).toMatchObject({ operation: 'auth-failure', client_address: '203.0.113.5' });
  });

  it('caps the rows of one window and sums the addresses over the cap on one row; stderr gets a few lines', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    h = scimHarness({ now: () => new Date(now), trustProxy: 1 });
    for (let i = 0; i < 80; i++) expect((await request(h.scim).get('/scim/v2/Users').set('X-Forwarded-For', `198.51.100.${i}`)).status).toBe(401);
    now += 10 * 60_000;
    h.core.refused.flush();
    const rows = rowsOf(h);
    expect(rows).toHaveLength(51); // 50 addresses, then one overflow row
    expect(refusal(rows[50]!)).toMatchObject({ reason: 'unauthenticated', count: 30 });
    expect(rows[50]!.client_address).toBeNull();
    expect(h.core.refused.stats().totals).toEqual({ unauthenticated: 80, throttled: 0, unroutable: 0 });
    const lines = h.lines.filter((l) => l.msg === 'SCIM request refused');
    expect(lines).toHaveLength(10);
    expect(h.lines.find((l) => l.msg === 'refused SCIM requests not logged line by line')).toMatchObject({ reason: 'unauthenticated', suppressed: 70 });
  });
});
