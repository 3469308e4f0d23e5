import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { LogRowSchema } from '../../../shared/api/log-events.js';
import type { LogRow } from '../../../shared/api/log-events.js';
import { createMember, scim } from './helpers.js';

let t: TestApp;
let server: Server;
let base: string;
const open: Array<() => void> = [];

beforeEach(async () => {
  t = makeApp();
  server = createServer(t.admin);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const close of open.splice(0)) close();
  t.core.closeStreams();
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
  t.close();
});

interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

/** A minimal SSE reader over fetch: `next()` resolves with the next event (comments skipped) or rejects after `ms`. */
async function connect(query = '', headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_TOKEN}` }) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/log/stream${query}`, { headers, signal: abort.signal });
  open.push(() => abort.abort());
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let isDone = false;
  async function next(ms = 1000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data !== undefined || field('event') !== undefined) return { id: field('id'), event: field('event'), data: data ?? '' };
        continue; // a comment (heartbeat) or the retry hint
      }
      if (isDone) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${ms} ms`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, fail) => {
          timer = setTimeout(() => fail(new Error(`no event within ${ms} ms`)), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) isDone = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }
  async function ended(ms = 1000): Promise<boolean> {
    try {
      for (;;) await next(ms);
    } catch (err) {
      return (err as Error).message === 'stream ended';
    }
  }
  /** Rows arrive in `event: rows` batches (a JSON array, id = the last row's id); `row()` hands them out one by one. */
  let queued: Array<LogRow & { eventId: string | undefined }> = [];
  const batch = async (ms?: number): Promise<{ eventId: string | undefined; rows: LogRow[] }> => {
    const e = await next(ms);
    expect(e.event).toBe('rows');
    return { eventId: e.id, rows: (JSON.parse(e.data) as unknown[]).map((r) => LogRowSchema.parse(r)) };
  };
  const row = async (ms?: number): Promise<LogRow & { eventId: string | undefined }> => {
    if (queued.length === 0) {
      const b = await batch(ms);
      queued = b.rows.map((r) => ({ ...r, eventId: b.eventId }));
    }
    return queued.shift()!;
  };
  return { res, next, row, batch, ended, close: () => abort.abort() };
}

describe('GET /api/log/stream (SSE)', () => {
  it('pushes a new write row and a queued lookup row within a second, with id = row id', async () => {
    const s = await connect();
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const started = Date.now();
    const id = await createMember(t, 'live.one@example.com');
    const created = await s.row();
    expect(created).toMatchObject({ operation: 'create', memberId: id, result: 'success' });
    expect(created.eventId).toBe(String(created.id)); // the event's id is its last row's: Last-Event-ID resumes after it
    expect(Date.now() - started).toBeLessThan(1000);

    const lookupAt = Date.now();
    await scim(t).lookup('live.one@example.com');
    const lookup = await s.row();
    expect(lookup).toMatchObject({ operation: 'lookup', memberId: id });
    expect(lookup.id).toBeGreaterThan(created.id);
    expect(Date.now() - lookupAt).toBeLessThan(1000);
  });

  it('sends rows logged close together in one event, not one event per row', async () => {
    const s = await connect();
    const entry = { at: new Date().toISOString(), requestId: 'r', client: 'Entra ID', method: 'GET', path: '/scim/v2/Users', operation: 'lookup' as const, memberId: null, userName: null, result: 'success' as const, status: 200, scimType: null, detail: null, durationMs: 1, changes: [], request: null, response: null };
    // A burst: 300 rows committed and announced in quick succession.
    for (let i = 0; i < 300; i++) {
      const id = t.core.db.transaction(() => t.core.log.insert({ ...entry, requestId: `burst-${i}` }))();
      t.core.events.emit('log-row-added', { id });
    }
    const first = await s.batch();
    expect(first.rows).toHaveLength(300);
    expect(first.eventId).toBe(String(first.rows[299]?.id));
    expect(first.rows.map((r) => r.requestId)).toEqual(Array.from({ length: 300 }, (_, i) => `burst-${i}`));
  });

  it('resumes after a reconnect with Last-Event-ID: the missed rows come first, in order', async () => {
    const first = await connect();
    const id = await createMember(t, 'resume.me@example.com');
    const seen = await first.row();
    first.close();

    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'One' });
    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Two' });
    const again = await connect('', { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Last-Event-ID': String(seen.id) });
    const missed = [await again.row(), await again.row()];
    expect(missed.map((r) => r.changes[0]?.new)).toEqual(['One', 'Two']);
    expect(missed.map((r) => r.id)).toEqual([seen.id + 1, seen.id + 2]);

    await scim(t).patch(id, { op: 'replace', path: 'title', value: 'Three' });
    expect((await again.row()).changes[0]?.new).toBe('Three');
  });

  it('accepts ?token= (EventSource cannot send headers) and ?since=<id>; 401 without a token', async () => {
    await createMember(t, 'a@example.com');
    await createMember(t, 'b@example.com');
    const s = await connect(`?token=${ADMIN_TOKEN}&since=0`, {});
    expect((await s.row()).userName).toBe('a@example.com');
    expect((await s.row()).userName).toBe('b@example.com');
    const denied = await fetch(`${base}/api/log/stream`);
    expect(denied.status).toBe(401);
  });

  it('tells the client to reload when more rows were missed than it replays', async () => {
    const entry = { at: new Date().toISOString(), requestId: 'r', client: 'other', method: 'GET', path: '/', operation: 'list' as const, memberId: null, userName: null, result: 'success' as const, status: 200, scimType: null, detail: null, durationMs: 1, changes: [], request: null, response: null };
    t.core.db.transaction(() => {
      for (let i = 0; i < 5010; i++) t.core.log.insert(entry);
    })();
    const s = await connect('?since=1');
    const reset = await s.next();
    expect(reset.event).toBe('reset');
    expect(JSON.parse(reset.data)).toEqual({ fromId: 11 });
    expect((await s.row()).id).toBe(11);
  });

  it('ends open streams at shutdown so the server can close', async () => {
    const s = await connect();
    t.core.closeStreams();
    expect(await s.ended()).toBe(true);
    const closed = new Promise<void>((ok) => server.close(() => ok()));
    await expect(Promise.race([closed.then(() => 'closed'), new Promise((ok) => setTimeout(() => ok('timeout'), 2000))])).resolves.toBe('closed');
    server = createServer(); // afterEach closes a server again
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  });
});
