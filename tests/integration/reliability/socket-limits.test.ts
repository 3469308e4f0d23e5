import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import pino from 'pino';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * Issue #15, item 8 (server part), over real sockets on loopback: a refused request loses its
 * connection right after the 401 however slowly its declared body drips in, and one client address
 * cannot hold more than the configured number of connections.
 */

const KEY = 'socket-limits-key-0123456789abcdef';
let running: RunningCore | undefined;
let cleanup: (() => void) | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await running?.close();
  running = undefined;
  cleanup?.();
});

async function start(extra: Record<string, unknown> = {}): Promise<number> {
  const t = tempDir();
  cleanup = t.cleanup;
  running = await startCore(AppConfigSchema.parse({ dataDir: t.dir, scimPort: 0, adminPort: 0, connectorKey: KEY, ...extra }), { logger: pino({ level: 'silent' }) });
  return Number(new URL(running.scimUrl).port);
}

/** A raw connection: what it received, and a promise of its close. */
function open(port: number): { socket: Socket; received: () => string; connected: Promise<void>; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
  socket.on('error', () => undefined); // a reset is one way of being closed
  return {
    socket,
    received: () => text,
    connected: new Promise((ok) => socket.once('connect', () => ok())),
    closed: new Promise((ok) => socket.once('close', () => ok())),
  };
}

/** Resolves `true` once `p` settles, `false` if `ms` pass first. */
const within = (p: Promise<void>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), ms).unref())]);

const lookup = `GET /scim/v2/Users?filter=userName%20eq%20%22x%22 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${KEY}\r\n\r\n`;

describe('a refused request with a body still dripping in', () => {
  it('gets its 401 and loses the connection at once, instead of holding it while the body drips', async () => {
    const port = await start();
    const c = open(port);
    await c.connected;
    c.socket.write('POST /scim/v2/Users HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\nAuthorization: Bearer wrong\r\n\r\n{"userName":"');
    const drip = setInterval(() => c.socket.writable && c.socket.write('x'), 100);
    try {
      // Before the fix Node waited for the whole declared body (~307 s at this pace).
      expect(await within(c.closed, 10_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect(c.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(c.received()).toMatch(/\r\nConnection: close\r\n/i);
  });

  it('keeps the connection of the IdP, and of a refused request without a body', async () => {
    const port = await start();
    const c = open(port);
    await c.connected;
    c.socket.write('GET /scim/v2/Users HTTP/1.1\r\nHost: t\r\n\r\n');
    await expect.poll(() => c.received()).toMatch(/^HTTP\/1\.1 401 [\s\S]*\r\n\r\n\{.*\}$/);
    c.socket.write(lookup);
    await expect.poll(() => c.received()).toMatch(/HTTP\/1\.1 200 OK/);
    expect(c.socket.destroyed).toBe(false);
  });
});

describe('the per-address connection cap', () => {
  it('closes connections beyond the cap at once, keeps serving the others, and admits a new one once a slot frees', async () => {
    const port = await start({ scimMaxConnectionsPerAddress: 3 });
    const held = [open(port), open(port), open(port)];
    await Promise.all(held.map((c) => c.connected));
    // The server has counted the three before it accepts the next (connections are accepted in order).
    held[0]!.socket.write(lookup);
    await expect.poll(() => held[0]!.received()).toMatch(/^HTTP\/1\.1 200 /);

    const extra = open(port);
    extra.socket.on('connect', () => extra.socket.write(lookup));
    expect(await within(extra.closed, 10_000)).toBe(true);
    expect(extra.received()).toBe('');

    held[2]!.socket.write(lookup);
    await expect.poll(() => held[2]!.received()).toMatch(/^HTTP\/1\.1 200 /);
    held[1]!.socket.destroy();
    await held[1]!.closed;
    await expect
      .poll(async () => {
        const next = open(port);
        next.socket.on('connect', () => next.socket.write(lookup));
        await within(next.closed, 200);
        return next.received();
      })
      .toMatch(/^HTTP\/1\.1 200 /);
  });

  it('defaults to 64 and can be turned off with 0', () => {
    expect(AppConfigSchema.parse({ dataDir: '/d' }).scimMaxConnectionsPerAddress).toBe(64);
    expect(AppConfigSchema.parse({ dataDir: '/d', scimMaxConnectionsPerAddress: '0' }).scimMaxConnectionsPerAddress).toBe(0);
  });
});
