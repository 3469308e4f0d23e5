import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import pino from 'pino';
import { startCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { parseConfig } from '../../../main/node/options.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { requireBuiltServe, spawnServe } from './harness.js';

/**
 * Optional TLS on the SCIM listener (issue #8) for sites that expose it without a proxy:
 * `--tls-cert FILE --tls-key FILE` (or SCIMDESK_TLS_CERT / SCIMDESK_TLS_KEY). The certificate is
 * generated at test time with openssl (present on Debian and in CI).
 */

const KEY = 'tls-key-0123456789abcdef0123456789';
const t = tempDir();
const certFile = join(t.dir, 'cert.pem');
const keyFile = join(t.dir, 'key.pem');

beforeAll(() => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', keyFile, '-out', certFile], {
    stdio: 'ignore',
  });
});
afterAll(() => t.cleanup());

/** GET over HTTPS trusting only our self-signed certificate. */
function getTls(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; protocol: string }> {
  return new Promise((ok, fail) => {
    httpsGet(url, { ca: readFileSync(certFile), headers, agent: false }, (res) => {
      const protocol = (res.socket as TLSSocket).getProtocol() ?? '';
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, protocol }));
    }).on('error', fail);
  });
}

describe('TLS on the SCIM listener', () => {
  it('takes the certificate and key from flags or environment, and needs both', () => {
    expect(parseConfig(['--tls-cert', certFile, '--tls-key', keyFile], {})).toMatchObject({ tlsCert: certFile, tlsKey: keyFile });
    expect(parseConfig([], { SCIMDESK_TLS_CERT: certFile, SCIMDESK_TLS_KEY: keyFile })).toMatchObject({ tlsCert: certFile, tlsKey: keyFile });
    expect(() => parseConfig(['--tls-cert', certFile], {})).toThrow(/--tls-key: TLS needs both --tls-cert and --tls-key/);
    expect(() => parseConfig(['--tls-key', keyFile], {})).toThrow(/--tls-cert: TLS needs both/);
  });

  it('serves SCIM over HTTPS with an https base URL; the admin listener stays plain loopback HTTP', async () => {
    const data = tempDir();
    const config = AppConfigSchema.parse({ dataDir: data.dir, scimPort: 0, adminPort: 0, connectorKey: KEY, tlsCert: certFile, tlsKey: keyFile, rendererDir: join(data.dir, 'x') });
    const core = await startCore(config, { logger: pino({ level: 'silent' }) });
    try {
      expect(core.scimUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      const res = await getTls(`${core.scimUrl}/ServiceProviderConfig`, { Authorization: `Bearer ${KEY}` });
      expect(res.status).toBe(200);
      expect(res.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(JSON.parse(res.body)).toMatchObject({ patch: { supported: true } });
      // Plain HTTP to the TLS port gets no SCIM answer.
      await expect(fetch(core.scimUrl.replace('https:', 'http:') + '/ServiceProviderConfig')).rejects.toThrow();
      expect(core.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    } finally {
      await core.close();
      data.cleanup();
    }
  });

  it('refuses to start with a readable error when the key file is missing', async () => {
    const data = tempDir();
    try {
      const config = AppConfigSchema.parse({ dataDir: data.dir, scimPort: 0, adminPort: 0, tlsCert: certFile, tlsKey: join(t.dir, 'missing.pem') });
      await expect(startCore(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/Cannot read the TLS private key at .*missing\.pem/);
    } finally {
      data.cleanup();
    }
  });

  it('prints the https SCIM base URL from the built serve', async () => {
    requireBuiltServe();
    const data = tempDir();
    const s = spawnServe(['--data-dir', data.dir, '--scim-port', '0', '--admin-port', '0', '--connector-key', KEY, '--log-level', 'warn', '--tls-cert', certFile, '--tls-key', keyFile]);
    try {
      const url = await s.ready;
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      expect((await getTls(`${url}/ServiceProviderConfig`, { Authorization: `Bearer ${KEY}` })).status).toBe(200);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
      data.cleanup();
    }
  });
});
