import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startCore } from '../../../main/node/start-core.js';
import type { RunningCore } from '../../../main/node/start-core.js';
import { AppConfigSchema } from '../../../main/core/config.js';
import { LAST_IDP_REQUEST_SQL } from '../../../main/core/store/health-repo.js';
import { HealthSchema } from '../../../shared/api/health.js';
import { SettingsViewSchema } from '../../../shared/api/settings.js';
import type { Db } from '../../../main/core/store/db.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { admin } from './helpers.js';

/**
 * Issue #15, item 2: the provisioning log is bounded by age and by size (`logMaxRows`), pruned in
 * chunks off the request path, and the health poll never walks an unbounded run of rows.
 */

let running: RunningCore | undefined;
let t: TestApp | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  t?.close();
  t = undefined;
  cleanup?.();
  cleanup = undefined;
});

/** `n` log rows of `operation`, inserted directly (set-up only), all dated now. */
function seed(db: Db, n: number, operation: string, client = 'Okta'): void {
  db.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
     INSERT INTO provisioning_log (at, request_id, client, method, path, operation, result, status, duration_ms)
     SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'seed-' || i, ?, 'GET', '/scim/v2/Users', ?, 'success', 200, 1 FROM k`,
  ).run(n, client, operation);
}

describe('provisioning log retention by size', () => {
  it('is a setting with a sane default and a floor', async () => {
    t = makeApp();
    expect(SettingsViewSchema.parse((await admin(t).get('/api/settings')).body).logMaxRows).toBe(1_000_000);
    expect((await admin(t).put('/api/settings', { logMaxRows: 10 })).status).toBe(400);
    expect((await admin(t).put('/api/settings', { logMaxRows: 5000 })).status).toBe(200);
    expect(t.core.settings.get().logMaxRows).toBe(5000);
  });

  it('keeps only the newest logMaxRows rows, pruned in chunks by the running core', async () => {
    const { dir, cleanup: done } = tempDir();
    cleanup = done;
    const config = AppConfigSchema.parse({ dataDir: dir, scimPort: 0, adminPort: 0 });
    running = await startCore(config, { logger: pino({ level: 'silent' }) });
    running.core.settings.update({ logMaxRows: 1000 });
    seed(running.core.db, 5500, 'lookup');
    const newest = running.core.db.prepare('SELECT max(id) FROM provisioning_log').pluck().get() as number;
    await running.close();

    // The start-up pass prunes 2,000 rows at a time between requests until the cap holds.
    running = await startCore(config, { logger: pino({ level: 'silent' }) });
    const db = running.core.db;
    await expect.poll(() => db.prepare('SELECT count(*) FROM provisioning_log').pluck().get(), { timeout: 10_000 }).toBe(1000);
    expect(db.prepare('SELECT min(id) FROM provisioning_log').pluck().get()).toBe(newest - 999);
    // The age limit still applies on its own: nothing here is older than 30 days.
    expect(running.core.pruneLog(2000)).toBe(0);
  });
});

describe('the health poll after a flood of refused rows', () => {
  it('finds the last IdP request through one index seek per operation, not a walk over the refused rows', async () => {
    t = makeApp();
    seed(t.core.db, 10, 'lookup', 'Entra ID');
    seed(t.core.db, 50_000, 'auth-failure', 'other');
    seed(t.core.db, 50_000, 'rate-limited', 'other');
    const h = HealthSchema.parse((await admin(t).get('/api/health')).body);
    expect(h.lastClient).toBe('Entra ID');
    const plan = (t.core.db.prepare(`EXPLAIN QUERY PLAN ${LAST_IDP_REQUEST_SQL}`).all() as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.join(' | ')).not.toMatch(/SCAN provisioning_log\b/);
    expect(plan.filter((d) => /SEARCH provisioning_log USING COVERING INDEX provisioning_log_operation \(operation=\?\)/.test(d)).length).toBeGreaterThan(10);
  });
});
