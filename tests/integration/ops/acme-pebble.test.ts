import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import type { TlsStatus } from '../../../shared/api/tls.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { makeTestCa } from '../../helpers/test-ca.js';
import type { TestCa } from '../../helpers/test-ca.js';
import { freePort } from '../../helpers/net.js';
import { PEBBLE, startPebble } from '../../helpers/pebble.js';
import type { RunningPebble } from '../../helpers/pebble.js';
import { CONNECTOR_KEY, startServe } from './serve.js';
import type { Served } from './serve.js';

/**
 * Automatic TLS (issue #17 item 3) end to end: the built `serve` against Debian's pebble ACME
 * server, both on loopback, with real HTTP-01 validation of `localhost` on the challenge port.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  readonly dir: string;
  readonly ca: TestCa;
  readonly httpPort: number;
  readonly pebble: RunningPebble;
}

async function setUp(validitySeconds?: number): Promise<Setup> {
  const t = tempDir('scimdesk-acme-');
  cleanups.push(t.cleanup);
  const ca = makeTestCa(t.dir);
  const httpPort = await freePort();
  const pebble = await startPebble(t.dir, ca, { httpPort, ...(validitySeconds === undefined ? {} : { validitySeconds }) });
  cleanups.push(() => pebble.stop());
  return { dir: t.dir, ca, httpPort, pebble };
}

async function serveAcme(s: Setup, directory = s.pebble.directory, extra: string[] = []): Promise<Served> {
  const args = ['--acme-domain', 'localhost', '--acme-email', 'it@example.test', '--acme-directory', directory, '--acme-ca-file', s.ca.caCert, '--acme-http-port', String(s.httpPort), ...extra];
  const served = await startServe(join(s.dir, 'data'), args);
  cleanups.push(() => served.stop());
  return served;
}

const tlsStatus = async (served: Served): Promise<TlsStatus> => (await served.api<TlsStatus>('GET', '/api/tls')).body;

/** Poll the TLS status until `done` holds (bounded: the test fails with the last status). */
async function waitForTls(served: Served, done: (s: TlsStatus) => boolean, timeoutMs = 20_000): Promise<TlsStatus> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await tlsStatus(served);
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`TLS status did not get there in ${timeoutMs / 1000} s: ${JSON.stringify(s)}\n${served.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The certificate the SCIM listener presents to a client asking for `localhost`, verified against pebble's root. */
function presented(port: number, root: string): Promise<{ authorized: boolean; serial: string; names: string }> {
  return new Promise((ok, fail) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ca: root, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      ok({ authorized: socket.authorized, serial: cert.serialNumber, names: cert.subjectaltname ?? '' });
      socket.end();
    });
    socket.on('error', fail);
  });
}

const portOf = (url: string): number => Number(new URL(url).port);
const METRICS_TOKEN = 'acme-metrics-token-0123456789';

describe.skipIf(PEBBLE === undefined)(`automatic TLS against pebble${PEBBLE === undefined ? ' (SKIPPED: pebble is not installed; apt-get install -y pebble)' : ''}`, () => {
  it('obtains a certificate by HTTP-01, serves SCIM over HTTPS with it, and keeps it in the data folder (0600)', async () => {
    const s = await setUp();
    const served = await serveAcme(s);
    expect(served.scimUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    const status = await waitForTls(served, (x) => x.acme?.state === 'valid');
    expect(status).toMatchObject({ mode: 'acme', restartRequired: false, acme: { source: 'options', domain: 'localhost', directory: s.pebble.directory, consecutiveFailures: 0, lastFailure: null } });
    expect(status.certificate?.names).toEqual(['localhost']);
    expect(Date.parse(status.acme?.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() + 86_400_000); // pebble's default: years

    const root = await s.pebble.root();
    const seen = await presented(portOf(served.scimUrl), root);
    expect(seen).toMatchObject({ authorized: true, names: 'DNS:localhost', serial: status.certificate?.serial.toUpperCase() });
    const scim = await new Promise<number>((ok, fail) => {
      const req = httpsRequest(`${served.scimUrl.replace('127.0.0.1', 'localhost')}/ServiceProviderConfig`, { ca: root, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]), headers: { Authorization: `Bearer ${CONNECTOR_KEY}` } }, (res) => {
        res.resume();
        ok(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end();
    });
    expect(scim).toBe(200);

    const acmeDir = join(s.dir, 'data', 'acme');
    expect(statSync(acmeDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(acmeDir).sort()).toEqual(['account-key.pem', 'localhost.crt.pem', 'localhost.key.pem']);
    for (const f of readdirSync(acmeDir)) expect(statSync(join(acmeDir, f)).mode & 0o777, f).toBe(0o600);
    expect(served.output()).toMatch(/ACME certificate installed/);

    // A restart serves the stored certificate from the first connection, without asking the CA.
    await served.stop();
    await s.pebble.stop();
    const again = await serveAcme(s);
    const restarted = await tlsStatus(again);
    expect(restarted.acme).toMatchObject({ state: 'valid', lastFailure: null, lastSuccessAt: null });
    expect(restarted.certificate?.serial).toBe(status.certificate?.serial);
    expect((await presented(portOf(again.scimUrl), root)).serial).toBe(seen.serial);
  });

  it('answers only the challenge path and /ping on the ACME HTTP port', async () => {
    const s = await setUp();
    const served = await serveAcme(s);
    await waitForTls(served, (x) => x.acme?.state === 'valid');
    const base = `http://127.0.0.1:${s.httpPort}`;
    const ping = await fetch(`${base}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toMatchObject({ status: 'ok' });
    for (const path of ['/', '/scim/v2/Users', '/api/settings', '/metrics', '/.well-known/acme-challenge/unknown-token', '/.well-known/acme-challenge/../ping']) {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${CONNECTOR_KEY}` } });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('');
    }
    expect((await fetch(`${base}/ping`, { method: 'POST' })).status).toBe(404);
  });

  it('renews a short-lived certificate before expiry and hot-swaps it without dropping a kept-alive connection; then keeps it when renewal fails', async () => {
    // 9 s certificates: renewal two thirds in, about 6 s after issuance (the 30-day margin is capped to a third of the lifetime).
    const s = await setUp(9);
    const served = await serveAcme(s, s.pebble.directory, ['--metrics-token', METRICS_TOKEN]);
    const first = await waitForTls(served, (x) => x.acme?.state === 'valid');
    const root = await s.pebble.root();
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: root, servername: 'localhost' });
    cleanups.push(() => agent.destroy());
    const ping = () =>
      new Promise<{ status: number; reused: boolean }>((ok, fail) => {
        const req = httpsRequest({ host: '127.0.0.1', port: portOf(served.scimUrl), path: '/ping', agent, servername: 'localhost' }, (res) => {
          res.resume();
          res.on('end', () => ok({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', fail);
        req.end();
      });
    expect(await ping()).toEqual({ status: 200, reused: false });

    const renewed = await waitForTls(served, (x) => x.certificate !== null && x.certificate.serial !== first.certificate?.serial && x.acme?.state === 'valid');
    expect(Date.parse(renewed.certificate?.notAfter ?? '')).toBeGreaterThan(Date.parse(first.certificate?.notAfter ?? ''));
    expect(Date.parse(renewed.acme?.lastSuccessAt ?? '')).toBeGreaterThan(Date.parse(first.acme?.lastSuccessAt ?? ''));
    // The connection opened before the swap still works; a new one gets the new certificate.
    expect(await ping()).toEqual({ status: 200, reused: true });
    expect((await presented(portOf(served.scimUrl), root)).serial).toBe(renewed.certificate?.serial.toUpperCase());

    // The CA goes away: the next renewal fails, the renewed certificate stays in service, and why is said.
    await s.pebble.stop();
    const failed = await waitForTls(served, (x) => x.acme?.state === 'failed');
    expect(failed.certificate?.serial).toBe(renewed.certificate?.serial);
    expect(failed.acme?.lastFailure?.message).toMatch(/^Cannot reach the ACME directory https:\/\/127\.0\.0\.1:\d+\/dir: ECONNREFUSED/);
    expect(failed.acme?.consecutiveFailures).toBe(1);
    expect(failed.acme?.nextAttemptAt).not.toBeNull();
    expect((await presented(portOf(served.scimUrl), root)).serial).toBe(renewed.certificate?.serial.toUpperCase());
    expect(served.output()).toMatch(/ACME renewal failed; keeping the current certificate/);
    const metrics = await new Promise<string>((ok, fail) => {
      const req = httpsRequest({ host: '127.0.0.1', port: portOf(served.scimUrl), path: '/metrics', ca: root, servername: 'localhost', headers: { Authorization: `Bearer ${METRICS_TOKEN}` } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => ok(body));
      });
      req.on('error', fail);
      req.end();
    });
    expect(metrics).toMatch(/^scimdesk_acme_consecutive_failures\{domain="localhost"\} 1$/m);
    expect(metrics).toContain(`scimdesk_tls_certificate_expiry_timestamp_seconds{mode="acme"} ${Date.parse(renewed.certificate?.notAfter ?? '') / 1000}`);
  }, 60_000);

  it('starts with an unreachable directory and says why in the log, GET /api/tls and the metrics', async () => {
    const s = await setUp();
    const closed = await freePort();
    const served = await serveAcme(s, `https://127.0.0.1:${closed}/dir`);
    const status = await waitForTls(served, (x) => x.acme?.state === 'failed');
    expect(status.certificate).toBeNull();
    expect(status.acme?.lastFailure?.message).toBe(
      `Cannot reach the ACME directory https://127.0.0.1:${closed}/dir: ECONNREFUSED (nothing accepts connections there: check the directory URL, or whether the ACME server runs)`,
    );
    expect(status.acme?.consecutiveFailures).toBe(1);
    expect(Date.parse(status.acme?.nextAttemptAt ?? '')).toBeGreaterThan(Date.now());
    expect(served.output()).toMatch(/ACME first certificate failed; the SCIM listener has no certificate yet/);
    // The SCIM listener has no certificate to serve yet; the challenge port still answers /ping.
    expect((await fetch(`http://127.0.0.1:${s.httpPort}/ping`)).status).toBe(200);
  });
});
