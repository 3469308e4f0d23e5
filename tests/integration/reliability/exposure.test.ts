import { afterEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { TEST_KEY } from '../../helpers/make-app.js';
import { scimHarness } from './harness.js';
import type { Harness } from './harness.js';

/**
 * Exposure (issue #8): security headers on both listeners, no admin route reachable through the SCIM
 * port however the path is spelled, owner-only files, and the client address taken from
 * X-Forwarded-For only behind a configured proxy.
 */

const KEY = 'exposure-key-0123456789abcdef0123';
let running: RunningCore | undefined;
let h: Harness | undefined;
const cleanups: Array<() => void> = [];

afterEach(async () => {
  await running?.close();
  running = undefined;
  h?.close();
  h = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function start(dataDir?: string): Promise<RunningCore> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const config = AppConfigSchema.parse({ dataDir: dataDir ?? t.dir, scimPort: 0, adminPort: 0, connectorKey: KEY, rendererDir: join(t.dir, 'no-renderer') });
  running = await startCore(config, { logger: pino({ level: 'silent' }) });
  return running;
}

/** GET exactly this path (fetch would normalise `..` and `%2e` before sending). */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(origin);
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

const SECURITY_HEADERS = ['x-content-type-options', 'x-frame-options', 'content-security-policy', 'referrer-policy', 'strict-transport-security', 'cross-origin-opener-policy'];

describe('listeners', () => {
  it('send helmet security headers on both listeners, on success and on errors', async () => {
    const core = await start();
    const responses = [
      await fetch(`${core.scimUrl}/ServiceProviderConfig`, { headers: { Authorization: `Bearer ${KEY}` } }),
      await fetch(`${core.scimUrl}/Users`),
      await fetch(`${new URL(core.scimUrl).origin}/nope`),
      await fetch(`${core.adminUrl}/api/health`, { headers: { Authorization: `Bearer ${core.adminToken}` } }),
      await fetch(`${core.adminUrl}/api/health`),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 200, 401]);
    for (const res of responses) {
      for (const name of SECURITY_HEADERS) expect(res.headers.get(name), `${res.url} ${name}`).toBeTruthy();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // The SCIM API is JSON only: its policy allows nothing to load or frame it.
    for (const res of responses.slice(0, 3)) expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('never route the admin API on the SCIM port, however the path is spelled', async () => {
    const core = await start();
    const origin = new URL(core.scimUrl).origin;
    const paths = [
      '/api/health',
      '/API/health',
      '//api/health',
      '/scim/v2/../api/health',
      '/scim/v2/../../api/health',
      '/scim/v2/%2e%2e/api/health',
      '/scim/v2/%2E%2E%2Fapi%2Fhealth',
      '/scim/v2/..%2fapi/health',
      '/scim/v2/..%5capi/health',
      '/scim/v2/..;/api/health',
      '/scim/v2/Users/../../../api/health',
      '/scim/v2/%252e%252e/api/health',
      '/scim/v2/./api/health',
      '/scim/v2/api/health',
      '/scim/v2/api/settings',
      'http://127.0.0.1/api/health',
    ];
    for (const path of paths) {
      for (const auth of [core.adminToken, KEY]) {
        const res = await rawGet(origin, path, { Authorization: `Bearer ${auth}` });
        expect([400, 401, 404], `${path} → ${res.status}`).toContain(res.status);
        expect(res.body).not.toMatch(/scimEnabled|"version"|"ok"/);
      }
    }
  });
});

describe('file permissions', () => {
  it.skipIf(process.platform === 'win32')('creates the data dir 0700 and the database, its -wal/-shm and the admin token 0600', async () => {
    const core = await start();
    expect(statSync(core.dataDir).mode & 0o777).toBe(0o700);
    await fetch(`${core.scimUrl}/Users`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ userName: 'perm@example.com' }) });
    for (const f of [core.dbFile, `${core.dbFile}-wal`, `${core.dbFile}-shm`, join(core.dataDir, 'admin-token')]) {
      expect(existsSync(f), f).toBe(true);
      expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
    }
  });

  it.skipIf(process.platform === 'win32')('tightens a data dir, database and token left world-readable (an old install or a hand restore)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'data');
    mkdirSync(dir, { mode: 0o755 });
    const first = await start(dir);
    await first.close();
    running = undefined;
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'scim-desk.db'), 0o644);
    writeFileSync(join(dir, 'admin-token'), 'an-existing-admin-token-0123456789\n', { mode: 0o644 });
    chmodSync(join(dir, 'admin-token'), 0o644);
    const core = await start(dir);
    expect(core.adminToken).toBe('an-existing-admin-token-0123456789');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(core.dbFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('writes a new admin token 0600 over an invalid one left 0644, atomically', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'data');
    mkdirSync(dir, { mode: 0o700 });
    const file = join(dir, 'admin-token');
    writeFileSync(file, 'short\n', { mode: 0o644 }); // under 16 characters: not a usable token
    chmodSync(file, 0o644);
    const core = await start(dir);
    expect(core.adminToken).not.toBe('short');
    expect(core.adminToken.length).toBeGreaterThanOrEqual(16);
    expect(readFileSync(file, 'utf8')).toBe(`${core.adminToken}\n`);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    // The temp file it went through was renamed away, not left beside the token.
    expect(readdirSync(dir).filter((f) => f.startsWith('admin-token'))).toEqual(['admin-token']);
  });
});

describe('client address in the provisioning log', () => {
  const addressesOf = (hh: Harness): Array<string | null> => {
    hh.core.log.flush();
    return hh.core.db.prepare('SELECT client_address FROM provisioning_log ORDER BY id').pluck().all() as Array<string | null>;
  };

  it('ignores X-Forwarded-For when no proxy is configured', async () => {
    h = scimHarness({ trustProxy: 0 });
    await request(h.scim).get('/scim/v2/ServiceProviderConfig').set('Authorization', `Bearer ${TEST_KEY}`).set('X-Forwarded-For', '203.0.113.9');
    await request(h.scim).get('/scim/v2/Users').set('X-Forwarded-For', '203.0.113.9');
    const addresses = addressesOf(h);
    expect(addresses).toHaveLength(2);
    for (const a of addresses) expect(a).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('takes the client from X-Forwarded-For, by hop count, when a proxy is configured', async () => {
    h = scimHarness({ trustProxy: 1 });
    // Hop count 1: the right-most address, added by our proxy; a client-supplied left part is not believed.
    await request(h.scim).get('/scim/v2/ServiceProviderConfig').set('Authorization', `Bearer ${TEST_KEY}`).set('X-Forwarded-For', '10.9.9.9, 203.0.113.9');
    await request(h.scim).get('/scim/v2/Users').set('X-Forwarded-For', '198.51.100.4');
    expect(addressesOf(h)).toEqual(['203.0.113.9', '198.51.100.4']);
  });

  // Rows written by the users service (creates, updates) take the address from the request context.
  it('records the forwarded address on write rows too', async () => {
    h = scimHarness({ trustProxy: 1 });
    const res = await request(h.scim).post('/scim/v2/Users').set('Authorization', `Bearer ${TEST_KEY}`).set('X-Forwarded-For', '203.0.113.10').send({ userName: 'addr@example.com' });
    expect(res.status).toBe(201);
    expect(addressesOf(h)).toEqual(['203.0.113.10']);
  });
});
