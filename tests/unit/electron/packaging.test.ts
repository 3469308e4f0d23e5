import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8');

type Target = string | { target: string; arch?: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { buildResources: string };
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  nsis: { perMachine: boolean; oneClick: boolean };
  msi: { perMachine: boolean };
  linux: { target: Target[] };
  mac: { target: Target[]; entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean };
}

const targetNames = (targets: Target[]): string[] => targets.map((t) => (typeof t === 'string' ? t : t.target));

/** PNG width and height from the IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(`${ROOT}${path}`);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  const config = parse(read('electron-builder.yml')) as BuilderConfig;

  it('names the app and its build resources', () => {
    expect(config.appId).toBe('com.scimdesk.app');
    expect(config.productName).toBe('SCIM Desk');
    expect(config.directories.buildResources).toBe('build');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
  });

  it('names every installer target', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis', 'msi']);
    expect(targetNames(config.linux.target)).toEqual(['deb', 'AppImage']);
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false }); // the installer offers per-machine
    expect(config.msi.perMachine).toBe(true);
  });

  it('unpacks better-sqlite3 from the asar and rebuilds it for Electron', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('sets the electron fuses to their safe values', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('points at files that exist', () => {
    expect(existsSync(`${ROOT}${config.mac.entitlements}`)).toBe(true);
    expect(existsSync(`${ROOT}${config.mac.entitlementsInherit}`)).toBe(true);
    for (const resource of config.extraResources) expect(existsSync(`${ROOT}${resource.from}`), resource.from).toBe(true);
    expect(read('build/entitlements.mac.plist')).toContain('com.apple.security.cs.allow-jit');
  });

  it('ships icons of the sizes the targets need', () => {
    expect(pngSize('build/icon.png')).toEqual({ width: 512, height: 512 });
    expect(pngSize('build/tray.png')).toEqual({ width: 32, height: 32 });
    expect(pngSize('build/tray@2x.png')).toEqual({ width: 64, height: 64 });
  });
});

/** Minimal systemd unit parser: sections of key → values (keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section?.[1] !== undefined) {
      current = new Map();
      sections.set(section[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current === undefined || eq === -1) throw new Error(`unparseable line: ${line}`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}

/** ExecStart value → argv, with an argument's value looked up by flag. */
function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i === -1 ? undefined : argv[i + 1];
}

describe('build/linux/scim-desk.service', () => {
  const unit = parseUnit(read('build/linux/scim-desk.service'));
  const service = unit.get('Service') ?? new Map<string, string[]>();
  const one = (key: string): string | undefined => service.get(key)?.at(-1);

  it('has the three sections', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('starts serve.js with the data dir and both ports', () => {
    const argv = (one('ExecStart') ?? '').split(/\s+/);
    expect(argv.slice(0, 2)).toEqual(['/usr/bin/node', '/opt/scim-desk/dist/main/node/serve.js']);
    expect(flagValue(argv, '--data-dir')).toBe('/var/lib/scim-desk');
    expect(flagValue(argv, '--scim-host')).toBe('127.0.0.1');
    expect(flagValue(argv, '--scim-port')).toBe('8080');
    expect(flagValue(argv, '--admin-port')).toBe('8081');
  });

  it('runs as a dedicated user, restarts on failure and is hardened', () => {
    expect(one('User')).toBe('scimdesk');
    expect(one('Group')).toBe('scimdesk');
    expect(one('WorkingDirectory')).toBe('/opt/scim-desk');
    expect(one('Restart')).toBe('on-failure');
    expect(one('StateDirectory')).toBe('scim-desk');
    expect(one('ReadWritePaths')).toBe('/var/lib/scim-desk');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
  });
});

describe('build/windows/scim-desk-service.xml', () => {
  const xml = read('build/windows/scim-desk-service.xml');
  const element = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

  it('runs serve.js with the data dir and both ports, restarting on failure', () => {
    expect(element('id')).toBe('scim-desk');
    const args = element('arguments') ?? '';
    expect(args).toContain('dist\\main\\node\\serve.js');
    expect(args).toMatch(/--data-dir "%ProgramData%\\SCIM Desk"/);
    expect(args).toContain('--scim-port 8080');
    expect(args).toContain('--admin-port 8081');
    expect(xml).toContain('<onfailure action="restart"');
  });
});
