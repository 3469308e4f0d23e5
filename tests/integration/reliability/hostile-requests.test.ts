import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/**
 * One table of hostile requests (issue #8, "Bad input"): each row is sent through the real SCIM app
 * on a temp SQLite file and must get its expected status, with a SCIM error body on every 4xx.
 * Afterwards the database passes integrity_check and holds exactly the valid creates.
 */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
const MiB = 1024 * 1024;

interface Row {
  readonly name: string;
  readonly method: 'get' | 'post' | 'patch' | 'put';
  /** Path under the SCIM listener; `{id}` is replaced by the seeded user's id. */
  readonly path: string;
  readonly body?: Buffer | string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Expected status, or the set of acceptable ones. */
  readonly status: number | ReadonlyArray<number>;
  readonly scimType?: string;
  /** A create that is valid and adds one member row. */
  readonly creates?: boolean;
  readonly check?: (body: Record<string, unknown>) => void;
}

const json = (v: unknown): string => JSON.stringify(v);
const deepArray = (depth: number, inner = '"x"'): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const patchBody = (ops: unknown[]): string => json({ schemas: [PATCH_OP], Operations: ops });
const nest = (depth: number): string => `${'('.repeat(depth)}userName eq "x"${')'.repeat(depth)}`;
const q = (filter: string): string => `/Users?filter=${encodeURIComponent(filter)}`;

const ROWS: ReadonlyArray<Row> = [
  // Not JSON, or not the JSON we want
  { name: 'malformed JSON', method: 'post', path: '/Users', body: '{"userName": "broken"', status: 400, scimType: 'invalidSyntax' },
  { name: 'trailing garbage after JSON', method: 'post', path: '/Users', body: '{"userName":"a"} x', status: 400, scimType: 'invalidSyntax' },
  { name: 'JSON array instead of an object', method: 'post', path: '/Users', body: '[{"userName":"arr"}]', status: 400, scimType: 'invalidSyntax' },
  { name: 'JSON string instead of an object', method: 'post', path: '/Users', body: '"userName"', status: 400, scimType: 'invalidSyntax' },
  { name: 'JSON null', method: 'post', path: '/Users', body: 'null', status: 400, scimType: 'invalidSyntax' },
  { name: 'JSON number', method: 'post', path: '/Users', body: '42', status: 400, scimType: 'invalidSyntax' },
  { name: 'empty body', method: 'post', path: '/Users', body: '', status: 400, scimType: 'invalidValue' },
  { name: 'PATCH body that is an array', method: 'patch', path: '/Users/{id}', body: '[]', status: 400, scimType: 'invalidSyntax' },
  // Content types: any type with a JSON body is accepted (Okta sends text/json, some clients none)
  { name: 'JSON body labelled text/plain', method: 'post', path: '/Users', body: json({ userName: 'ctype.plain@example.com' }), contentType: 'text/plain', status: 201, creates: true },
  { name: 'JSON body labelled form-urlencoded', method: 'post', path: '/Users', body: json({ userName: 'ctype.form@example.com' }), contentType: 'application/x-www-form-urlencoded', status: 201, creates: true },
  { name: 'non-JSON body with text/plain', method: 'post', path: '/Users', body: 'userName=plain', contentType: 'text/plain', status: 400, scimType: 'invalidSyntax' },
  { name: 'form body with form-urlencoded', method: 'post', path: '/Users', body: 'userName=form&active=true', contentType: 'application/x-www-form-urlencoded', status: 400, scimType: 'invalidSyntax' },
  { name: 'unsupported charset', method: 'post', path: '/Users', body: json({ userName: 'cs@example.com' }), contentType: 'application/json; charset=klingon', status: 415 },
  { name: 'gzip-encoded body (unsupported)', method: 'post', path: '/Users', body: 'not really gzip', contentType: 'application/json', headers: { 'Content-Encoding': 'gzip' }, status: 400 },
  { name: 'unknown content encoding', method: 'post', path: '/Users', body: json({ userName: 'br@example.com' }), headers: { 'Content-Encoding': 'x-klingon' }, status: 415 },
  // Size
  { name: 'body just over the 1 MiB limit', method: 'post', path: '/Users', body: json({ userName: 'big@example.com', displayName: 'a'.repeat(MiB) }), status: 413 },
  { name: 'a million-element array (over the limit)', method: 'post', path: '/Users', body: `{"userName":"million@example.com","emails":[${'0,'.repeat(999_999)}0]}`, status: 413 },
  { name: '200k-element array under the limit', method: 'post', path: '/Users', body: `{"userName":"many@example.com","emails":[${'0,'.repeat(199_999)}0]}`, status: 400, scimType: 'invalidValue' },
  { name: '200k-element array in an unknown attribute', method: 'post', path: '/Users', body: `{"userName":"many.unknown@example.com","junk":[${'0,'.repeat(199_999)}0]}`, status: 201, creates: true },
  { name: 'huge string under the body limit', method: 'post', path: '/Users', body: json({ userName: 'huge@example.com', displayName: 'x'.repeat(900_000) }), status: 400, scimType: 'invalidValue' },
  { name: 'huge userName', method: 'post', path: '/Users', body: json({ userName: 'u'.repeat(500_000) }), status: 400, scimType: 'invalidValue' },
  { name: 'huge string in a PATCH', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'replace', path: 'title', value: 't'.repeat(300_000) }]), status: 400, scimType: 'invalidValue' },
  // Depth
  { name: '10,000-deep array in emails', method: 'post', path: '/Users', body: `{"userName":"deep1@example.com","emails":${deepArray(10_000)}}`, status: 400, scimType: 'invalidValue' },
  { name: '10,000-deep object in name', method: 'post', path: '/Users', body: `{"userName":"deep2@example.com","name":${deepObject(10_000)}}`, status: 201, creates: true },
  { name: '10,000-deep array in an extension', method: 'post', path: '/Users', body: `{"userName":"deep3@example.com","urn:example:ext:1.0:User":{"a":${deepArray(10_000)}}}`, status: 400, scimType: 'invalidValue' },
  // Deeper than JSON.stringify can recurse: the log keeps a summary instead of failing the request.
  { name: '400,000-deep array in an unknown attribute', method: 'post', path: '/Users', body: `{"userName":"deep4@example.com","junk":${deepArray(400_000, '1')}}`, status: 201, creates: true },
  { name: '100,000-deep array as a PATCH value', method: 'patch', path: '/Users/{id}', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"emails","value":${deepArray(100_000)}}]}`, status: 400, scimType: 'invalidValue' },
  { name: '100,000-deep array as a no-path PATCH value', method: 'patch', path: '/Users/{id}', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","value":{"urn:example:ext:1.0:User":${deepArray(100_000)}}}]}`, status: 400 },
  // Bytes
  { name: 'escaped NUL in userName', method: 'post', path: '/Users', body: json({ userName: 'nul\u0000@example.com' }), status: 400, scimType: 'invalidValue' },
  { name: 'escaped NUL in a PATCH value', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'replace', path: 'displayName', value: 'a\u0000b' }]), status: 400, scimType: 'invalidValue' },
  { name: 'raw NUL byte inside a JSON string', method: 'post', path: '/Users', body: Buffer.from('{"userName":"raw\u0000nul@example.com"}', 'latin1'), status: 400, scimType: 'invalidSyntax' },
  { name: 'invalid UTF-8 bytes', method: 'post', path: '/Users', body: Buffer.concat([Buffer.from('{"userName":"bad'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('@example.com"}')]), status: 400 },
  { name: 'truncated UTF-8 sequence', method: 'post', path: '/Users', body: Buffer.concat([Buffer.from('{"userName":"cut'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), status: 400 },
  { name: 'valid non-ASCII UTF-8', method: 'post', path: '/Users', body: Buffer.from(json({ userName: 'zoë.ß.日本@example.com', displayName: '😀' }), 'utf8'), status: 201, creates: true },
  // Shapes
  { name: 'unknown attributes are ignored', method: 'post', path: '/Users', body: json({ userName: 'unknown.attr@example.com', favouriteColour: 'blue', nested: { x: [1, { y: 2 }] } }), status: 201, creates: true, check: (b) => expect(b.favouriteColour).toBeUndefined() },
  { name: 'active: "maybe"', method: 'post', path: '/Users', body: json({ userName: 'maybe@example.com', active: 'maybe' }), status: 400, scimType: 'invalidValue' },
  { name: 'active: 1e400 (parses to Infinity)', method: 'post', path: '/Users', body: '{"userName":"inf@example.com","active":1e400}', status: 400, scimType: 'invalidValue' },
  { name: 'emails: "x"', method: 'post', path: '/Users', body: json({ userName: 'emails.x@example.com', emails: 'x' }), status: 400, scimType: 'invalidValue' },
  { name: 'name: "x"', method: 'post', path: '/Users', body: json({ userName: 'name.x@example.com', name: 'x' }), status: 400, scimType: 'invalidValue' },
  { name: 'userName: {}', method: 'post', path: '/Users', body: json({ userName: {} }), status: 400, scimType: 'invalidValue' },
  { name: 'userName: []', method: 'post', path: '/Users', body: json({ userName: ['a'] }), status: 400, scimType: 'invalidValue' },
  { name: 'PATCH with an unknown op', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'delete', path: 'title' }]), status: 400, scimType: 'invalidSyntax' },
  { name: 'PATCH with 1,001 operations', method: 'patch', path: '/Users/{id}', body: patchBody(Array.from({ length: 1001 }, () => ({ op: 'add', path: 'title', value: 'x' }))), status: 400, scimType: 'invalidSyntax' },
  { name: 'PATCH path that is an object', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'add', path: { a: 1 }, value: 'x' }]), status: 400, scimType: 'invalidPath' },
  // Prototype pollution
  { name: '__proto__ at top level', method: 'post', path: '/Users', body: '{"userName":"pp1@example.com","__proto__":{"polluted":"yes","isAdmin":true}}', status: 201, creates: true },
  { name: 'constructor.prototype at top level', method: 'post', path: '/Users', body: '{"userName":"pp2@example.com","constructor":{"prototype":{"polluted":"yes"}}}', status: 201, creates: true },
  { name: '__proto__ nested in a complex attribute', method: 'post', path: '/Users', body: '{"userName":"pp3@example.com","name":{"__proto__":{"polluted":"yes"},"givenName":"P"}}', status: 201, creates: true, check: (b) => expect(b.name).toEqual({ givenName: 'P' }) },
  { name: '__proto__ inside an emails element', method: 'post', path: '/Users', body: '{"userName":"pp4@example.com","emails":[{"value":"pp4@example.com","__proto__":{"polluted":"yes"}}]}', status: 201, creates: true },
  { name: '__proto__ inside an unmapped extension', method: 'post', path: '/Users', body: '{"userName":"pp5@example.com","urn:example:ext:1.0:User":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"ok":1}}', status: 201, creates: true, check: (b) => expect(b['urn:example:ext:1.0:User']).toEqual({ ok: 1 }) },
  { name: 'PATCH path __proto__.polluted', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'add', path: '__proto__.polluted', value: 'yes' }]), status: 400 },
  { name: 'PATCH path constructor.prototype.polluted', method: 'patch', path: '/Users/{id}', body: patchBody([{ op: 'add', path: 'constructor.prototype.polluted', value: 'yes' }]), status: 400 },
  { name: 'PATCH no-path value with __proto__', method: 'patch', path: '/Users/{id}', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","value":{"__proto__":{"polluted":"yes"}}}]}`, status: 400, scimType: 'invalidPath' },
  { name: 'PATCH value object with __proto__', method: 'patch', path: '/Users/{id}', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"name","value":{"__proto__":{"polluted":"yes"},"givenName":"Q"}}]}`, status: 200, check: (b) => expect(b.name).toEqual({ givenName: 'Q' }) },
  { name: 'PATCH Operations key __proto__', method: 'patch', path: '/Users/{id}', body: `{"schemas":["${PATCH_OP}"],"__proto__":{"Operations":[{"op":"add","path":"title","value":"x"}]}}`, status: 400, scimType: 'invalidSyntax' },
  // Filters
  { name: 'SQL in a filter value', method: 'get', path: q(`userName eq "x' OR '1'='1"`), status: 200, check: (b) => expect(b.totalResults).toBe(0) },
  { name: 'SQL statement in a filter value', method: 'get', path: q('userName eq "\\"; DROP TABLE members; --"'), status: 200, check: (b) => expect(b.totalResults).toBe(0) },
  { name: 'SQL in a co filter value (LIKE wildcards)', method: 'get', path: q('userName co "%_%\' --"'), status: 200, check: (b) => expect(b.totalResults).toBe(0) },
  { name: 'SQL in a filter attribute name', method: 'get', path: q('userName) OR 1=1; -- eq "x"'), status: 400, scimType: 'invalidFilter' },
  { name: 'SQL as the attribute name', method: 'get', path: q('members;DROP eq "x"'), status: 400, scimType: 'invalidFilter' },
  { name: 'quoted attribute name', method: 'get', path: q('"userName" eq "x"'), status: 400, scimType: 'invalidFilter' },
  { name: 'filter nested 1,000 parentheses deep', method: 'get', path: q(nest(1000)), status: 400, scimType: 'invalidFilter', check: (b) => expect(b.detail).toMatch(/deeper/) },
  { name: 'filter nested 3,000 parentheses deep', method: 'get', path: q(nest(3000)), status: 400, scimType: 'invalidFilter' },
  { name: 'filter nested 500 "not (" deep', method: 'get', path: q(`${'not ('.repeat(500)}userName eq "x"${')'.repeat(500)}`), status: 400, scimType: 'invalidFilter', check: (b) => expect(b.detail).toMatch(/deeper/) },
  { name: 'filter with 1,000 nested value paths', method: 'get', path: q(`${'emails['.repeat(1000)}value eq "x"${']'.repeat(1000)}`), status: 400, scimType: 'invalidFilter' },
  { name: '.search filter nested 200,000 deep', method: 'post', path: '/Users/.search', body: json({ filter: nest(200_000) }), status: 400, scimType: 'invalidFilter' },
  { name: '.search filter that is an object', method: 'post', path: '/Users/.search', body: json({ filter: { $ne: null } }), status: 400, scimType: 'invalidValue' },
  { name: 'filter given twice', method: 'get', path: '/Users?filter=userName%20eq%20%22a%22&filter=userName%20eq%20%22b%22', status: 400, scimType: 'invalidValue' },
  // Paging and query
  { name: 'count=-1', method: 'get', path: '/Users?count=-1', status: 200, check: (b) => expect(b.itemsPerPage).toBe(0) },
  { name: 'startIndex=0', method: 'get', path: '/Users?startIndex=0', status: 200, check: (b) => expect(b.startIndex).toBe(1) },
  { name: 'count=1e9', method: 'get', path: '/Users?count=1e9', status: 200 },
  { name: 'startIndex=1e300', method: 'get', path: '/Users?startIndex=1e300', status: 200, check: (b) => expect(b.itemsPerPage).toBe(0) },
  { name: 'count=1e300', method: 'get', path: '/Users?count=1e300', status: 200 },
  { name: 'count=NaN', method: 'get', path: '/Users?count=NaN', status: 400, scimType: 'invalidValue' },
  { name: 'unknown query parameters', method: 'get', path: '/Users?foo=bar&__proto__=x&constructor=y&toString=z', status: 200 },
  // Ids and paths
  { name: 'encoded path traversal in an id', method: 'get', path: '/Users/..%2f..%2fetc%2fpasswd', status: 404 },
  { name: 'plain path traversal', method: 'get', path: '/Users/../../etc/passwd', status: 404 },
  { name: 'NUL in an id', method: 'get', path: '/Users/abc%00def', status: 404 },
  { name: 'SQL in an id', method: 'get', path: `/Users/${encodeURIComponent("x' OR '1'='1")}`, status: 404 },
  { name: 'malformed percent-encoding in an id', method: 'get', path: '/Users/%E0%A4%A', status: 400 },
  { name: 'PATCH on an encoded traversal id', method: 'patch', path: '/Users/..%2f..%2fetc%2fpasswd', body: patchBody([{ op: 'add', path: 'title', value: 'x' }]), status: 404 },
  // Duplicate keys: JSON.parse keeps the last one
  { name: 'duplicate JSON keys', method: 'post', path: '/Users', body: '{"userName":"dup.first@example.com","userName":"dup.last@example.com"}', status: 201, creates: true, check: (b) => expect(b.userName).toBe('dup.last@example.com') },
];

let app: TestApp;
let server: Server;
let seededId = '';
const countMembers = (): number => app.core.db.prepare('SELECT count(*) FROM members').pluck().get() as number;

/**
 * Send exactly these bytes to exactly this path (no client-side JSON encoding, no URL normalisation
 * of `..`), as a hostile client would.
 */
function send(method: string, path: string, body?: Buffer, contentType?: string, extra: Readonly<Record<string, string>> = {}): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((ok, fail) => {
    const headers: Record<string, string | number> = { Authorization: `Bearer ${TEST_KEY}`, ...extra };
    if (body !== undefined) {
      headers['Content-Type'] = contentType ?? 'application/scim+json';
      headers['Content-Length'] = body.length;
    }
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may answer (413) before it has read the whole body; that is not a client failure.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : fail(err)));
    req.end(body);
  });
}

beforeAll(async () => {
  app = makeApp();
  server = createServer(app.scim).listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const res = await send('POST', '/scim/v2/Users', Buffer.from(json({ userName: 'seed@example.com', name: { givenName: 'Seed' } })));
  expect(res.status).toBe(201);
  seededId = (JSON.parse(res.text) as { id: string }).id;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  app.close();
});

describe('hostile requests', () => {
  const created = new Set<string>();
  let before = 0;

  beforeAll(() => {
    before = countMembers();
  });

  it.each(ROWS)('$name → $status', async (row) => {
    const path = `/scim/v2${row.path.replace('{id}', seededId)}`;
    const body = row.body === undefined ? undefined : Buffer.isBuffer(row.body) ? row.body : Buffer.from(row.body, 'utf8');
    const res = await send(row.method.toUpperCase(), path, body, row.contentType, row.headers);
    const allowed = typeof row.status === 'number' ? [row.status] : row.status;
    expect(allowed, `got ${res.status}: ${res.text.slice(0, 300)}`).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const answer = JSON.parse(res.text) as Record<string, unknown>;
    if (res.status >= 400) {
      expect(answer).toMatchObject({ schemas: [ERROR_URN], status: String(res.status) });
      expect(typeof answer.detail).toBe('string');
      if (row.scimType) expect(answer.scimType).toBe(row.scimType);
    }
    if (res.status === 201) created.add(answer.id as string);
    if (row.creates) expect(res.status).toBe(201);
    row.check?.(answer);
    // No row may pollute Object.prototype, whatever it was answered.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('leaves an intact database holding exactly the valid creates, and the seeded user unchanged', async () => {
    expect(created.size).toBeGreaterThanOrEqual(ROWS.filter((r) => r.creates).length);
    expect(countMembers()).toBe(before + created.size);
    const ids = new Set(app.core.db.prepare('SELECT id FROM members').pluck().all() as string[]);
    for (const id of created) expect(ids.has(id)).toBe(true);
    app.core.log.flush();
    const db = new Database(app.dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    const seed = await send('GET', `/scim/v2/Users/${seededId}`);
    expect(seed.status).toBe(200);
    expect(JSON.parse(seed.text)).toMatchObject({ userName: 'seed@example.com', meta: { version: expect.any(String) } });
    // The seed took only PATCHes that were answered 200 above, each a valid change.
    const stored = app.core.db.prepare('SELECT scim_json FROM members WHERE id = ?').pluck().get(seededId) as string;
    expect(JSON.parse(stored)).not.toHaveProperty('polluted');
    // No prototype-pollution payload reached any stored member document.
    const docs = app.core.db.prepare("SELECT scim_json || custom_json FROM members").pluck().all() as string[];
    expect(docs.filter((d) => d.includes('polluted'))).toEqual([]);
  });
});
