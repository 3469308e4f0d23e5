import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { SelfCheckResult, SelfCheckStep, SelfCheckStepId } from '../../../shared/api/ops.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { makeTestCa } from '../../helpers/test-ca.js';
import { freePort } from '../../helpers/net.js';
import { NGINX, startNginx } from '../../helpers/nginx.js';
import type { RunningNginx } from '../../helpers/nginx.js';
import { startServe } from './serve.js';
import type { Served } from './serve.js';

/**
 * "Test from outside" (issue #17 item 4) through a real nginx (Debian package) on loopback, in
 * front of the real `serve`: a correct configuration passes every step; a proxy that drops the
 * Authorization header, one that maps the wrong path, and a self-signed certificate each fail at
 * their own step, with their own fix. The box trusts the test CA the way an admin with a private
 * CA would: NODE_EXTRA_CA_CERTS.
 */

const t = tempDir('scimdesk-selfcheck-');
let caCert = '';
let served: Served;
let nginx: RunningNginx;
const port: Record<'good' | 'noAuth' | 'wrongPath' | 'selfSigned', number> = { good: 0, noAuth: 0, wrongPath: 0, selfSigned: 0 };

function server(listen: number, cert: { cert: string; key: string }, body: string): string {
  return `  server {
    listen 127.0.0.1:${listen} ssl;
    server_name 127.0.0.1;
    ssl_certificate ${cert.cert};
    ssl_certificate_key ${cert.key};
    ssl_protocols TLSv1.2 TLSv1.3;
${body}
  }
`;
}

beforeAll(async () => {
  if (NGINX === undefined) return;
  const ca = makeTestCa(t.dir);
  caCert = ca.caCert;
  const trusted = ca.issue('proxy', ['127.0.0.1']);
  const selfSigned = ca.selfSigned('self-signed', ['127.0.0.1']);
  served = await startServe(`${t.dir}/data`, [], { NODE_EXTRA_CA_CERTS: ca.caCert });
  const upstream = new URL(served.scimUrl).origin;
  for (const k of Object.keys(port) as Array<keyof typeof port>) port[k] = await freePort();
  const good = `    location /scim/v2/ {\n      proxy_pass ${upstream};\n      proxy_set_header Host $host;\n    }\n    location = /ping { proxy_pass ${upstream}; }`;
  const servers = [
    server(port.good, trusted, good),
    // Someone "hardened" the proxy: the header never reaches SCIM Desk.
    server(port.noAuth, trusted, `    location /scim/v2/ {\n      proxy_pass ${upstream};\n      proxy_set_header Authorization "";\n    }`),
    // A URI after the upstream replaces the location's prefix: /scim/v2/Users arrives as /v2/Users.
    server(port.wrongPath, trusted, `    location /scim/ {\n      proxy_pass ${upstream}/;\n    }`),
    server(port.selfSigned, selfSigned, good),
  ];
  nginx = await startNginx(`${t.dir}/nginx`, servers.join(''), Object.values(port));
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await served?.stop();
  t.cleanup();
});

async function selfCheck(publicBaseUrl: string): Promise<SelfCheckResult> {
  expect((await served.api('PUT', '/api/settings', { publicBaseUrl })).status).toBe(200);
  const res = await served.api<SelfCheckResult>('POST', '/api/selfcheck');
  expect(res.status).toBe(200);
  return res.body;
}

const step = (r: SelfCheckResult, id: SelfCheckStepId): SelfCheckStep => {
  const s = r.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
/** GET over HTTPS trusting the test CA (this test process, unlike `serve`, has no NODE_EXTRA_CA_CERTS). */
function getPing(url: string): Promise<unknown> {
  return new Promise((ok, fail) => {
    httpsGet(url, { ca: readFileSync(caCert), agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok(JSON.parse(body)));
    }).on('error', fail);
  });
}

const failed = (r: SelfCheckResult): SelfCheckStepId[] => r.steps.filter((s) => !s.ok).map((s) => s.id);

describe.skipIf(NGINX === undefined)(`self-check through nginx${NGINX === undefined ? ' (SKIPPED: nginx is not installed; apt-get install -y nginx)' : ''}`, () => {
  it('passes every step through a correct configuration', async () => {
    const r = await selfCheck(`https://127.0.0.1:${port.good}`);
    expect(r.steps.map((s) => s.id)).toEqual(['dns', 'tls', 'reach', 'auth', 'path', 'rtt']);
    expect(failed(r), JSON.stringify(r, null, 2)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.url).toBe(`https://127.0.0.1:${port.good}/scim/v2`);
    expect(step(r, 'tls').detail).toMatch(/TLSv1\.[23].*days left/);
    expect(step(r, 'reach').detail).toMatch(/through nginx/);
    expect(step(r, 'rtt').detail).toMatch(/^\d+ ms/);
    // /ping is published too, for uptime monitors.
    expect(await getPing(`https://127.0.0.1:${port.good}/ping`)).toMatchObject({ status: 'ok' });
  });

  it('fails at "auth" when the proxy drops the Authorization header, naming proxy_set_header', async () => {
    const r = await selfCheck(`https://127.0.0.1:${port.noAuth}`);
    expect(failed(r)).toEqual(['auth']);
    expect(r.ok).toBe(false);
    const auth = step(r, 'auth');
    expect(auth.detail).toMatch(/did not arrive/);
    expect(auth.fix?.text).toMatch(/drops the Authorization header/);
    expect(auth.fix).toMatchObject({ configFor: 'nginx', config: 'proxy_set_header Authorization $http_authorization;' });
  });

  it('fails at "path" when the proxy maps /scim/v2 elsewhere, with the location block that fixes it', async () => {
    const r = await selfCheck(`https://127.0.0.1:${port.wrongPath}`);
    expect(failed(r)).toEqual(['path']);
    const path = step(r, 'path');
    expect(path.detail).toBe('/scim/v2/… arrives as /v2….');
    expect(path.fix?.text).toMatch(/proxy_pass replaces the location's prefix/);
    expect(path.fix?.config).toContain('location /scim/v2/ {');
    expect(path.fix?.config).toContain(`proxy_pass ${new URL(served.scimUrl).origin};`);
  });

  it('fails at "tls" for a self-signed certificate, and still checks the rest', async () => {
    const r = await selfCheck(`https://127.0.0.1:${port.selfSigned}`);
    expect(failed(r)).toEqual(['tls']);
    const tls = step(r, 'tls');
    expect(tls.detail).toMatch(/not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(tls.fix?.text).toMatch(/publicly trusted CA, never self-signed/);
    expect(tls.fix?.config).toMatch(/ssl_certificate +\/etc\/letsencrypt\/live\/127\.0\.0\.1\/fullchain\.pem;/);
  });

  it('says what is wrong when nothing listens at the public URL, and skips what it cannot check', async () => {
    const r = await selfCheck(`https://127.0.0.1:${await freePort()}`);
    expect(step(r, 'tls')).toMatchObject({ ok: false, skipped: false });
    expect(step(r, 'tls').detail).toMatch(/ECONNREFUSED/);
    expect(step(r, 'tls').fix?.text).toMatch(/Nothing accepts connections/);
    for (const id of ['reach', 'auth', 'path', 'rtt'] as const) expect(step(r, id)).toMatchObject({ ok: false, skipped: true });
  });

  it('never writes the checks to the provisioning log', async () => {
    const log = await served.api<{ rows: Array<{ path: string }> }>('GET', '/api/log?limit=500');
    expect(log.body.rows.filter((row) => row.path.includes('_selfcheck'))).toEqual([]);
  });
});
