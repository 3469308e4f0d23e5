import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pino from 'pino';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PATCH_OP } from './harness.js';

/**
 * Entra sends PATCHes for one user in parallel (issue #8): they must serialize with no lost update,
 * each bumping the version once, and If-Match must turn a stale writer away with 412.
 * Runs against a real listener with parallel keep-alive connections.
 */

const KEY = 'concurrency-key-0123456789abcdef01';
const N = 20;
const t = tempDir();
let core: RunningCore;

beforeAll(async () => {
  const config = AppConfigSchema.parse({ dataDir: t.dir, scimPort: 0, adminPort: 0, connectorKey: KEY, rendererDir: join(t.dir, 'x') });
  core = await startCore(config, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

async function scim(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; etag: string | null }> {
  const res = await fetch(`${core.scimUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, etag: res.headers.get('etag') };
}

const create = async (userName: string) => {
  const res = await scim('POST', '/Users', { userName, emails: [{ type: 'work', value: userName, primary: true }] });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

describe('parallel PATCHes to one user', () => {
  it(`applies all ${N} without a lost update, one version each`, async () => {
    const id = await create('parallel@example.com');
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        scim('PATCH', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'add', path: 'phoneNumbers', value: [{ type: `t${i}`, value: `+1 555 01${String(i).padStart(2, '0')}` }] },
            { op: 'add', path: `emails[type eq "e${i}"].value`, value: `p${i}@example.com` },
            // A mapped attribute too, so every PATCH also changes a member field.
            { op: 'replace', path: 'title', value: `writer ${i}` },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: N }, () => 200));
    // Each answer saw its own version: N distinct versions 2..N+1.
    expect(results.map((r) => r.etag).sort()).toEqual(Array.from({ length: N }, (_, i) => `W/"${i + 2}"`).sort());

    const final = await scim('GET', `/Users/${id}`);
    expect(final.etag).toBe(`W/"${1 + N}"`);
    expect((final.body.meta as { version: string }).version).toBe(`W/"${1 + N}"`);
    const phones = (final.body.phoneNumbers as Array<{ type: string }>).map((p) => p.type).sort();
    expect(phones).toEqual(Array.from({ length: N }, (_, i) => `t${i}`).sort());
    const emails = (final.body.emails as Array<{ type: string }>).map((e) => e.type).sort();
    expect(emails).toEqual(['work', ...Array.from({ length: N }, (_, i) => `e${i}`)].sort());
    const history = core.core.db.prepare("SELECT count(*) FROM provisioning_log WHERE member_id = ? AND operation = 'update' AND result = 'success'").pluck().get(id);
    expect(history).toBe(N);
  });

  // A change to unmapped attributes only must still be saved and versioned (it once was dropped).
  it('keeps a PATCH that changes only unmapped attributes (a home phone)', async () => {
    const id = await create('unmapped@example.com');
    const res = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'phoneNumbers[type eq "home"].value', value: '+1 555 0100' }] });
    expect(res.status).toBe(200);
    expect(res.etag).toBe('W/"2"');
    const final = await scim('GET', `/Users/${id}`);
    expect(final.body.phoneNumbers).toEqual([{ type: 'home', value: '+1 555 0100' }]);
  });

  it('lets exactly one of N parallel PATCHes carrying the same If-Match win; the rest get 412', async () => {
    const id = await create('ifmatch@example.com');
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: `writer ${i}` }] }, { 'If-Match': 'W/"1"' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(N - 1);
    const winner = results.find((r) => r.status === 200)!;
    const final = await scim('GET', `/Users/${id}`);
    expect(final.body.title).toBe(winner.body.title);
    expect(final.etag).toBe('W/"2"');
  });

  it('answers 412 for a stale If-Match on PATCH, PUT and DELETE and changes nothing', async () => {
    const id = await create('stale@example.com');
    const ok = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'v2' }] }, { 'If-Match': 'W/"1"' });
    expect(ok.status).toBe(200);
    for (const [method, body] of [
      ['PATCH', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'stale' }] }],
      ['PUT', { userName: 'stale@example.com', title: 'stale' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await scim(method, `/Users/${id}`, body, { 'If-Match': 'W/"1"' });
      expect(res.status, method).toBe(412);
    }
    const final = await scim('GET', `/Users/${id}`);
    expect(final.body.title).toBe('v2');
    expect(final.etag).toBe('W/"2"');
  });
});
