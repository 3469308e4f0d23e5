import { probeGet } from '../node/http-probe.js';
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../core/config.js';
import { isLoopbackHost } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import type { Logger } from '../core/logger.js';
import { closeDb, openDb } from '../core/store/db.js';
import { generateSecret } from '../core/auth/connector-keys.js';
import { startCheckpointer } from '../core/store/checkpointer.js';
import { createCore } from '../core/create-core.js';
import type { Core } from '../core/create-core.js';
import { createScimApp } from '../http/create-scim-app.js';
import { createAdminApp } from '../http/create-admin-app.js';
import { pingBody, scimOpsOf } from '../http/scim/ops-routes.js';
import { planScimTls } from './tls/scim-tls.js';
import type { ScimTls } from './tls/scim-tls.js';
import { capConnectionsPerAddress } from '../http/connection-cap.js';
import { writeOwnerOnly } from './owner-only-file.js';

/** A started core: where it listens and how to stop it. */
export interface RunningCore {
  readonly scimUrl: string;
  readonly adminUrl: string;
  readonly adminToken: string;
  /**
   * Admin URL that logs the browser in (token in the fragment, never sent to a server log). With
   * `--admin-allow-remote` and a non-loopback `--admin-host`, it names the real bind address.
   */
  readonly adminLoginUrl: string;
  /** The admin listener is bound off loopback (`--admin-allow-remote`): other machines can reach it. */
  readonly isAdminRemote: boolean;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly core: Core;
  close(): Promise<void>;
}

export const DB_FILE = 'scim-desk.db';
/** Log rows deleted per retention step. */
const PRUNE_CHUNK = 2000;
const PRUNE_EVERY_MS = 60_000;
const ADMIN_TOKEN_FILE = 'admin-token';

type Server = HttpServer | HttpsServer;

/** Create the data dir owner-only (0700): it holds the member store and the admin token. */
function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/** Tighten files an older version (or a restore by hand) may have left group/world-readable. */
function ownerOnly(files: ReadonlyArray<string>): void {
  if (process.platform === 'win32') return;
  for (const f of files) if (existsSync(f)) chmodSync(f, 0o600);
}

/** The admin token: from config, else the stored one, else a new one written 0600. */
function adminTokenFor(config: AppConfig): string {
  if (config.adminToken) return config.adminToken;
  const file = join(config.dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    const t = readFileSync(file, 'utf8').trim();
    if (t.length >= 16) {
      ownerOnly([file]);
      return t;
    }
  }
  const token = generateSecret();
  writeOwnerOnly(file, `${token}\n`);
  return token;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok(server.address() as AddressInfo);
    });
  });
}

/** Stop accepting, let in-flight requests finish (up to `graceMs`), then drop what is left. */
function stop(server: Server, graceMs: number): Promise<void> {
  return new Promise((ok) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      ok();
    });
    server.closeIdleConnections();
  });
}

const urlHost = (h: string): string => (h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h.includes(':') ? `[${h}]` : h);

/** Where the built renderer lives (dist/renderer next to dist/main). */
export function defaultRendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer');
}

/**
 * The one start-up path, for `serve` and for the Electron utility process: config → data dir →
 * database (migrated) → core → SCIM listener + admin listener → ready.
 */
export async function startCore(
  config: AppConfig,
  opts: { logger?: Logger; onStorageFailure?: (err: Error) => void } = {},
): Promise<RunningCore> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const isAdminRemote = !isLoopbackHost(config.adminHost);
  // The config schema refuses it already; this guards a config built in code.
  if (isAdminRemote && !config.adminAllowRemote) throw new Error(`The admin listener refuses the non-loopback address ${config.adminHost} without --admin-allow-remote.`);
  ensureDataDir(config.dataDir);
  const dbFile = join(config.dataDir, DB_FILE);
  const db = openDb(dbFile);
  ownerOnly([dbFile, `${dbFile}-wal`, `${dbFile}-shm`]);
  const core = createCore({ db, logger, httpGet: probeGet, ...(opts.onStorageFailure ? { onStorageFailure: opts.onStorageFailure } : {}) });
  // WAL checkpoints on a worker thread, not inside a request's COMMIT (checkpointer.ts).
  const checkpointer = db.memory ? undefined : startCheckpointer(db, { onError: (message) => logger.error({ message }, 'WAL checkpoint') });
  if (config.connectorKey && !core.keys.verify(config.connectorKey)) core.keys.rotate(0, config.connectorKey);
  if (config.connectorKey && !core.settings.get().scimEnabled) core.settings.update({ scimEnabled: true });
  if (config.metricsToken && !core.metricsToken.verify(config.metricsToken)) core.metricsToken.rotate(config.metricsToken);
  const adminToken = adminTokenFor(config);
  let tls: ScimTls;
  try {
    // Certificate files, automatic TLS (ACME) or none; a missing file stops the start with its name.
    tls = planScimTls(config, { savedAcme: () => core.settings.get().acme, logger, pingBody: pingBody(core.version) });
  } catch (err) {
    core.dispose();
    void checkpointer?.stop();
    db.close();
    throw err;
  }
  core.setTlsStatus(() => tls.status());

  const scimApp = createScimApp({ users: core.users, groups: core.groups, keys: core.keys, settings: core.settings, log: core.log, refused: core.refused, registry: core.catalog.registry, durable: core.durable, logger, trustProxy: config.trustProxy, ops: scimOpsOf(core) });
  // Optional HTTPS for sites that expose the SCIM listener without a TLS-terminating proxy.
  const scimServer: Server = tls.serverOptions ? createHttpsServer(tls.serverOptions, scimApp) : createServer(scimApp);
  const adminServer = createServer(
    createAdminApp({ admin: core.admin, adminToken, logger, rendererDir: config.rendererDir ?? defaultRendererDir(), allowRemote: isAdminRemote }),
  );
  capConnectionsPerAddress(scimServer, config.scimMaxConnectionsPerAddress, logger);
  scimServer.keepAliveTimeout = 65_000; // longer than typical proxy idle timeouts, so proxies never hit a closed socket
  try {
    const s = await listen(scimServer, config.scimPort, config.scimHost);
    const scimUrl = `${tls.serverOptions ? 'https' : 'http'}://${urlHost(config.scimHost)}:${s.port}/scim/v2`;
    const a = await listen(adminServer, config.adminPort, config.adminHost);
    const adminUrl = `http://${urlHost(config.adminHost)}:${a.port}`;
    // Off loopback, say where it really listens (0.0.0.0 = every interface), not a loopback URL.
    const adminBindUrl = isAdminRemote ? `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : adminUrl;
    if (isAdminRemote) {
      logger.warn({ adminBindUrl }, 'the admin listener is reachable from other machines (--admin-allow-remote), over plain HTTP: anyone who can reach it can try the admin token');
    }
    core.setListenUrl(scimUrl);
    await tls.start(scimServer);
    // Retention (by age and by row count) runs in small chunks between requests: a store that was
    // off for a month may hold hundreds of thousands of expired rows, and one DELETE of them all would
    // stall start-up. Every minute, so a busy IdP cannot push the log far past its row cap; a check
    // with nothing to delete is two index seeks.
    let isClosing = false;
    let nextChunk: NodeJS.Immediate | undefined;
    const pruneInChunks = (): void => {
      nextChunk = undefined;
      if (!isClosing && core.pruneLog(PRUNE_CHUNK) === PRUNE_CHUNK) nextChunk = setImmediate(pruneInChunks);
    };
    const pruneTimer = setInterval(pruneInChunks, PRUNE_EVERY_MS);
    pruneTimer.unref();
    nextChunk = setImmediate(pruneInChunks);
    logger.info({ scimUrl, adminUrl, dataDir: config.dataDir }, 'SCIM Desk core started');
    let closing: Promise<void> | undefined;
    return {
      scimUrl,
      adminUrl,
      adminToken,
      adminLoginUrl: `${adminBindUrl}/#token=${adminToken}`,
      isAdminRemote,
      dataDir: config.dataDir,
      dbFile,
      core,
      close: () =>
        (closing ??= (async () => {
          // Nothing may start a write once closing begins: a pruning chunk that ran during the awaits
          // below opened a batch the final checkpoint then found open ("database table is locked").
          isClosing = true;
          clearInterval(pruneTimer);
          if (nextChunk) clearImmediate(nextChunk);
          core.closeStreams();
          await Promise.all([stop(scimServer, 5_000), stop(adminServer, 1_000), tls.close()]);
          await checkpointer?.stop();
          // After the last await: commit whatever is queued, then close, with nothing in between.
          core.dispose();
          closeDb(db);
          logger.info('SCIM Desk core stopped');
          logger.flush();
        })()),
    };
  } catch (err) {
    void checkpointer?.stop();
    void tls.close();
    scimServer.close();
    adminServer.close();
    core.dispose();
    db.close();
    throw err;
  }
}
