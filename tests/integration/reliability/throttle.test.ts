import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { NextFunction, Request, Response } from 'express';
import { scimAuth } from '../../../main/http/middleware/scim-auth.js';
import type { ScimAuthOptions } from '../../../main/http/middleware/scim-auth.js';
import { ScimError } from '../../../main/core/scim/errors.js';
import { TEST_KEY } from '../../helpers/make-app.js';
import { scimHarness } from './harness.js';
import type { Harness } from './harness.js';

/**
 * A throttle that cannot be reset (issue #15 item 5): the failed-auth table is a bounded LRU that never
 * forgets a throttled address early, and forged non-IP X-Forwarded-For values fall back to the socket.
 */

const WRONG = 'wrong-key-0123456789abcdef0123456789';
const keys = { verify: (s: string) => s === TEST_KEY, rotate: () => ({ secret: '', createdAt: '', previousValidUntil: null }), info: () => ({ hasKey: true, createdAt: null, lastUsedAt: null }) };

/** Drive the real middleware directly (a spray of 20,000 addresses costs milliseconds, not minutes). */
function gate(opts: Partial<ScimAuthOptions> = {}) {
  let t = 1_000_000;
  const mw = scimAuth({ keys, isEnabled: () => true, maxFailures: 3, windowMs: 60_000, now: () => t, ...opts });
  const status = (address: string, token = WRONG): number => {
    const req = { get: (h: string) => (h.toLowerCase() === 'authorization' ? `Bearer ${token}` : undefined), ip: address, socket: { remoteAddress: address } } as unknown as Request;
    let result = 0;
    const next: NextFunction = (err?: unknown) => void (result = err === undefined ? 200 : (err as ScimError).status);
    mw(req, {} as Response, next);
    return result;
  };
  return { status, advance: (ms: number) => void (t += ms) };
}

describe('failed-auth table', () => {
  it('keeps a throttled address throttled through a spray of 20,000 other addresses', () => {
    const g = gate({ maxFailures: 20, windowMs: 5 * 60_000 });
    for (let i = 0; i < 20; i++) expect(g.status('203.0.113.7')).toBe(401);
    expect(g.status('203.0.113.7')).toBe(429);
    for (let i = 0; i < 20_000; i++) g.status(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(g.status('203.0.113.7')).toBe(429);
    expect(g.status('203.0.113.7', TEST_KEY)).toBe(200);
  });

  it('evicts the least recently used address that is not throttled', () => {
    const g = gate({ maxTracked: 3 });
    g.status('a');
    g.status('a');
    g.status('b');
    g.status('b');
    g.status('c');
    g.status('a'); // a: 3 failures, throttled; b is now the oldest open address
    g.status('d'); // full: b is evicted, not a
    expect(g.status('a')).toBe(429);
    expect(g.status('b')).toBe(401); // counted from zero again: 1
    expect(g.status('b')).toBe(401); // 2
    expect(g.status('b')).toBe(401); // 3, throttled from now on
    expect(g.status('b')).toBe(429);
  });

  it('refuses to track a new address when every slot is throttled, instead of clearing the table', () => {
    const g = gate({ maxTracked: 2 });
    for (const a of ['a', 'b']) for (let i = 0; i < 3; i++) expect(g.status(a)).toBe(401);
    // A newcomer cannot be counted, so it gets no free guesses; the throttled ones stay throttled.
    for (let i = 0; i < 10; i++) expect(g.status(`new-${i}`)).toBe(429);
    expect(g.status('a')).toBe(429);
    expect(g.status('b')).toBe(429);
    expect(g.status('new-0', TEST_KEY)).toBe(200);
    // Once the windows end the slots free up.
    g.advance(60_000);
    expect(g.status('new-0')).toBe(401);
    expect(g.status('a')).toBe(401);
  });
});

describe('X-Forwarded-For that is not an IP address', () => {
  let h: Harness | undefined;
  afterEach(() => {
    h?.close();
    h = undefined;
  });

  const addresses = (hh: Harness): Array<string | null> => {
    hh.core.log.flush();
    return hh.core.db.prepare('SELECT client_address FROM provisioning_log ORDER BY id').pluck().all() as Array<string | null>;
  };

  it('is ignored: the socket address is logged and throttled, however the header varies', async () => {
    h = scimHarness({ trustProxy: 1 });
    const junk = ['<script>alert(1)</script>', 'x'.repeat(8000), 'unknown', '203.0.113.9:443', `fe80::1%${'z'.repeat(100)}`];
    for (let i = 0; i < 20; i++) {
      const res = await request(h.scim).get('/scim/v2/Users').set('Authorization', `Bearer ${WRONG}`).set('X-Forwarded-For', `${junk[i % junk.length]}${i}`);
      expect(res.status).toBe(401);
    }
    // All twenty forged values were one client, the socket peer: now throttled.
    expect((await request(h.scim).get('/scim/v2/Users').set('Authorization', `Bearer ${WRONG}`).set('X-Forwarded-For', 'yet-another-value')).status).toBe(429);
    const logged = addresses(h);
    // Refused requests are counted per address and reason (refused-traffic.ts): one row for the twenty
    // failures, one for the throttled request, both of the socket peer.
    expect(logged).toHaveLength(2);
    for (const a of logged) expect(a).toMatch(/^(127\.0\.0\.1|::1)$/);
    // A real address behind the proxy is still believed, and throttled on its own.
    expect((await request(h.scim).get('/scim/v2/Users').set('Authorization', `Bearer ${WRONG}`).set('X-Forwarded-For', '198.51.100.4')).status).toBe(401);
    expect(addresses(h).at(-1)).toBe('198.51.100.4');
  });
});
