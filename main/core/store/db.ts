import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { migrate, SCHEMA_VERSION } from './migrate.js';

/** The better-sqlite3 connection type, named once so declarations can refer to it. */
export type Db = BetterSqlite3.Database;

/**
 * Open (creating if needed) the member store and migrate it.
 * WAL + synchronous=FULL: a 2xx is only sent after the commit, and FULL makes that commit durable
 * across power loss too, not just process crashes (NORMAL in WAL may lose the last commits on power loss).
 * When an existing database is at an older schema version, a copy is taken first
 * (`<file>.v<N>.bak`) so a failed migration can be rolled back by hand.
 */
export function openDb(file: string): Db {
  const isExisting = file !== ':memory:' && existsSync(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (isExisting && version > 0 && version < SCHEMA_VERSION) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(file, `${file}.v${version}.bak`);
    }
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw new Error(`Could not open the member store at ${file}`, { cause: err });
  }
}
