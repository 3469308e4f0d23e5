import { describe, it, expect } from 'vitest';
import { buildCoreArgs } from '../../../main/electron/core-args.js';
import { parseConfig } from '../../../main/node/options.js';
import { CORE_OPTIONS, coreOptionEntries, type CoreOption, type CoreOptionKey } from '../../../shared/core-options.js';

/**
 * A value for every option of the table, each different from its default. Typed over every key:
 * an option added to the table without a value here does not compile.
 */
const EVERY_OPTION: { readonly [K in CoreOptionKey]: string } = {
  dataDir: '/srv/scim desk',
  scimHost: '0.0.0.0',
  scimPort: '9000',
  scimMaxConnectionsPerAddress: '8',
  adminHost: '127.0.0.2',
  adminPort: '9001',
  adminAllowRemote: 'true',
  connectorKey: 'connector-key-0123456789',
  adminToken: 'admin-token-0123456789',
  metricsToken: 'metrics-token-0123456789',
  rendererDir: '/opt/scim-desk/renderer',
  trustProxy: '2',
  logLevel: 'debug',
  tlsCert: '/etc/scim-desk/cert.pem',
  tlsKey: '/etc/scim-desk/key.pem',
  acmeDomain: 'scim.example.com',
  acmeEmail: 'it@example.com',
  acmeDirectory: 'https://acme.example.com/directory',
  acmeCaFile: '/etc/scim-desk/acme-ca.pem',
  acmeHttpPort: '8088',
  acmeRenewDays: '20',
};

/** Certificate files and automatic TLS exclude each other: every option is checked in one of two compatible sets. */
const COMPATIBLE_SETS: ReadonlyArray<ReadonlyArray<CoreOptionKey>> = [
  coreOptionEntries().map(([key]) => key).filter((key) => !key.startsWith('acme') || key === 'acmeRenewDays'),
  coreOptionEntries().map(([key]) => key).filter((key) => !key.startsWith('tls')),
];

/** Electron's argv around the core's flags: the app path, Chromium switches, our --hidden. */
const isSwitch = (key: CoreOptionKey): boolean => (CORE_OPTIONS[key] as CoreOption).isSwitch === true;

function desktopArgv(keys: ReadonlyArray<CoreOptionKey>): string[] {
  const flags = keys.flatMap((key, i) => {
    const { flag } = CORE_OPTIONS[key];
    if (isSwitch(key)) return [flag]; // a switch takes no value
    return i % 2 === 0 ? [flag, EVERY_OPTION[key]] : [`${flag}=${EVERY_OPTION[key]}`];
  });
  return ['.', '--hidden', '--no-sandbox', ...flags.slice(0, 6), '--inspect=9229', '-psn_0_1234', ...flags.slice(6), '--enable-logging'];
}

describe('buildCoreArgs', () => {
  it('passes every serve option on to the core in desktop mode', () => {
    expect(new Set(COMPATIBLE_SETS.flat())).toEqual(new Set(coreOptionEntries().map(([key]) => key)));
    const defaults = parseConfig([], {}, '/default');
    for (const keys of COMPATIBLE_SETS) {
      const fromDesktop = parseConfig(buildCoreArgs(desktopArgv(keys), '/u', {}), {}, '/default');
      const fromServe = parseConfig(keys.flatMap((key) => (isSwitch(key) ? [CORE_OPTIONS[key].flag] : [CORE_OPTIONS[key].flag, EVERY_OPTION[key]])), {}, '/default');
      expect(fromDesktop).toEqual(fromServe);
      for (const key of keys) {
        expect(fromDesktop[key], `${key} kept its default: the desktop app did not forward it`).not.toEqual(defaults[key]);
        expect(String(fromDesktop[key]), key).toBe(EVERY_OPTION[key]);
      }
    }
  });

  it('forwards --tls-cert and --tls-key (dropped before the option table, issue #14)', () => {
    expect(buildCoreArgs(['--tls-cert', '/c.pem', '--tls-key=/k.pem'], '/u', {})).toEqual(['--data-dir', '/u', '--tls-cert', '/c.pem', '--tls-key', '/k.pem']);
  });

  it('defaults the data dir to its environment twin, else userData', () => {
    expect(buildCoreArgs([], '/home/a/.config/SCIM Desk', {})).toEqual(['--data-dir', '/home/a/.config/SCIM Desk']);
    expect(buildCoreArgs([], '/u', { SCIMDESK_DATA_DIR: '/srv/scim' })).toEqual(['--data-dir', '/srv/scim']);
    expect(buildCoreArgs([], '/u', { SCIMDESK_DATA_DIR: '' })).toEqual(['--data-dir', '/u']);
  });

  it('forwards only the core flags, in both spellings', () => {
    const argv = ['.', '--hidden', '--scim-port', '9000', '--admin-port=9001', '--inspect=9229', '--no-sandbox', '--log-level', 'debug'];
    expect(buildCoreArgs(argv, '/u', {})).toEqual(['--data-dir', '/u', '--scim-port', '9000', '--admin-port', '9001', '--log-level', 'debug']);
  });

  it('keeps an explicit --data-dir instead of userData or the environment', () => {
    expect(buildCoreArgs(['--data-dir', '/srv/scim'], '/u', { SCIMDESK_DATA_DIR: '/env' })).toEqual(['--data-dir', '/srv/scim']);
  });

  it('drops a flag whose value is missing, keeping the flags after it', () => {
    expect(buildCoreArgs(['--scim-port', '--hidden'], '/u', {})).toEqual(['--data-dir', '/u']);
    expect(buildCoreArgs(['--scim-port'], '/u', {})).toEqual(['--data-dir', '/u']);
    expect(buildCoreArgs(['--scim-port', '--admin-port', '9001'], '/u', {})).toEqual(['--data-dir', '/u', '--admin-port', '9001']);
  });
});
