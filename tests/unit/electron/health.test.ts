import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  adminEndpoint,
  describeHealth,
  fetchHealth,
  formatAgo,
  newFailures,
  setScimEnabled,
  shouldNotify,
  type Health,
} from '../../../main/electron/health.js';

const HEALTH: Health = {
  scimEnabled: true,
  lastRequestAt: '2026-11-20T10:00:00.000Z',
  lastClient: 'Entra ID',
  requests24h: 120,
  failures24h: 2,
  blockedDeprovisionings: 0,
  needsAction: 0,
  leaversHoldingAssets: 1,
  dbSizeBytes: 4096,
};
const NOW = Date.parse('2026-11-20T10:05:30.000Z');

interface Seen {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A stand-in admin API on an ephemeral port that records what the tray sent. */
async function fakeAdminApi(answer: (req: IncomingMessage) => { status: number; body?: unknown }): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const { status, body: out } = answer(req);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(out === undefined ? undefined : JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, seen };
}

describe('admin API client for the tray', () => {
  it('reads GET /api/health with the admin bearer token', async () => {
    const api = await fakeAdminApi(() => ({ status: 200, body: { ...HEALTH, somethingNew: true } }));
    const health = await fetchHealth(adminEndpoint(`${api.origin}/#token=secret-token`, 'secret-token'));
    expect(health).toEqual(HEALTH);
    expect(api.seen).toEqual([{ method: 'GET', url: '/api/health', authorization: 'Bearer secret-token', body: '' }]);
  });

  it('pauses SCIM with PUT /api/settings {scimEnabled:false}', async () => {
    const api = await fakeAdminApi(() => ({ status: 200, body: {} }));
    await setScimEnabled({ origin: api.origin, token: 't' }, false);
    expect(api.seen).toEqual([{ method: 'PUT', url: '/api/settings', authorization: 'Bearer t', body: '{"scimEnabled":false}' }]);
  });

  it('rejects an answer that does not match the shared health contract, briefly', async () => {
    const api = await fakeAdminApi(() => ({ status: 200, body: { scimEnabled: true } }));
    await expect(fetchHealth({ origin: api.origin, token: 't' })).rejects.toThrow(/^unexpected \/api\/health answer \(lastRequestAt, lastClient, /);
  });

  it('rejects on an error status', async () => {
    const api = await fakeAdminApi(() => ({ status: 401, body: { error: { code: 'unauthorized', message: 'no' } } }));
    await expect(fetchHealth({ origin: api.origin, token: 'wrong' })).rejects.toThrow('GET /api/health answered 401');
  });
});

describe('tray status text', () => {
  it('shows SCIM state, last IdP contact and failures', () => {
    const { lines, tooltip } = describeHealth(HEALTH, NOW);
    expect(lines).toEqual(['SCIM: on', 'Last IdP contact: 5 min ago (Entra ID)', 'Failures (24 h): 2']);
    expect(tooltip).toBe('SCIM Desk — SCIM on, 2 failures (24 h)');
    expect(tooltip.length).toBeLessThanOrEqual(127);
  });

  it('says never and paused, and mentions blocked deprovisionings', () => {
    const { lines } = describeHealth({ ...HEALTH, scimEnabled: false, lastRequestAt: null, blockedDeprovisionings: 3 }, NOW);
    expect(lines).toEqual(['SCIM: paused', 'Last IdP contact: never', 'Failures (24 h): 2', 'Blocked deprovisionings: 3']);
  });

  it('formats relative times', () => {
    expect(formatAgo('2026-11-20T10:05:00.000Z', NOW)).toBe('just now');
    expect(formatAgo('2026-11-20T07:00:00.000Z', NOW)).toBe('3 h ago');
    expect(formatAgo('2026-11-15T10:00:00.000Z', NOW)).toBe('5 d ago');
    expect(formatAgo('garbage', NOW)).toBe('unknown');
  });
});

describe('failure notifications', () => {
  it('counts only failures that arrived since the previous poll', () => {
    expect(newFailures(undefined, HEALTH)).toBe(0);
    expect(newFailures(HEALTH, { ...HEALTH, failures24h: 5 })).toBe(3);
    expect(newFailures(HEALTH, { ...HEALTH, failures24h: 1 })).toBe(0);
  });

  it('notifies only while the window is hidden', () => {
    expect(shouldNotify(2, false)).toBe(true);
    expect(shouldNotify(2, true)).toBe(false);
    expect(shouldNotify(0, false)).toBe(false);
  });
});
