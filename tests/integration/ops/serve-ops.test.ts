import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir.js';
import { CONNECTOR_KEY, startServe } from './serve.js';
import type { Served } from './serve.js';

/** /ping and /metrics on the built `serve` (issue #17 items 1 and 2), the token from the option table. */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const t = tempDir('scimdesk-ops-');
  cleanups.push(t.cleanup);
  const s = await startServe(join(t.dir, 'data'), args, env);
  cleanups.push(() => s.stop());
  return s;
}

describe('serve: /ping and /metrics', () => {
  it('turns /metrics on with --metrics-token; /ping needs nothing', async () => {
    const token = 'serve-metrics-token-0123456789';
    const s = await serve(['--metrics-token', token]);
    const origin = new URL(s.scimUrl).origin;
    const ping = await fetch(`${origin}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect((await fetch(`${s.scimUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${CONNECTOR_KEY}` } })).status).toBe(200);
    const metrics = await fetch(`${origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^scimdesk_scim_requests_total\{operation="list",result="success",status_class="2xx"\} 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect((await fetch(`${origin}/metrics`, { headers: { Authorization: `Bearer ${CONNECTOR_KEY}` } })).status).toBe(401);
    expect((await s.api('GET', '/api/metrics/token')).body).toMatchObject({ hasToken: true });
  });

  it('takes the token from SCIMDESK_METRICS_TOKEN, and keeps /metrics off without one', async () => {
    const token = 'env-metrics-token-0123456789ab';
    const on = await serve([], { SCIMDESK_METRICS_TOKEN: token });
    expect((await fetch(`${new URL(on.scimUrl).origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const off = await serve([], { SCIMDESK_METRICS_TOKEN: '' });
    const res = await fetch(`${new URL(off.scimUrl).origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
  });
});
