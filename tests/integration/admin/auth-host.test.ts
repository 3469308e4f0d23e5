import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ADMIN_TOKEN, makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { ApiErrorSchema } from '../../../shared/api/errors.js';
import { DEFAULT_MAPPING } from '../../../shared/api/mapping.js';
import { admin, errorOf } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const ENDPOINTS: ReadonlyArray<readonly [string, string]> = [
  ['get', '/api/settings'],
  ['put', '/api/settings'],
  ['post', '/api/scim/connector-key'],
  ['get', '/api/members'],
  ['get', '/api/members/export.csv'],
  ['delete', '/api/members/x'],
  ['post', '/api/roles'],
  ['get', '/api/log'],
  ['get', '/api/log/stream'],
  ['get', '/api/review'],
  ['get', '/api/health'],
  ['get', '/api/openapi.json'],
];

describe('admin API gate', () => {
  it('answers 401 with the error envelope without a token, with a wrong one, or with a non-Bearer scheme', async () => {
    for (const [method, path] of ENDPOINTS) {
      for (const auth of [undefined, 'Bearer wrong-token', `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`]) {
        let r = (request(t.admin) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set('Host', '127.0.0.1');
        if (auth) r = r.set('Authorization', auth);
        const res = await r;
        expect(res.status, `${method} ${path} ${auth ?? ''}`).toBe(401);
        expect(ApiErrorSchema.parse(res.body).error.code).toBe('unauthorized');
      }
    }
  });

  it('accepts ?token= only on the log stream, not on other endpoints', async () => {
    const res = await request(t.admin).get('/api/members').query({ token: ADMIN_TOKEN }).set('Host', '127.0.0.1');
    expect(res.status).toBe(401);
  });

  it('answers 421 to a Host that is not loopback, even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example.com', 'evil.example.com:80', '127.0.0.1.nip.io', '10.0.0.5']) {
      const res = await request(t.admin).get('/api/settings').set('Host', host).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.status, host).toBe(421);
      expect(errorOf(res).code).toBe('host-not-allowed');
    }
    for (const host of ['localhost:4000', '127.0.0.1:5173', '[::1]:4000']) {
      const res = await request(t.admin).get('/api/settings').set('Host', host).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.status, host).toBe(200);
    }
  });

  it('answers unknown endpoints with a 404 envelope and bad JSON with 400 invalid-json', async () => {
    const a = admin(t);
    const nf = await a.get('/api/nothing-here');
    expect(nf.status).toBe(404);
    expect(errorOf(nf).code).toBe('not-found');
    const bad = await a.put('/api/settings', {}).set('Content-Type', 'application/json').send('{"scimEnabled": tru');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid-json');
  });

  it('answers input that breaks the contract with 400 invalid-request naming the field', async () => {
    const res = await admin(t).put('/api/settings', { logRetentionDays: 0 });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'invalid-request' });
    expect(errorOf(res).message).toContain('logRetentionDays');
    expect(ApiErrorSchema.parse(res.body).error.fields).toEqual([{ field: 'logRetentionDays', message: expect.any(String) }]);
  });

  it('names a nested field by its dotted path and leaves a problem with the whole body to the message', async () => {
    const rows = [...DEFAULT_MAPPING.slice(0, 3), { scimPath: 'title', target: 'shoeSize', enabled: true }];
    const nested = ApiErrorSchema.parse((await admin(t).put('/api/mappings', { rows })).body).error;
    expect(nested.fields?.map((f) => f.field)).toEqual(['rows.3.target']);
    const whole = await admin(t).put('/api/mappings', [1, 2]);
    expect(whole.status).toBe(400);
    expect(ApiErrorSchema.parse(whole.body).error).toMatchObject({ code: 'invalid-request', fields: [] });
    expect(errorOf(whole).message).toMatch(/^The request body is not valid: ./);
  });
});
