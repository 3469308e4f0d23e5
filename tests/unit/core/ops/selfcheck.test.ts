import { probeGet } from '../../../../main/node/http-probe.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createSelfCheck } from '../../../../main/core/ops/selfcheck.js';
import type { SelfCheckDeps } from '../../../../main/core/ops/selfcheck.js';
import { createSelfCheckNonces } from '../../../../main/core/ops/selfcheck-nonces.js';
import type { SelfCheckResult } from '../../../../shared/api/ops.js';

/**
 * The self-check's steps without a proxy: a resolver and a loopback HTTP server stand in for DNS
 * and the public URL (the nginx test drives the real thing).
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  return (s.address() as { port: number }).port;
}

function check(publicBaseUrl: string, extra: Partial<SelfCheckDeps> = {}): Promise<SelfCheckResult> {
  return createSelfCheck({
    publicBaseUrl: () => publicBaseUrl,
    listenUrl: () => 'http://127.0.0.1:8080/scim/v2',
    nonces: createSelfCheckNonces(),
    now: () => new Date(),
    httpGet: probeGet,
    timeoutMs: 3000,
    ...extra,
  })();
}
const byId = (r: SelfCheckResult) => Object.fromEntries(r.steps.map((s) => [s.id, s]));

describe('self-check', () => {
  it('asks for a public base URL first', async () => {
    const r = await check('');
    expect(r.ok).toBe(false);
    expect(byId(r).dns).toMatchObject({ ok: false, detail: 'No public base URL is set.' });
    expect(byId(r).dns?.fix?.text).toMatch(/Enter the public base URL/);
    expect(r.steps.filter((s) => s.skipped).map((s) => s.id)).toEqual(['tls', 'reach', 'auth', 'path', 'rtt']);
  });

  it('fails at DNS for a name that does not resolve, naming the record to create', async () => {
    const r = await check('https://scim.example.invalid', { lookup: async () => ({ ok: false, error: 'ENOTFOUND' }) });
    expect(byId(r).dns).toMatchObject({ ok: false, detail: 'scim.example.invalid does not resolve: ENOTFOUND.' });
    expect(byId(r).dns?.fix?.text).toMatch(/DNS record for scim\.example\.invalid/);
    expect(byId(r).tls?.skipped).toBe(true);
  });

  it('refuses plain HTTP to a public name but still checks the route', async () => {
    const port = await listen((_req, res) => res.writeHead(404).end());
    const r = await check(`http://scim.example.test:${port}`, { lookup: async () => ({ ok: true, addresses: ['127.0.0.1'] }) });
    expect(byId(r).tls).toMatchObject({ ok: false, detail: 'Plain HTTP: Entra ID and Okta call only https:// URLs.' });
    // The route is still checked (through the same resolver: this connects to 127.0.0.1).
    expect(byId(r).reach).toMatchObject({ ok: false, skipped: false });
    expect(byId(r).reach?.detail).toMatch(/answered HTTP 404/);
  });

  it('fails at "reach" when something else answers, with the route to the SCIM listener', async () => {
    const port = await listen((_req, res) => res.writeHead(404, { Server: 'nginx/1.22.1' }).end('<html>not found</html>'));
    const r = await check(`http://127.0.0.1:${port}`);
    expect(byId(r).tls?.ok).toBe(true); // plain HTTP on loopback is accepted for tests
    expect(byId(r).reach).toMatchObject({ ok: false });
    expect(byId(r).reach?.detail).toMatch(/answered HTTP 404 through nginx\/1\.22\.1, but not with this SCIM Desk's one-time nonce/);
    expect(byId(r).reach?.fix).toMatchObject({ configFor: 'nginx' });
    expect(byId(r).reach?.fix?.config).toContain('proxy_pass http://127.0.0.1:8080;');
    expect([byId(r).auth?.skipped, byId(r).path?.skipped]).toEqual([true, true]);
    expect(byId(r).rtt?.ok).toBe(true);
  });

  it('says the proxy cannot reach SCIM Desk on a 502, in Caddy terms behind Caddy', async () => {
    const port = await listen((_req, res) => res.writeHead(502, { Server: 'Caddy' }).end());
    const r = await check(`http://localhost:${port}/idp`, { lookup: async () => ({ ok: true, addresses: ['127.0.0.1'] }) });
    expect(r.url).toBe(`http://localhost:${port}/idp/scim/v2`);
    expect(byId(r).reach?.fix?.text).toMatch(/cannot reach SCIM Desk/);
    expect(byId(r).reach?.fix).toMatchObject({ configFor: 'caddy' });
    expect(byId(r).reach?.fix?.config).toContain('handle /idp/scim/v2/* {');
  });
});
