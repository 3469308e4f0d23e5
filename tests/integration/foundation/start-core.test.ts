import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import pino from 'pino';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { tempDir } from '../../helpers/temp-dir.js';

const KEY = 'foundation-key-0123456789abcdef';
let running: RunningCore | undefined;
let cleanup: (() => void) | undefined;

async function start(extra: Record<string, unknown> = {}): Promise<RunningCore> {
  const t = tempDir();
  cleanup = t.cleanup;
  const config = AppConfigSchema.parse({ dataDir: t.dir, scimPort: 0, adminPort: 0, ...extra });
  running = await startCore(config, { logger: pino({ level: 'silent' }) });
  return running;
}

afterEach(async () => {
  await running?.close();
  running = undefined;
  cleanup?.();
});

describe('start-core', () => {
  it('serves ServiceProviderConfig only with the connector key (401 SCIM error without)', async () => {
    const core = await start({ connectorKey: KEY });
    const ok = await fetch(`${core.scimUrl}/ServiceProviderConfig`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('application/scim+json');
    expect(((await ok.json()) as { patch: { supported: boolean } }).patch.supported).toBe(true);

    const no = await fetch(`${core.scimUrl}/ServiceProviderConfig`);
    expect(no.status).toBe(401);
    expect(no.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await no.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
  });

  it('does not route the admin API on the SCIM listener, even with crafted paths', async () => {
    const core = await start({ connectorKey: KEY });
    const origin = new URL(core.scimUrl).origin;
    for (const path of ['/api/health', '/scim/v2/../api/health', '/scim/v2/%2e%2e/api/health', '/scim/v2/..%2fapi/health']) {
      const res = await fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${core.adminToken}` } });
      expect([401, 404], path).toContain(res.status);
      expect(await res.text()).not.toContain('scimEnabled');
    }
    const admin = await fetch(`${core.adminUrl}/api/health`, { headers: { Authorization: `Bearer ${core.adminToken}` } });
    expect(admin.status).toBe(200);
  });

  it('answers 403 with a SCIM error while SCIM is disabled, even with a valid key', async () => {
    const core = await start({ connectorKey: KEY });
    core.core.settings.update({ scimEnabled: false });
    const res = await fetch(`${core.scimUrl}/Users`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/turned off/);
  });

  it('keeps the data dir and token owner-only, and the admin API needs the token', async () => {
    const core = await start();
    if (process.platform !== 'win32') expect(statSync(core.dataDir).mode & 0o777).toBe(0o700);
    const res = await fetch(`${core.adminUrl}/api/health`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});
