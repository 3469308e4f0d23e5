import { describe, it, expect } from 'vitest';
import { AppConfigSchema } from '../../../main/core/config.js';
import { OptionError, parseConfig } from '../../../main/node/options.js';
import { coreOptionEntries, envName, flagSyntax } from '../../../shared/core-options.js';
import { coreOptionsUsage } from '../../../shared/core-options-doc.js';

const parse = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}) => parseConfig(argv, env, '/default/data');
const KEY = 'k'.repeat(20);

describe('the option table', () => {
  it('gives every option a kebab-case flag, its SCIMDESK_ twin, a placeholder and a description', () => {
    for (const [key, o] of coreOptionEntries()) {
      expect(o.flag, key).toMatch(/^--[a-z]+(-[a-z]+)*$/);
      expect(o.env, key).toBe(envName(o.flag));
      expect(o.arg, key).toMatch(o.isSwitch === true ? /^$/ : /^[A-Z]+$/);
      expect(o.description.length, key).toBeGreaterThan(10);
    }
    expect(new Set(coreOptionEntries().map(([, o]) => o.flag)).size).toBe(coreOptionEntries().length);
  });

  it('is the config schema: same keys, same defaults', () => {
    expect(Object.keys(AppConfigSchema.shape)).toEqual(coreOptionEntries().map(([key]) => key));
    expect(parse([])).toEqual({ dataDir: '/default/data', scimHost: '127.0.0.1', scimPort: 8080, scimMaxConnectionsPerAddress: 64, adminHost: '127.0.0.1', adminPort: 8081, adminAllowRemote: false, trustProxy: 0, logLevel: 'info', acmeRenewDays: 30 });
  });

  it('lists every flag with its environment twin in --help', () => {
    const usage = coreOptionsUsage();
    for (const [, o] of coreOptionEntries()) expect(usage).toContain(flagSyntax(o).padEnd(24) + ` ${o.env}`);
  });
});

describe('serve option parsing', () => {
  it('takes both spellings and coerces numbers', () => {
    expect(parse(['--scim-port', '9000', '--admin-port=9001', '--trust-proxy', '2', '--log-level=debug'])).toMatchObject({ scimPort: 9000, adminPort: 9001, trustProxy: 2, logLevel: 'debug' });
  });

  it('reads the environment twin when the flag is absent; the flag wins; empty counts as unset', () => {
    expect(parse([], { SCIMDESK_SCIM_PORT: '7000', SCIMDESK_CONNECTOR_KEY: KEY, SCIMDESK_DATA_DIR: '/env/data' })).toMatchObject({ scimPort: 7000, connectorKey: KEY, dataDir: '/env/data' });
    expect(parse(['--scim-port', '7001'], { SCIMDESK_SCIM_PORT: '7000' }).scimPort).toBe(7001);
    expect(parse([], { SCIMDESK_SCIM_PORT: '', SCIMDESK_DATA_DIR: '' })).toMatchObject({ scimPort: 8080, dataDir: '/default/data' });
  });

  it('lets the last of a repeated flag win', () => {
    expect(parse(['--scim-port', '1', '--scim-port', '2']).scimPort).toBe(2);
  });

  it('refuses an unknown flag, naming it and listing the known ones', () => {
    expect(() => parse(['--scim-prot', '1'])).toThrow(OptionError);
    expect(() => parse(['--scim-prot', '1'])).toThrow(/'--scim-prot'[\s\S]*Known options: --data-dir, .*--tls-key/);
  });

  it('refuses a flag without its value, an empty value and a stray argument', () => {
    expect(() => parse(['--scim-port'])).toThrow(/'--scim-port <value>' argument missing/);
    expect(() => parse(['--scim-port', '--admin-port', '1'])).toThrow(/'--scim-port' argument is ambiguous/);
    expect(() => parse(['--data-dir='])).toThrow(/Option --data-dir needs a value/);
    expect(() => parse(['serve'])).toThrow(/Unexpected argument 'serve'/);
  });

  it('names the flag of a bad value', () => {
    expect(() => parse(['--scim-port', 'http'])).toThrow(/^Invalid --scim-port: expected a number$/);
    expect(() => parse(['--admin-port', '70000'])).toThrow(/^Invalid --admin-port: Too big/);
    expect(() => parse(['--trust-proxy', '1.5'])).toThrow(/^Invalid --trust-proxy: expected a whole number$/);
    expect(() => parse(['--log-level', 'loud'])).toThrow(/^Invalid --log-level: .*"debug"/);
    expect(() => parse(['--scim-port', 'x', '--log-level', 'loud'])).toThrow(/--scim-port: .*; --log-level: /);
  });

  it('names the environment variable when the bad value came from there', () => {
    expect(() => parse([], { SCIMDESK_SCIM_PORT: 'abc' })).toThrow(/^Invalid SCIMDESK_SCIM_PORT \(the twin of --scim-port\): expected a number$/);
  });

  it('never repeats a secret in its error', () => {
    let message = '';
    try {
      parse(['--connector-key', 'short-secret']);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('Invalid --connector-key: must be at least 16 characters');
  });
});
