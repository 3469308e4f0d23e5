import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { ADMIN_TOKEN, makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { LogDetailSchema, LogPageSchema } from '../../../shared/api/log-events.js';
import { admin, scim, user } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const PASSWORD = 'Sup3rSecret!';
const WRONG_TOKEN = 'wr0ng-B3arer-Token-7c1d9e';

/** Every byte SQLite has on disk for this database: the main file, plus any WAL left over. */
function databaseBytes(): Buffer {
  t.core.log.flush();
  t.core.store.uow.flush(); // queued rows join a write batch: commit it before reading the file
  t.core.db.pragma('wal_checkpoint(TRUNCATE)');
  const parts = [readFileSync(t.dbFile)];
  for (const extra of [`${t.dbFile}-wal`, `${t.dbFile}-journal`]) if (existsSync(extra)) parts.push(readFileSync(extra));
  return Buffer.concat(parts);
}

describe('redaction', () => {
  it('keeps passwords and presented tokens out of the database file and the log API', async () => {
    const created = await scim(t).create(user('pass.word@example.com', { password: PASSWORD }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await scim(t).patch(id, { op: 'replace', path: 'password', value: PASSWORD })).status).toBe(200);
    expect((await scim(t).patch(id, { op: 'add', value: { password: PASSWORD } })).status).toBe(200);
    const refused = await request(t.scim).post('/scim/v2/Users').set('Authorization', `Bearer ${WRONG_TOKEN}`).send(user('in.truder@example.com', { password: PASSWORD }));
    expect(refused.status).toBe(401);
    const alsoRefused = await request(t.scim).get(`/scim/v2/Users?filter=userName eq "x"`).set('Authorization', `Bearer ${WRONG_TOKEN}`);
    expect(alsoRefused.status).toBe(401);

    const bytes = databaseBytes();
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, WRONG_TOKEN, TEST_KEY, ADMIN_TOKEN]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16)`).toBe(false);
    }

    const rows = LogPageSchema.parse((await admin(t).get('/api/log').query({ limit: 500 })).body).rows;
    expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining(['create', 'update', 'auth-failure']));
    for (const r of rows) {
      const d = await admin(t).get(`/api/log/${r.id}`);
      expect(d.text).not.toContain(PASSWORD);
      expect(d.text).not.toContain(WRONG_TOKEN);
    }
    const create = rows.find((r) => r.operation === 'create')!;
    expect(LogDetailSchema.parse((await admin(t).get(`/api/log/${create.id}`)).body).request).toMatchObject({ password: '[redacted]', userName: 'pass.word@example.com' });
    const exported = await admin(t).get('/api/log/export').query({ format: 'json' }).buffer(true);
    expect(exported.text).not.toContain(PASSWORD);
  });
});
