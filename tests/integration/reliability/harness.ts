import { probeGet } from '../../../main/node/http-probe.js';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync } from 'node:fs';
import pino from 'pino';
import { openDb } from '../../../main/core/store/db.js';
import { createCore } from '../../../main/core/create-core.js';
import type { Core } from '../../../main/core/create-core.js';
import { createScimApp } from '../../../main/http/create-scim-app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { TEST_KEY } from '../../helpers/make-app.js';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** One captured pino line. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** A pino logger whose lines land in `lines` (parsed), for asserting what an operator would see. */
export function capturingLogger(level = 'info'): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

export interface Harness {
  readonly core: Core;
  readonly scim: ReturnType<typeof createScimApp>;
  readonly dbFile: string;
  readonly lines: LogLine[];
  close(): void;
}

/**
 * Like tests/helpers/make-app.ts, but with the knobs these tests need: a capturing logger, a clock,
 * and the proxy hop count.
 */
export function scimHarness(opts: { now?: () => Date; trustProxy?: number } = {}): Harness {
  const { dir, cleanup } = tempDir('scimdesk-rel-');
  const dbFile = join(dir, 'scim-desk.db');
  const db = openDb(dbFile);
  const { logger, lines } = capturingLogger();
  const core = createCore({ db, logger, httpGet: probeGet, ...(opts.now ? { now: opts.now } : {}) });
  core.keys.rotate(0, TEST_KEY);
  core.settings.update({ scimEnabled: true });
  const scim = createScimApp({
    users: core.users,
    keys: core.keys,
    settings: core.settings,
    log: core.log,
    refused: core.refused,
    registry: core.catalog.registry,
    durable: core.durable,
    logger,
    ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
  });
  return {
    core,
    scim,
    dbFile,
    lines,
    close() {
      core.dispose();
      db.close();
      cleanup();
    },
  };
}

/** The built CLI; `npm test` builds it (tsc -b) before vitest runs. */
export const SERVE = join(import.meta.dirname, '../../../dist/main/node/serve.js');

export function requireBuiltServe(): void {
  if (!existsSync(SERVE)) throw new Error(`${SERVE} is missing: run \`npm run build\` (npm test builds it first).`);
}

export interface ServeProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the printed SCIM base URL once the core is ready. */
  readonly ready: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Spawn `node dist/main/node/serve.js ...args` and wait for its `SCIM base URL:` line. */
export function spawnServe(args: ReadonlyArray<string>): ServeProcess {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const ready = new Promise<string>((ok, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /^SCIM base URL: (\S+)$/m.exec(out)?.[1];
      if (url && /^Admin UI: /m.test(out)) ok(url);
    });
    void exited.then(({ code, signal }) => fail(new Error(`serve exited before it was ready (${code ?? signal}):\n${out}\n${err}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, output: () => `${out}\n${err}` };
}
