import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import type * as CoreModule from '../../../main/core/create-core.js';
import type * as DbModule from '../../../main/core/store/db.js';
import type * as ProbeModule from '../../../main/node/http-probe.js';
import type { ScimRequestContext } from '../../../main/core/provisioning/scim-request.js';
import { entraUser, type PersonInput } from './scim.js';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../dist/main/core');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(DIST, file)).href)) as T;

/**
 * A first sync without HTTP: every user goes through the product's own SCIM use cases (the filter
 * lookup, then the create: mapping, role rules, member writer, provisioning log) on the data folder
 * of a stopped core, the way `serve` would handle Entra's requests. Much faster than 100,000 HTTP
 * round trips, and nothing is written by hand. Runs the built core (dist/), like the e2e server.
 */
export async function firstSyncViaScim(dataDir: string, people: (n: number) => PersonInput, count: number): Promise<void> {
  const { openDb, closeDb } = await load<typeof DbModule>('store/db.js');
  const { createCore } = await load<typeof CoreModule>('create-core.js');
  const { probeGet } = (await import(pathToFileURL(join(DIST, '../node/http-probe.js')).href)) as typeof ProbeModule;
  const db = openDb(join(dataDir, 'scim-desk.db'));
  const core = createCore({ db, logger: pino({ level: 'silent' }), httpGet: probeGet });
  const ctx = (method: string, path: string, body: unknown): ScimRequestContext => ({
    requestId: randomUUID(), client: 'Entra ID', clientAddress: '127.0.0.1', method, path, startNs: process.hrtime.bigint(),
    baseUrl: 'http://127.0.0.1/scim/v2', body, attributes: [], excludedAttributes: [], ifMatch: undefined,
  });
  try {
    for (let n = 1; n <= count; n++) {
      const p = people(n);
      core.users.list({ filter: `userName eq "${p.userName}"`, startIndex: 1, count: 100, sortBy: undefined, sortOrder: 'ascending' }, ctx('GET', '/scim/v2/Users', undefined));
      const out = core.users.create(ctx('POST', '/scim/v2/Users', entraUser(p)));
      if (out.status !== 201) throw new Error(`create ${p.userName} answered ${out.status}`);
      // Let each turn's write batch commit (write-batch.ts), as a server's event loop would.
      if (n % 500 === 0) await core.durable();
    }
    await core.durable();
  } finally {
    core.closeStreams();
    core.dispose();
    closeDb(db);
  }
}
