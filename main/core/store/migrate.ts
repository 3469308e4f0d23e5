import type { Database } from 'better-sqlite3';
import { sql as m0001 } from './migrations/0001-init.js';

/** Ordered migrations; index + 1 is the `user_version` each one brings the database to. Never edit a merged one. */
export const MIGRATIONS: ReadonlyArray<string> = [m0001];

/** The schema version this build expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Bring the database up to {@link SCHEMA_VERSION}, each step in its own transaction together with
 * the `user_version` bump, so a failed step leaves the previous version intact.
 * Returns the version the database was at before.
 */
export function migrate(db: Database, migrations: ReadonlyArray<string> = MIGRATIONS): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) {
    throw new Error(`Database schema version ${from} is newer than this SCIM Desk (${migrations.length}); upgrade SCIM Desk.`);
  }
  for (let v = from; v < migrations.length; v++) {
    const step = migrations[v] ?? '';
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return from;
}
