import { afterEach, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { request } from 'node:http';
import { tempDir } from '../../helpers/temp-dir.js';
import { OptionError, parseConfig } from '../../../main/node/options.js';
import { requireBuiltServe, spawnServe } from '../reliability/harness.js';
import type { ServeProcess } from '../reliability/harness.js';

/**
 * Issue #15, item 7: the admin listener refuses a non-loopback `--admin-host` unless
 * `--admin-allow-remote` is given; with it, `serve` warns and prints the real bind address.
 */

let serve: ServeProcess | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  serve = undefined;
  cleanup?.();
  cleanup = undefined;
});

/** GET `path` on `port` at `address` with a chosen Host header. */
function get(address: string, port: number, path: string, host: string, token: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: address, port, path, headers: { Host: host, Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('--admin-host off loopback', () => {
  it('is refused without --admin-allow-remote, naming both flags; loopback addresses need nothing', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'scim.example.com']) {
      expect(() => parseConfig(['--admin-host', host], {}, '/d')).toThrow(OptionError);
      expect(() => parseConfig(['--admin-host', host], {}, '/d')).toThrow(/^Invalid --admin-host: .*not a loopback address.*--admin-allow-remote/);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(parseConfig(['--admin-host', host], {}, '/d').adminHost).toBe(host);
    expect(parseConfig(['--admin-host', '0.0.0.0', '--admin-allow-remote'], {}, '/d')).toMatchObject({ adminHost: '0.0.0.0', adminAllowRemote: true });
    expect(parseConfig(['--admin-host', '0.0.0.0'], { SCIMDESK_ADMIN_ALLOW_REMOTE: '1' }, '/d').adminAllowRemote).toBe(true);
    expect(() => parseConfig(['--admin-allow-remote=yes'], {}, '/d')).toThrow(OptionError);
  });

  it('stops serve with exit code 1 and a message, without the flag', async () => {
    requireBuiltServe();
    const t = tempDir();
    cleanup = t.cleanup;
    serve = spawnServe(['--data-dir', t.dir, '--scim-port', '0', '--admin-port', '0', '--admin-host', '0.0.0.0']);
    expect((await serve.exited).code).toBe(1);
    expect(serve.output()).toMatch(/--admin-host: 0\.0\.0\.0 is not a loopback address/);
  });

  it('with --admin-allow-remote: warns, prints the real bind address, and answers on IP addresses but not host names', async () => {
    requireBuiltServe();
    const t = tempDir();
    cleanup = t.cleanup;
    serve = spawnServe(['--data-dir', t.dir, '--scim-port', '0', '--admin-port', '0', '--admin-host', '0.0.0.0', '--admin-allow-remote', '--log-level', 'warn']);
    await serve.ready;
    const line = /^Admin UI: (\S+)$/m.exec(serve.output())?.[1];
    expect(line).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/#token=\S+$/);
    expect(serve.output()).toMatch(/^Warning: the admin UI listens on 0\.0\.0\.0:\d+, reachable from other machines/m);
    const url = new URL(line!);
    const token = url.hash.slice('#token='.length);
    const port = Number(url.port);
    expect(await get('127.0.0.1', port, '/api/health', `127.0.0.1:${port}`, token)).toBe(200);
    // A machine on the network reaches it by IP address; a host name stays refused (DNS rebinding).
    const lan = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address;
    const address = lan ?? '127.0.0.1';
    expect(await get(address, port, '/api/health', `${address}:${port}`, token)).toBe(200);
    expect(await get(address, port, '/api/health', `203.0.113.7:${port}`, token)).toBe(200);
    expect(await get(address, port, '/api/health', `evil.example:${port}`, token)).toBe(421);
    expect(await get(address, port, '/api/health', `${address}:${port}`, 'not-the-token-0123456789')).toBe(401);
  });
});
