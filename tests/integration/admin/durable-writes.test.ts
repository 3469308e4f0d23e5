import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { join } from 'node:path';
import pino from 'pino';
import { makeApp, ADMIN_TOKEN } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { createAdminApp } from '../../../main/http/create-admin-app.js';

let t: TestApp;
afterEach(() => t?.close());

/** An admin app whose "on disk" signal the test releases by hand. */
function gatedAdmin(durable: () => Promise<void>) {
  return createAdminApp({
    admin: { ...t.core.admin, durable },
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'silent' }),
    rendererDir: join(t.dir, 'no-renderer'),
  });
}
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, Host: '127.0.0.1' };

describe('admin writes', () => {
  it('are answered only once their commit is on disk; reads do not wait', async () => {
    t = makeApp();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const app = gatedAdmin(() => gate);
    let answered = false;
    const put = request(app).put('/api/settings').set(auth).send({ logRetentionDays: 12 }).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    expect(t.core.settings.get().logRetentionDays).toBe(12); // committed, waiting for the fsync
    expect((await request(app).get('/api/settings').set(auth)).status).toBe(200); // a read is not held
    release();
    expect((await put).status).toBe(200);
  });

  it('answer 503 when the change cannot be made durable', async () => {
    t = makeApp();
    const app = gatedAdmin(() => Promise.reject(new Error('fsync failed')));
    const res = await request(app).put('/api/settings').set(auth).send({ logRetentionDays: 9 });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'storage-unavailable' } });
  });
});
