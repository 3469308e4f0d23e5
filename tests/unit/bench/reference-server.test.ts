/**
 * The bench's reference server (bench/reference-server.mjs) is the yardstick for issue 9's ratios,
 * so it must answer the benched workload the way an IdP needs: if it silently failed requests, the
 * reference would look faster than it is. This checks the exact requests bench/run.mjs sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const TOKEN = 'bench-test-token';
let proc: ChildProcess;
let base = '';
let dir = '';

const call = async (method: string, path: string, body?: unknown, token = TOKEN) => {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
};
const form = (expr: string) => '/Users?filter=' + encodeURIComponent(expr).replace(/%20/g, '+');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ref-server-test-'));
  proc = spawn(process.execPath, ['bench/reference-server.mjs', '--port', '0', '--data-dir', dir, '--token', TOKEN], { cwd: ROOT });
  base = await new Promise<string>((ok, fail) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /SCIM base URL: (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    proc.once('exit', (code) => fail(new Error(`reference server exited with ${code}`)));
  });
});

afterAll(async () => {
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('bench reference server', () => {
  it('rejects a wrong bearer token', async () => {
    expect((await call('GET', '/Users', undefined, 'nope')).status).toBe(401);
  });

  it('answers the Entra cycle: miss, create, duplicate, PATCH, hit by all three attributes, deactivate', async () => {
    const miss = await call('GET', form('userName eq "a.b@contoso.example"'));
    expect(miss.status).toBe(200);
    expect(miss.type).toMatch(/^application\/scim\+json/);
    expect(miss.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await call('POST', '/Users', {
      userName: 'a.b@contoso.example',
      externalId: 'ext-1',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'a.b@contoso.example' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('POST', '/Users', { userName: 'A.B@contoso.example' })).status).toBe(409);

    const patched = await call('PATCH', `/Users/${id}`, {
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'A B' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ab@fabrikam.example' },
      ],
    });
    expect(patched.status).toBe(200);
    for (const expr of ['userName eq "A.B@contoso.example"', 'externalId eq "ext-1"', 'emails[type eq "work"].value eq "ab@fabrikam.example"']) {
      const hit = await call('GET', form(expr));
      expect(hit.body.totalResults, expr).toBe(1);
      expect(hit.body.Resources[0]).toMatchObject({ id, displayName: 'A B' });
    }

    await call('PATCH', `/Users/${id}`, { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect((await call('GET', `/Users/${id}`)).body.active).toBe(false);
  });

  it('pages with integer startIndex/itemsPerPage/totalResults', async () => {
    const page = await call('GET', '/Users?startIndex=1&count=100');
    expect(page.body).toMatchObject({ startIndex: 1, itemsPerPage: 1, totalResults: 1 });
  });
});
