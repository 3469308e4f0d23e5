import { probeGet } from '../../main/node/http-probe.js';
import { join } from 'node:path';
import pino from 'pino';
import { openDb } from '../../main/core/store/db.js';
import { createCore } from '../../main/core/create-core.js';
import type { Core } from '../../main/core/create-core.js';
import { createScimApp } from '../../main/http/create-scim-app.js';
import { createAdminApp } from '../../main/http/create-admin-app.js';
import { scimOpsOf } from '../../main/http/scim/ops-routes.js';
import { tempDir } from './temp-dir.js';

export const TEST_KEY = 'test-connector-key-0123456789abcdef';
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  readonly core: Core;
  readonly scim: ReturnType<typeof createScimApp>;
  readonly admin: ReturnType<typeof createAdminApp>;
  readonly dbFile: string;
  readonly dir: string;
  close(): void;
}

/**
 * A core on a real SQLite file in a temp dir, SCIM enabled with {@link TEST_KEY}, plus both
 * Express apps (for supertest, no listening socket).
 */
export function makeApp(opts: { now?: () => Date; enabled?: boolean } = {}): TestApp {
  const { dir, cleanup } = tempDir();
  const dbFile = join(dir, 'scim-desk.db');
  const db = openDb(dbFile);
  const logger = pino({ level: 'silent' });
  const core = createCore({ db, logger, httpGet: probeGet, ...(opts.now ? { now: opts.now } : {}) });
  core.keys.rotate(0, TEST_KEY);
  core.settings.update({ scimEnabled: opts.enabled ?? true });
  core.store.uow.flush(); // commit the set-up now, as the turns before a first request would
  const scim = createScimApp({ users: core.users, keys: core.keys, settings: core.settings, log: core.log, refused: core.refused, registry: core.catalog.registry, durable: core.durable, logger, ops: scimOpsOf(core) });
  core.setListenUrl('http://127.0.0.1:0/scim/v2');
  const admin = createAdminApp({ admin: core.admin, adminToken: ADMIN_TOKEN, logger, rendererDir: join(dir, 'no-renderer') });
  return {
    core,
    scim,
    admin,
    dbFile,
    dir,
    close() {
      core.dispose();
      db.close();
      cleanup();
    },
  };
}
