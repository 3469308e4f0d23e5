import type { Database } from 'better-sqlite3';
import { sql as m0001 } from './migrations/0001-init.js';
import { sql as m0002 } from './migrations/0002-client-address.js';
import { sql as m0003 } from './migrations/0003-member-search.js';
import { sql as m0004 } from './migrations/0004-drop-fts-search.js';
import { sql as m0005 } from './migrations/0005-history-change-sets.js';
import { sql as m0006 } from './migrations/0006-log-subject-index.js';
import { sql as m0007 } from './migrations/0007-log-subject-epochs.js';
import { sql as m0008 } from './migrations/0008-metrics-token.js';
import { sql as m0009 } from './migrations/0009-all-work-emails.js';
import { sql as m0010 } from './migrations/0010-groups.js';
import { sql as m0011 } from './migrations/0011-review-state.js';
import { sql as m0012 } from './migrations/0012-review-group-members.js';

/** Ordered migrations; index + 1 is the `user_version` each one brings the database to. Never edit a merged one. */
export const MIGRATIONS: ReadonlyArray<string> = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012];

/** The schema version this build expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** File name of migration `index` (0-based) for messages: `0002`. */
const stepName = (index: number): string => String(index + 1).padStart(4, '0');

/**
 * Bring the database up to the last of `migrations` (default {@link MIGRATIONS}) in ONE IMMEDIATE
 * transaction together with the `user_version` bump: either every pending step applies or none
 * does, so a failure leaves the database exactly at the version it had (SQLite DDL is transactional).
 * Returns the version the database was at before.
 * @throws Error naming the failed step and the version the database was left at; `cause` is the SQLite error.
 */
export function migrate(db: Database, migrations: ReadonlyArray<string> = MIGRATIONS): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) {
    throw new Error(`Database schema version ${from} is newer than this SCIM Desk (${migrations.length}); upgrade SCIM Desk.`);
  }
  if (from === migrations.length) return from;
  let step = from;
  try {
    db.transaction(() => {
      for (; step < migrations.length; step++) db.exec(migrations[step] ?? '');
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Schema migration ${stepName(step)} (to version ${step + 1}) failed: ${why}. Nothing was changed; the database is still at version ${from}.`,
      { cause: err },
    );
  }
  return from;
}
