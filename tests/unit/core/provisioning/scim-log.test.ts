import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../../helpers/make-app.js';
import type { TestApp } from '../../../helpers/make-app.js';
import { createScimLog } from '../../../../main/core/provisioning/scim-log.js';
import { toScimError } from '../../../../main/http/create-scim-app.js';
import { describeFailure } from '../../../../main/core/errors.js';

let t: TestApp;
afterEach(() => t?.close());

const ctx = {
  requestId: 'req-1', client: 'Entra ID', clientAddress: '127.0.0.1', method: 'POST', path: '/scim/v2/Users', startNs: process.hrtime.bigint(),
  baseUrl: 'http://x/scim/v2', body: { userName: 'busy@example.com' }, attributes: [], excludedAttributes: [], ifMatch: undefined,
};

describe('one error model', () => {
  it('logs a storage failure with the status the wire answers (503), not 500', () => {
    t = makeApp();
    const log = createScimLog({ uow: t.core.store.uow, log: t.core.log, members: t.core.members, events: t.core.events, now: () => new Date() });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(() =>
      log.logged(ctx, null, () => {
        throw busy;
      }),
    ).toThrow(busy);
    const row = t.core.store.logRead.page({}, undefined, 1)[0]!;
    expect(row).toMatchObject({ operation: 'error', result: 'failure', status: 503, userName: 'busy@example.com' });
    expect(toScimError(busy).status).toBe(row.status);
    expect(row.detail).toBe(describeFailure(busy).message);
  });

  it('gives the same status to a refusal on the wire and in its log row', async () => {
    t = makeApp();
    const res = await request(t.scim).post('/scim/v2/Users').set('Authorization', `Bearer ${TEST_KEY}`).send({ userName: '' });
    expect(res.status).toBe(400);
    const row = t.core.store.logRead.page({}, undefined, 1)[0]!;
    expect(row).toMatchObject({ status: 400, scimType: res.body.scimType, detail: res.body.detail });
  });
});
