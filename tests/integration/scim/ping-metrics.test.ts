import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import request from 'supertest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { admin, createMember, scim } from '../admin/helpers.js';

/** `/ping` and `/metrics` on the SCIM listener (issue #17 items 1 and 2). */

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
});
const open = (opts: Parameters<typeof makeApp>[0] = {}): TestApp => {
  const a = makeApp(opts);
  apps.push(a);
  return a;
};

/** Commit everything queued, then the WAL's size: unchanged means nothing was written. */
function walBytes(t: TestApp): number {
  t.core.log.flush();
  t.core.store.uow.flush();
  return statSync(`${t.dbFile}-wal`).size;
}

async function newMetricsToken(t: TestApp): Promise<string> {
  const res = await admin(t).post('/api/metrics/token');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return (res.body as { metricsToken: string }).metricsToken;
}

const scrape = (t: TestApp, token?: string) => {
  const r = request(t.scim).get('/metrics');
  return token === undefined ? r : r.set('Authorization', `Bearer ${token}`);
};

/** The value of one sample in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === '+Inf' ? Infinity : Number(value);
}

describe('GET /ping', () => {
  it('answers 200 with the status and version, without authentication, even with SCIM off', async () => {
    const t = open({ enabled: false });
    const res = await request(t.scim).get('/ping');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ status: 'ok', version: VERSION });
    const head = await request(t.scim).head('/ping');
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
  });

  it('writes nothing to the database or the provisioning log', async () => {
    const t = open();
    const before = walBytes(t);
    for (let i = 0; i < 20; i++) expect((await request(t.scim).get('/ping')).status).toBe(200);
    expect(walBytes(t)).toBe(before);
    const log = await admin(t).get('/api/log');
    expect(log.body.rows).toEqual([]);
  });

  it('is only GET or HEAD /ping: other paths and methods still get the SCIM 404', async () => {
    const t = open();
    expect((await request(t.scim).post('/ping')).status).toBe(404);
    expect((await request(t.scim).get('/ping/x')).status).toBe(404);
  });
});

describe('GET /metrics', () => {
  it('is off until a metrics token exists: 401 and an empty body for any bearer', async () => {
    const t = open();
    for (const res of [await scrape(t), await scrape(t, 'anything-0123456789abcdef')]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await admin(t).get('/api/metrics/token')).body).toEqual({ hasToken: false, createdAt: null });
  });

  it('needs the metrics token: not the connector key, not the admin token, not a previous metrics token', async () => {
    const t = open();
    const first = await newMetricsToken(t);
    expect((await scrape(t, first)).status).toBe(200);
    const second = await newMetricsToken(t);
    expect(second).not.toBe(first);
    expect((await scrape(t, first)).status).toBe(401);
    expect((await scrape(t, 'test-connector-key-0123456789abcdef')).status).toBe(401);
    expect((await scrape(t, 'test-admin-token-0123456789abcdef')).status).toBe(401);
    const ok = await scrape(t, second);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await admin(t).get('/api/metrics/token')).body).toMatchObject({ hasToken: true, createdAt: expect.any(String) });
  });

  it('counts SCIM requests by operation, result and status class, and failed authentications', async () => {
    const t = open();
    const token = await newMetricsToken(t);
    const id = await createMember(t, 'ada.lovelace@contoso.com');
    await scim(t).lookup('ada.lovelace@contoso.com').expect(200);
    await scim(t).lookup('nobody@contoso.com').expect(200);
    await scim(t).patch(id, { op: 'replace', path: 'active', value: false }).expect(200);
    await scim(t).get('no-such-id').expect(404);
    await request(t.scim).get('/scim/v2/Users').set('Authorization', 'Bearer wrong-key').expect(401);
    const text = (await scrape(t, token)).text;
    expect(sample(text, 'scimdesk_scim_requests_total{operation="create",result="success",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'scimdesk_scim_requests_total{operation="lookup",result="success",status_class="2xx"}')).toBe(2);
    expect(sample(text, 'scimdesk_scim_requests_total{operation="patch",result="success",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'scimdesk_scim_requests_total{operation="read",result="failure",status_class="4xx"}')).toBe(1);
    expect(sample(text, 'scimdesk_scim_requests_total{operation="list",result="failure",status_class="4xx"}')).toBe(1);
    expect(sample(text, 'scimdesk_failed_authentications_total')).toBe(1);
    expect(sample(text, 'scimdesk_scim_request_duration_seconds_count{operation="lookup"}')).toBe(2);
    expect(sample(text, 'scimdesk_members')).toBe(1);
    expect(sample(text, 'scimdesk_members_active')).toBe(0);
    expect(sample(text, 'scimdesk_scim_enabled')).toBe(1);
    expect(sample(text, 'scimdesk_seconds_since_last_idp_request')).toBeLessThan(60);
    expect(sample(text, 'scimdesk_database_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'scimdesk_wal_bytes')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'scimdesk_blocked_deprovisionings')).toBe(0);
    expect(sample(text, 'scimdesk_open_refusals')).toBeGreaterThanOrEqual(1); // the 401 and the 404 read are refusals
    expect(sample(text, `scimdesk_info{version="${VERSION}"}`)).toBe(1);
    // Default process metrics come along; no TLS, so no certificate expiry.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).not.toMatch(/^scimdesk_(tls_certificate_expiry_timestamp_seconds|acme_consecutive_failures)\b.* /m);
  });

  it('is not IdP traffic: scrapes write no log row and leave "seconds since the last IdP request" at +Inf', async () => {
    const t = open();
    const token = await newMetricsToken(t);
    const before = walBytes(t);
    for (let i = 0; i < 5; i++) await scrape(t, token).expect(200);
    await scrape(t, 'wrong-token-0123456789abcdef').expect(401);
    expect(walBytes(t)).toBe(before);
    const text = (await scrape(t, token)).text;
    expect(sample(text, 'scimdesk_seconds_since_last_idp_request')).toBe(Infinity);
    expect(text).not.toMatch(/^scimdesk_scim_requests_total\{/m);
  });

  it('keeps one registry per core: two apps in one process count separately', async () => {
    const a = open();
    const b = open();
    const [ta, tb] = [await newMetricsToken(a), await newMetricsToken(b)];
    await createMember(a, 'only.in.a@contoso.com');
    const series = 'scimdesk_scim_requests_total{operation="create",result="success",status_class="2xx"}';
    expect(sample((await scrape(a, ta)).text, series)).toBe(1);
    expect(sample((await scrape(b, tb)).text, series)).toBeUndefined();
    expect((await scrape(b, ta)).status).toBe(401);
  });
});
