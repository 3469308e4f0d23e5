import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/node/options.js';
import { acmeRunOf } from '../../../main/node/tls/scim-tls.js';
import { renewalTime } from '../../../main/node/tls/certificate.js';
import { DEFAULT_ACME_SETTINGS, LETS_ENCRYPT_DIRECTORY } from '../../../shared/api/tls.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseConfig(argv, env, '/data');
const DAY = 86_400_000;

describe('automatic TLS options', () => {
  it('takes domain and email (flags or environment), with Let’s Encrypt, port 80 and 30 days as defaults', () => {
    const c = parse(['--acme-domain', 'scim.example.com', '--acme-email', 'it@example.com']);
    expect(acmeRunOf(c, DEFAULT_ACME_SETTINGS)).toEqual({
      source: 'options',
      domain: 'scim.example.com',
      email: 'it@example.com',
      directory: LETS_ENCRYPT_DIRECTORY,
      caFile: undefined,
      httpPort: 80,
      renewBeforeMs: 30 * DAY,
    });
    const e = parse([], { SCIMDESK_ACME_DOMAIN: 'scim.example.com', SCIMDESK_ACME_EMAIL: 'it@example.com', SCIMDESK_ACME_HTTP_PORT: '8088', SCIMDESK_ACME_RENEW_DAYS: '0.5' });
    expect(acmeRunOf(e, DEFAULT_ACME_SETTINGS)).toMatchObject({ httpPort: 8088, renewBeforeMs: 0.5 * DAY });
  });

  it('refuses combinations that would be silently ignored or contradict each other', () => {
    expect(() => parse(['--acme-domain', 'scim.example.com'])).toThrow(/--acme-email: automatic TLS needs --acme-email with --acme-domain/);
    expect(() => parse(['--acme-email', 'it@example.com'])).toThrow(/--acme-email: needs --acme-domain/);
    expect(() => parse(['--acme-domain', 'scim.example.com', '--acme-email', 'it@example.com', '--tls-cert', 'c', '--tls-key', 'k'])).toThrow(/either automatic TLS .* or certificate files/);
    expect(() => parse(['--acme-domain', 'not a host', '--acme-email', 'it@example.com'])).toThrow(/--acme-domain: expected a host name/);
    expect(() => parse(['--acme-renew-days', '0'])).toThrow(/--acme-renew-days: expected a positive number/);
  });

  it('uses Setup when no --acme-domain is given, and certificate files over Setup', () => {
    const saved = { domain: 'scim.example.com', email: 'it@example.com', directory: '', caFile: '', httpPort: 80 };
    expect(acmeRunOf(parse([]), saved)).toMatchObject({ source: 'settings', directory: LETS_ENCRYPT_DIRECTORY, caFile: undefined });
    expect(acmeRunOf(parse([]), DEFAULT_ACME_SETTINGS)).toBeUndefined();
    expect(acmeRunOf(parse(['--tls-cert', 'c', '--tls-key', 'k']), saved)).toBeUndefined();
    expect(acmeRunOf(parse(['--acme-domain', 'other.example.com', '--acme-email', 'a@example.com']), saved)).toMatchObject({ source: 'options', domain: 'other.example.com' });
  });
});

describe('renewalTime', () => {
  const cert = (days: number) => ({ notBefore: '2026-01-01T00:00:00.000Z', notAfter: new Date(Date.parse('2026-01-01T00:00:00.000Z') + days * DAY).toISOString() });
  it('renews 30 days before expiry for a 90-day certificate, or as configured', () => {
    expect(renewalTime(cert(90), 30 * DAY).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(renewalTime(cert(90), 10 * DAY).toISOString()).toBe('2026-03-22T00:00:00.000Z');
  });
  it('never renews earlier than two thirds into a short lifetime (6-day certificates, test certificates)', () => {
    expect(renewalTime(cert(6), 30 * DAY).toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });
});
