import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/temp-dir.js';
import { PATCH_OP, requireBuiltServe, spawnServe } from './harness.js';
import type { ServeProcess } from './harness.js';

/**
 * Crash safety (issue #8): a provisioning load (creates and PATCHes, 8 at a time, loopback only) runs
 * against the built `serve`; the process is SIGKILLed after N acknowledged writes, at three kill
 * points. After each kill the database on disk must hold every acknowledged user with the
 * acknowledged values, a provisioning_log row for every acknowledged write (written in the same
 * transaction), nothing that was never sent, and pass integrity_check; the next round restarts
 * `serve` on the same data dir and keeps writing. Reads are logged in batches and may be lost by
 * design, so only write rows are checked.
 */

const KEY = 'kill-test-key-0123456789abcdef0123';
const KILL_AFTER = [50, 200, 400] as const;
const CONCURRENCY = 8;
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** What the client was told about one user: the last acknowledged state, and a write in flight. */
interface UserState {
  id: string;
  readonly userName: string;
  version: number;
  title: string;
  /** A PATCH sent but not (yet) acknowledged: it may or may not have committed. */
  pending?: { version: number; title: string } | undefined;
}
interface AckedWrite {
  readonly id: string;
  readonly version: number;
  readonly operation: 'create' | 'update';
}

const t = tempDir('scimdesk-kill-');
const dataDir = join(t.dir, 'data');
const dbFile = join(dataDir, 'scim-desk.db');
const users = new Map<string, UserState>(); // by userName
const acked: AckedWrite[] = [];
/** userNames of creates that were sent; any of them may exist even without an acknowledgement. */
const sentCreates = new Set<string>();
let serve: ServeProcess | undefined;

beforeAll(() => requireBuiltServe());
afterAll(async () => {
  if (serve && serve.child.exitCode === null && serve.child.signalCode === null) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  t.cleanup();
});

/** Small deterministic PRNG (mulberry32) so each run issues the same mix of operations. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const versionOf = (etag: string | null): number => Number(/^W\/"(\d+)"$/.exec(etag ?? '')?.[1] ?? NaN);

async function send(url: string, method: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * Drive creates and PATCHes until `killAfter` writes of this round are acknowledged, then SIGKILL.
 * Each worker PATCHes only users it created, one request at a time, so a user has at most one write
 * in flight at the kill and its expected state is exact.
 */
async function driveAndKill(round: number, base: string, child: ServeProcess['child'], killAfter: number): Promise<number> {
  let ackedThisRound = 0;
  let isKilled = false;
  const ack = (w: AckedWrite): void => {
    acked.push(w);
    ackedThisRound++;
    if (!isKilled && ackedThisRound >= killAfter) {
      isKilled = true;
      child.kill('SIGKILL');
    }
  };
  const worker = async (w: number): Promise<void> => {
    const random = rng(round * 1000 + w + 1);
    const mine: UserState[] = [];
    for (let seq = 0; !isKilled && seq < killAfter * 2; seq++) {
      try {
        if (mine.length > 0 && random() < 0.6) {
          const u = mine[Math.floor(random() * mine.length)]!;
          const title = `r${round}-w${w}-s${seq}`;
          u.pending = { version: u.version + 1, title };
          const res = await send(`${base}/Users/${u.id}`, 'PATCH', {
            schemas: [PATCH_OP],
            Operations: [
              { op: 'replace', path: 'title', value: title },
              { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: `+1 555 ${round}${w}${seq}` },
            ],
          });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { title: string };
          const version = versionOf(res.headers.get('etag'));
          expect(body.title).toBe(title);
          expect(version).toBe(u.version + 1);
          Object.assign(u, { version, title, pending: undefined });
          ack({ id: u.id, version, operation: 'update' });
        } else {
          const userName = `r${round}.w${w}.s${seq}@kill.example.com`;
          const title = `created-${userName}`;
          sentCreates.add(userName);
          const res = await send(`${base}/Users`, 'POST', { schemas: [SCIM_USER], userName, title, name: { givenName: `W${w}`, familyName: `S${seq}` } });
          expect(res.status).toBe(201);
          const body = (await res.json()) as { id: string };
          const u: UserState = { id: body.id, userName, version: versionOf(res.headers.get('etag')), title };
          expect(u.version).toBe(1);
          users.set(userName, u);
          mine.push(u);
          ack({ id: u.id, version: 1, operation: 'create' });
        }
      } catch (err) {
        // After the kill, requests in flight fail (connection reset); before it, any failure is a bug.
        if (!isKilled) throw err;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  if (!isKilled) throw new Error(`round ${round}: load ended after ${ackedThisRound} acknowledged writes, before the kill point ${killAfter}`);
  return ackedThisRound;
}

interface MemberRow {
  id: string;
  user_name: string;
  version: number;
  scim_json: string;
  job_title: string | null;
}

/** Every acknowledged user with the acknowledged (or the one in-flight) values; nothing never sent. */
function checkMembers(rows: ReadonlyArray<MemberRow>): void {
  const byName = new Map(rows.map((r) => [r.user_name, r]));
  for (const u of users.values()) {
    const row = byName.get(u.userName);
    expect(row, `acknowledged user ${u.userName} is missing`).toBeDefined();
    expect(row!.id).toBe(u.id);
    const doc = JSON.parse(row!.scim_json) as { title?: string };
    if (row!.version === u.version) {
      expect(doc.title, u.userName).toBe(u.title);
      expect(row!.job_title, u.userName).toBe(u.title);
    } else {
      // Only the write in flight at the kill may have committed on top of the acknowledged one.
      expect(u.pending, `${u.userName}: version ${row!.version} but ${u.version} acknowledged and nothing in flight`).toBeDefined();
      expect(row!.version).toBe(u.pending!.version);
      expect(doc.title).toBe(u.pending!.title);
    }
  }
  for (const r of rows) expect(sentCreates.has(r.user_name), `member ${r.user_name} was never sent`).toBe(true);
}

/** Open the crashed database as the next start would (WAL recovery), and check it. */
function checkOnDisk(): void {
  const db = new Database(dbFile);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    checkMembers(db.prepare('SELECT id, user_name, version, scim_json, job_title FROM members').all() as MemberRow[]);
    const logged = new Set(
      (
        db
          .prepare("SELECT member_id || ' ' || operation || ' ' || json_extract(response_json, '$.meta.version') FROM provisioning_log WHERE result = 'success' AND operation IN ('create', 'update')")
          .pluck()
          .all() as string[]
      ).map((s) => s),
    );
    const missing = acked.filter((w) => !logged.has(`${w.id} ${w.operation} W/"${w.version}"`));
    expect(missing, 'acknowledged writes without their log row').toEqual([]);
  } finally {
    db.close();
  }
}

describe('kill -9 during a provisioning load', () => {
  it('keeps every acknowledged write, with its log row, across three kills and restarts', { timeout: 120_000 }, async () => {
    const started = Date.now();
    for (const [round, killAfter] of KILL_AFTER.entries()) {
      serve = spawnServe(['--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', KEY, '--log-level', 'warn']);
      const base = await serve.ready;
      const n = await driveAndKill(round, base, serve.child, killAfter);
      const exit = await serve.exited;
      expect(exit.signal).toBe('SIGKILL');
      expect(n).toBeGreaterThanOrEqual(killAfter);
      checkOnDisk();
    }
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER.reduce((a, b) => a + b, 0));

    // A last restart serves all of it over SCIM, then stops cleanly.
    serve = spawnServe(['--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', KEY, '--log-level', 'warn']);
    const base = await serve.ready;
    const served: MemberRow[] = [];
    for (let start = 1; ; start += 1000) {
      const res = await fetch(`${base}/Users?startIndex=${start}&count=1000`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { totalResults: number; Resources: Array<{ id: string; userName: string; title?: string; meta?: { version: string } }> };
      for (const r of page.Resources) {
        served.push({ id: r.id, user_name: r.userName, version: versionOf(r.meta?.version ?? null), scim_json: JSON.stringify({ title: r.title }), job_title: r.title ?? null });
      }
      if (start + 1000 > page.totalResults) break;
    }
    checkMembers(served);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    checkOnDisk();
    // Keep the budget honest: the whole test should stay well inside the CI limit.
    expect(Date.now() - started).toBeLessThan(90_000);
  });
});
