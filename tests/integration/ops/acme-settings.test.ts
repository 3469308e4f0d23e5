import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { AppConfigSchema } from '../../../main/core/config.js';
import { createAdminApp } from '../../../main/http/create-admin-app.js';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import type { TlsStatus } from '../../../shared/api/tls.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { freePort } from '../../helpers/net.js';

/** Automatic TLS set in Setup (PUT /api/settings `acme`): validated, stored, applied at the next start. */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir: string): Promise<RunningCore> {
  const config = AppConfigSchema.parse({ dataDir, scimPort: 0, adminPort: 0, rendererDir: join(dataDir, 'none') });
  const core = await startCore(config, { logger: pino({ level: 'silent' }) });
  cleanups.push(() => core.close());
  return core;
}
const api = (core: RunningCore) => {
  const app = createAdminApp({ admin: core.core.admin, adminToken: core.adminToken, logger: pino({ level: 'silent' }), rendererDir: '/none' });
  const auth = <T extends request.Test>(r: T): T => r.set('Host', '127.0.0.1').set('Authorization', `Bearer ${core.adminToken}`) as T;
  return { get: (p: string) => auth(request(app).get(p)), put: (p: string, body: object) => auth(request(app).put(p)).send(body) };
};

describe('automatic TLS in Setup', () => {
  it('refuses a domain without an email, naming the field', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core = await start(t.dir);
    const res = await api(core).put('/api/settings', { acme: { domain: 'scim.example.com', email: '', directory: '', caFile: '', httpPort: 80 } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'acme.email', message: 'ACME needs an email address with the domain' }]);
  });

  it('says a restart is needed, then runs ACME from Setup at the next start (and reports an unreachable CA)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = await start(t.dir);
    expect((await api(first).get('/api/tls')).body).toEqual({ mode: 'off', certificate: null, acme: null, restartRequired: false });
    const [closed, httpPort] = [await freePort(), await freePort()];
    const acme = { domain: 'localhost', email: 'it@example.test', directory: `https://127.0.0.1:${closed}/dir`, caFile: '', httpPort };
    expect((await api(first).put('/api/settings', { acme })).status).toBe(200);
    expect((await api(first).get('/api/settings')).body.acme).toEqual(acme);
    expect((await api(first).get('/api/tls')).body).toMatchObject({ mode: 'off', restartRequired: true });
    await first.close();

    const second = await start(t.dir);
    expect(second.scimUrl).toMatch(/^https:/);
    let status: TlsStatus = (await api(second).get('/api/tls')).body as TlsStatus;
    for (let i = 0; i < 100 && status.acme?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await api(second).get('/api/tls')).body as TlsStatus;
    }
    expect(status).toMatchObject({ mode: 'acme', restartRequired: false, acme: { source: 'settings', domain: 'localhost', httpPort, state: 'failed' } });
    expect(status.acme?.lastFailure?.message).toMatch(/ECONNREFUSED/);
  });

  it('does not start when the ACME CA file is missing, naming it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const config = AppConfigSchema.parse({ dataDir: t.dir, scimPort: 0, adminPort: 0, acmeDomain: 'localhost', acmeEmail: 'a@example.test', acmeCaFile: join(t.dir, 'missing-ca.pem') });
    await expect(startCore(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/Cannot read the ACME CA file at .*missing-ca\.pem/);
  });
});
