import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir.js';
import { requireBuiltServe, spawnServe } from './harness.js';
import type { ServeProcess } from './harness.js';

/**
 * Issue #15, item 1: anonymous traffic writes nothing per request. 100,000 requests without a valid
 * key (mixed methods, 15 KB URLs, inside and outside `/scim/v2`, throttled or not) against the built
 * `serve` on loopback must grow the data folder by less than 1 MB, and a lookup with the valid key
 * sent meanwhile must keep a p99 under 50 ms. Both bounds are the issue's own and asserted as such.
 */

const KEY = 'flood-test-key-0123456789abcdef0123';
const FLOOD = 100_000;
const CONCURRENCY = 8;
const LONG = 'a'.repeat(15 * 1024);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const t = tempDir('scimdesk-flood-');
const dataDir = join(t.dir, 'data');
let serve: ServeProcess | undefined;

beforeAll(() => requireBuiltServe());
afterAll(async () => {
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  t.cleanup();
});

const folderBytes = (): number => readdirSync(dataDir).reduce((n, f) => n + statSync(join(dataDir, f)).size, 0);

interface Answer {
  readonly status: number;
  readonly body: string;
}

function send(agent: Agent, origin: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = request({ agent, host: origin.hostname, port: origin.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Request `i` of the flood: every method, paths inside and outside the SCIM base, with and without a wrong key. */
function floodRequest(i: number): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const method = METHODS[i % METHODS.length]!;
  const paths = [`/scim/v2/Users/${LONG}${i}`, `/${LONG}${i}`, `/scim/v2/${LONG}?filter=${i}`, `/api/health/${LONG}`];
  const path = paths[i % paths.length]!;
  const headers: Record<string, string> = i % 3 === 0 ? {} : { Authorization: `Bearer wrong-key-${i}` };
  // A few writes carry a body (their connection is not kept, see item 8); the others declare none.
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && i % 50 < 7) {
    const body = JSON.stringify({ userName: `flood${i}@example.com` });
    return { method, path, headers: { ...headers, 'Content-Type': 'application/scim+json', 'Content-Length': String(Buffer.byteLength(body)) }, body };
  }
  return { method, path, headers };
}

const p99 = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.99) - 1]!;

describe('a flood of anonymous requests (built serve, loopback)', () => {
  it('grows the data folder by less than 1 MB and keeps the valid-key lookup p99 under 50 ms', { timeout: 120_000 }, async () => {
    serve = spawnServe(['--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', KEY, '--log-level', 'info']);
    const scimUrl = new URL(await serve.ready);
    const origin = new URL(scimUrl.origin);
    const auth = { Authorization: `Bearer ${KEY}` };
    const idp = new Agent({ keepAlive: true, maxSockets: 1 });
    const flood = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

    const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'kept@example.com' });
    const created = await send(idp, origin, 'POST', '/scim/v2/Users', { ...auth, 'Content-Type': 'application/scim+json', 'Content-Length': String(body.length) }, body);
    expect(created.status).toBe(201);
    const lookupPath = `/scim/v2/Users?filter=${encodeURIComponent('userName eq "kept@example.com"')}`;
    for (let i = 0; i < 20; i++) expect((await send(idp, origin, 'GET', lookupPath, auth)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500)); // the warm-up's queued log rows are written
    const before = folderBytes();

    const statuses = new Map<number | string, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < FLOOD) {
        const r = floodRequest(next++);
        const a = await send(flood, origin, r.method, r.path, r.headers, r.body).catch((err: NodeJS.ErrnoException) => ({ status: err.code ?? 'error' }));
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    };
    const latencies: number[] = [];
    let isFlooding = true;
    const lookups = (async () => {
      while (isFlooding) {
        const t0 = performance.now();
        const a = await send(idp, origin, 'GET', lookupPath, auth);
        latencies.push(performance.now() - t0);
        expect(a.status).toBe(200);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    isFlooding = false;
    await lookups;
    flood.destroy();

    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(FLOOD);
    expect([...statuses.keys()].filter((s) => s !== 401 && s !== 404 && s !== 429)).toEqual([]);
    await new Promise((r) => setTimeout(r, 500)); // the lookups' queued log rows are written
    const grown = folderBytes() - before;
    expect(grown).toBeLessThan(1024 * 1024);
    expect(latencies.length).toBeGreaterThan(100);
    expect(p99(latencies)).toBeLessThan(50);

    // stderr got a handful of lines for them, not one per request.
    const refusedLines = serve.output().split('\n').filter((l) => l.includes('SCIM request refused')).length;
    expect(refusedLines).toBeLessThan(100);
    idp.destroy();
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });
});
