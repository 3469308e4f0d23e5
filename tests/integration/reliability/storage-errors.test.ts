import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createScimApp } from '../../../main/http/create-scim-app.js';
import { TEST_KEY } from '../../helpers/make-app.js';
import { ERROR_URN, PATCH_OP, scimHarness } from './harness.js';
import type { Harness } from './harness.js';

/**
 * A full disk or a read-only data folder (issue #8): SCIM answers 503 with Retry-After and a SCIM
 * error, logs an error line an operator can act on, keeps serving reads, and recovers by itself once
 * the database can be written again. Simulated on the running core's own connection: root ignores
 * chmod, so `max_page_count` stands in for a full disk and `query_only` for a read-only file.
 */

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const auth = { Authorization: `Bearer ${TEST_KEY}` };
/** Large enough that the member row needs new pages (overflow pages for the JSON). */
const bigUser = (n: number) => ({ userName: `full${n}@example.com`, displayName: 'd'.repeat(60_000), title: `t${n}` });

function expect503(res: request.Response): void {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.body).toMatchObject({ schemas: [ERROR_URN], status: '503' });
  expect(res.body.detail).toMatch(/disk full or read-only/);
}

describe('storage unavailable', () => {
  it('answers 503 with Retry-After on a full disk, logs it, keeps reading, and recovers when space returns', async () => {
    h = scimHarness();
    const { core, scim, lines } = h;
    const seeded = await request(scim).post('/scim/v2/Users').set(auth).send({ userName: 'before@example.com' });
    expect(seeded.status).toBe(201);
    const membersBefore = core.db.prepare('SELECT count(*) FROM members').pluck().get();

    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);
    expect(core.db.pragma('max_page_count', { simple: true })).toBe(pages);

    const full = await request(scim).post('/scim/v2/Users').set(auth).send(bigUser(1));
    expect503(full);
    const patched = await request(scim)
      .patch(`/scim/v2/Users/${seeded.body.id as string}`)
      .set(auth)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'x'.repeat(60_000) }] });
    expect503(patched);

    const logged = lines.filter((l) => l.level >= 50 && /cannot be written/.test(l.msg));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toMatchObject({ code: 'SQLITE_FULL', method: 'POST' });
    expect(JSON.stringify(lines)).not.toContain(TEST_KEY);

    // Reads still work while the disk is full; nothing half-written is visible.
    const read = await request(scim).get(`/scim/v2/Users/${seeded.body.id as string}`).set(auth);
    expect(read.status).toBe(200);
    expect(read.body.displayName).toBeUndefined();
    expect(core.db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(membersBefore);

    // Space returns: the very next write succeeds without a restart.
    core.db.pragma('max_page_count = 1073741823');
    const again = await request(scim).post('/scim/v2/Users').set(auth).send(bigUser(2));
    expect(again.status).toBe(201);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('answers 503 while the database is read-only and recovers once it is writable', async () => {
    h = scimHarness();
    const { core, scim, lines } = h;
    core.db.pragma('query_only = ON');
    const refused = await request(scim).post('/scim/v2/Users').set(auth).send({ userName: 'ro@example.com' });
    expect503(refused);
    expect(lines.some((l) => l.level >= 50 && l.code === 'SQLITE_READONLY')).toBe(true);

    core.db.pragma('query_only = OFF');
    const ok = await request(scim).post('/scim/v2/Users').set(auth).send({ userName: 'ro@example.com' });
    expect(ok.status).toBe(201);
  });
});

describe('durability wait failing', () => {
  it('answers 503, not 500, when the fsync before the answer fails (e.g. EIO, ENOSPC)', async () => {
    h = scimHarness();
    const { core, lines } = h;
    const failingFsync = () => Promise.reject(new Error('fsync of scim-desk.db-wal failed', { cause: Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }) }));
    const scim = createScimApp({ users: core.users, keys: core.keys, settings: core.settings, log: core.log, refused: core.refused, registry: core.catalog.registry, durable: failingFsync, logger: core.logger });
    const res = await request(scim).post('/scim/v2/Users').set(auth).send({ userName: 'fsync@example.com' });
    expect503(res);
    expect(lines.some((l) => l.level >= 50 && l.code === 'EIO')).toBe(true);
  });
});
