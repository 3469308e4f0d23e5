import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import express from 'express';
import { readFileSync, existsSync } from 'node:fs';
import { hashSecret } from '../../../main/core/auth/connector-keys.js';
import { scimAuth } from '../../../main/http/middleware/scim-auth.js';
import { ScimError } from '../../../main/core/scim/errors.js';
import { TEST_KEY } from '../../helpers/make-app.js';
import { ERROR_URN, scimHarness } from './harness.js';
import type { Harness } from './harness.js';

/**
 * Authentication (issue #8): throttled failures never lock out the valid key, the overall rate limit
 * answers 429 with Retry-After, the key exists only as a hash, and rotation honours its grace period.
 */

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const WRONG = 'wrong-key-0123456789abcdef0123456789';
const THRESHOLD = 20; // scimAuth's default maxFailures

describe('failed-auth throttling', () => {
  it('answers 429 with Retry-After after repeated wrong tokens, while the valid key from the same address still works', async () => {
    h = scimHarness();
    const { scim } = h;
    for (let i = 0; i < THRESHOLD; i++) {
      const res = await request(scim).get('/scim/v2/Users').set(i % 2 ? bearer(`${WRONG}${i}`) : {});
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const throttled = await request(scim).get('/scim/v2/Users').set(bearer(WRONG));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.body).toMatchObject({ schemas: [ERROR_URN], status: '429' });

    const valid = await request(scim).get('/scim/v2/Users').set(bearer(TEST_KEY));
    expect(valid.status).toBe(200);
    const write = await request(scim).post('/scim/v2/Users').set(bearer(TEST_KEY)).send({ userName: 'still.works@example.com' });
    expect(write.status).toBe(201);
    expect((await request(scim).get('/scim/v2/Users').set(bearer(WRONG))).status).toBe(429);
  });

  it('cannot be dodged by sending a different X-Forwarded-For when no proxy is configured', async () => {
    h = scimHarness({ trustProxy: 0 });
    for (let i = 0; i < THRESHOLD; i++) await request(h.scim).get('/scim/v2/Users').set(bearer(WRONG)).set('X-Forwarded-For', `198.51.100.${i}`);
    const res = await request(h.scim).get('/scim/v2/Users').set(bearer(WRONG)).set('X-Forwarded-For', '198.51.100.250');
    expect(res.status).toBe(429);
  });

  it('throttles per client address behind a configured proxy', async () => {
    h = scimHarness({ trustProxy: 1 });
    for (let i = 0; i < THRESHOLD; i++) await request(h.scim).get('/scim/v2/Users').set(bearer(WRONG)).set('X-Forwarded-For', '203.0.113.7');
    expect((await request(h.scim).get('/scim/v2/Users').set(bearer(WRONG)).set('X-Forwarded-For', '203.0.113.7')).status).toBe(429);
    expect((await request(h.scim).get('/scim/v2/Users').set(bearer(WRONG)).set('X-Forwarded-For', '203.0.113.8')).status).toBe(401);
    expect((await request(h.scim).get('/scim/v2/Users').set(bearer(TEST_KEY)).set('X-Forwarded-For', '203.0.113.7')).status).toBe(200);
  });

  it('forgets failures once the window has passed (injected clock)', async () => {
    let t = 1_000_000;
    const keys = { verify: (s: string) => s === TEST_KEY, rotate: () => ({ secret: '', createdAt: '', previousValidUntil: null }), info: () => ({ hasKey: true, createdAt: null, lastUsedAt: null }) };
    const app = express();
    app.use(scimAuth({ keys, isEnabled: () => true, maxFailures: 3, windowMs: 60_000, now: () => t }));
    app.get('/', (_req, res) => void res.json({ ok: true }));
    app.use((err: ScimError, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(err.status).set(err.headers).json({ detail: err.detail }));
    for (let i = 0; i < 3; i++) expect((await request(app).get('/').set(bearer(WRONG))).status).toBe(401);
    const limited = await request(app).get('/').set(bearer(WRONG));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    t += 30_000;
    expect((await request(app).get('/').set(bearer(WRONG))).headers['retry-after']).toBe('30');
    expect((await request(app).get('/').set(bearer(TEST_KEY))).status).toBe(200);
    t += 30_000;
    expect((await request(app).get('/').set(bearer(WRONG))).status).toBe(401);
  });
});

describe('overall SCIM rate limit', () => {
  it('answers 429 with Retry-After and a SCIM error once the configured per-minute limit is used up', async () => {
    h = scimHarness();
    h.core.settings.update({ scimRateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await request(h.scim).get('/scim/v2/Users').set(bearer(TEST_KEY))).status).toBe(200);
    const res = await request(h.scim).get('/scim/v2/Users').set(bearer(TEST_KEY));
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ schemas: [ERROR_URN], status: '429' });
    // 0 turns the limit off: the same client is served again at once.
    h.core.settings.update({ scimRateLimitPerMinute: 0 });
    for (let i = 0; i < 5; i++) expect((await request(h.scim).get('/scim/v2/Users').set(bearer(TEST_KEY))).status).toBe(200);
  });
});

describe('connector key storage', () => {
  it('stores the key only as a SHA-256 hash: the secret appears nowhere in the database files or the log', async () => {
    h = scimHarness();
    const { scim, core, dbFile, lines } = h;
    await request(scim).post('/scim/v2/Users').set(bearer(TEST_KEY)).send({ userName: 'hash@example.com' });
    await request(scim).get('/scim/v2/Users').set(bearer(WRONG));
    const rotated = core.keys.rotate(5);
    await request(scim).get('/scim/v2/Users').set(bearer(rotated.secret));
    core.log.flush();
    const bytes = Buffer.concat([dbFile, `${dbFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    for (const secret of [TEST_KEY, rotated.secret, WRONG]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64'), 'utf8'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from(hashSecret(TEST_KEY).toString('hex'), 'utf8'))).toBe(true);
    const logText = JSON.stringify(lines);
    for (const secret of [TEST_KEY, rotated.secret, WRONG]) expect(logText).not.toContain(secret);
    const rows = core.db.prepare('SELECT * FROM provisioning_log').all();
    for (const secret of [TEST_KEY, rotated.secret, WRONG]) expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('keeps the previous key valid until the grace period ends, then refuses it (injected clock)', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    h = scimHarness({ now: () => now });
    const { scim, core } = h;
    const status = async (key: string) => (await request(scim).get('/scim/v2/ServiceProviderConfig').set(bearer(key))).status;

    const first = core.keys.rotate(10);
    expect(first.previousValidUntil).toBe('2026-03-01T10:10:00.000Z');
    expect(await status(TEST_KEY)).toBe(200);
    expect(await status(first.secret)).toBe(200);

    now = new Date('2026-03-01T10:09:59.000Z');
    expect(await status(TEST_KEY)).toBe(200);
    now = new Date('2026-03-01T10:10:00.001Z');
    expect(await status(TEST_KEY)).toBe(401);
    expect(await status(first.secret)).toBe(200);

    // A rotation without grace ends the previous key at once; only one previous key ever survives.
    const second = core.keys.rotate(30);
    const third = core.keys.rotate(0);
    expect(third.previousValidUntil).toBeNull();
    expect(await status(first.secret)).toBe(401);
    expect(await status(second.secret)).toBe(401);
    expect(await status(third.secret)).toBe(200);
  });
});
