import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupFileFor, openDb } from '../../../main/core/store/db.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/store/migrate.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * Startup on an older database (issue #8): it is copied first, then migrated in one transaction;
 * a failing migration leaves the file byte-for-byte as it was and says which step failed and why.
 */

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** A database file in a fresh temp folder, removed after the test (a test may take several). */
function fileIn(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'scim-desk.db');
}

/** A database as the previous release left it: schema version 1, WAL, with a member and a log row. */
function makeV1(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, 1));
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO members (id, user_name, created_at, updated_at, scim_json) VALUES ('m1', 'old@example.com', ?, ?, '{\"userName\":\"old@example.com\"}')").run(at, at);
  db.prepare(
    "INSERT INTO provisioning_log (at, request_id, client, method, path, operation, result, status, duration_ms) VALUES (?, 'r1', 'Okta', 'POST', '/scim/v2/Users', 'create', 'success', 201, 1)",
  ).run(at);
  // Version 1 kept history one row per field: a create (two fields), then an admin edit.
  const h = db.prepare('INSERT INTO member_history (member_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)');
  h.run('m1', at, 'scim:Okta:r1', 'userName', null, 'old@example.com');
  h.run('m1', at, 'scim:Okta:r1', 'active', null, 'true');
  h.run('m1', '2026-01-02T00:00:00.000Z', 'admin', 'role', 'Staff User', 'Administrator');
  db.close(); // last connection: checkpoints and removes the WAL, as a clean shutdown does
}

const columnsOf = (db: Database.Database, table: string): string[] => (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);

describe('schema migration on startup', () => {
  it('migrates a version-1 database after taking a consistent backup copy, keeping its data', () => {
    const file = fileIn();
    makeV1(file);
    expect(SCHEMA_VERSION).toBeGreaterThan(1);

    const db = openDb(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(columnsOf(db, 'provisioning_log')).toContain('client_address');
      expect(db.prepare('SELECT user_name FROM members').pluck().all()).toEqual(['old@example.com']);
      expect(db.prepare('SELECT request_id, client_address FROM provisioning_log').all()).toEqual([{ request_id: 'r1', client_address: null }]);
      // Per-field history rows became one change set per (member, time, actor), in order.
      const sets = db.prepare('SELECT member_id, at, actor, changes_json FROM member_history ORDER BY id').all() as Array<{ changes_json: string }>;
      expect(sets.map((r) => ({ ...r, changes_json: JSON.parse(r.changes_json) as unknown }))).toEqual([
        {
          member_id: 'm1',
          at: '2026-01-01T00:00:00.000Z',
          actor: 'scim:Okta:r1',
          changes_json: [
            { field: 'userName', old: null, new: 'old@example.com' },
            { field: 'active', old: null, new: 'true' },
          ],
        },
        { member_id: 'm1', at: '2026-01-02T00:00:00.000Z', actor: 'admin', changes_json: [{ field: 'role', old: 'Staff User', new: 'Administrator' }] },
      ]);
    } finally {
      db.close();
    }
    const bak = backupFileFor(file, 1);
    expect(existsSync(bak)).toBe(true);
    const copy = new Database(bak, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT user_name FROM members').pluck().all()).toEqual(['old@example.com']);
      expect(columnsOf(copy, 'provisioning_log')).not.toContain('client_address');
    } finally {
      copy.close();
    }
  });

  it('backs up a version-0 file that already holds tables before running the first migration', () => {
    const file = fileIn();
    const raw = new Database(file);
    raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');");
    raw.close();
    const db = openDb(file);
    db.close();
    const copy = new Database(backupFileFor(file, 0), { readonly: true });
    expect(copy.prepare('SELECT body FROM notes').pluck().all()).toEqual(['keep me']);
    copy.close();
  });

  it('takes no copy for a new database or one that is already current', () => {
    const file = fileIn();
    openDb(file).close();
    openDb(file).close();
    for (let v = 0; v <= SCHEMA_VERSION; v++) expect(existsSync(backupFileFor(file, v))).toBe(false);
  });

  it('leaves the old file untouched and says why when a migration fails', () => {
    const file = fileIn();
    makeV1(file);
    const before = readFileSync(file);
    // A later step that succeeds first, then one that fails: neither may stick.
    const bad = [...MIGRATIONS.slice(0, 1), 'CREATE TABLE added_by_step_two (x INTEGER);', 'ALTER TABLE no_such_table ADD COLUMN y TEXT;'];

    let error: unknown;
    try {
      openDb(file, { migrations: bad });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(/migration 0003 \(to version 3\) failed/i);
    expect(message).toContain('no such table: no_such_table');
    expect(message).toMatch(/still at version 1/);

    expect(readFileSync(file).equals(before)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'added_by_step_two'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT user_name FROM members').pluck().all()).toEqual(['old@example.com']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // The same file still opens with the real migrations afterwards.
    openDb(file).close();
  });

  it('puts the primary email before the work email in a mapping still in the shipped order (0009), and keeps an edited one', () => {
    const rows = (db: Database.Database) => db.prepare("SELECT scim_path FROM mappings WHERE target = 'email' ORDER BY position, id").pluck().all();
    for (const [order, expected] of [
      [['emails[type eq "work"].value', 'emails[primary eq true].value'], ['emails[primary eq true].value', 'emails[type eq "work"].value']],
      [['emails[type eq "other"].value', 'emails[primary eq true].value'], ['emails[type eq "other"].value', 'emails[primary eq true].value']],
    ] as const) {
      const file = fileIn();
      const raw = new Database(file);
      migrate(raw, MIGRATIONS.slice(0, 7));
      const insert = raw.prepare('INSERT INTO mappings (position, scim_path, target) VALUES (?, ?, ?)');
      insert.run(0, 'name.givenName', 'firstName');
      order.forEach((path, i) => insert.run(i + 1, path, 'email'));
      insert.run(3, 'title', 'jobTitle');
      raw.close();
      const db = openDb(file);
      try {
        expect(rows(db)).toEqual(expected);
        expect(db.prepare('SELECT scim_path FROM mappings ORDER BY position, id').pluck().all()).toEqual(['name.givenName', ...expected, 'title']);
      } finally {
        db.close();
      }
    }
  });

  it('keeps an upgraded database users-only until the admin turns groups on; a new one stores groups (0010)', () => {
    const setting = (db: Database.Database) => db.prepare("SELECT value FROM settings WHERE key = 'groupProvisioning'").pluck().get();
    const old = fileIn();
    const raw = new Database(old);
    migrate(raw, MIGRATIONS.slice(0, 8));
    raw.prepare("INSERT INTO settings (key, value) VALUES ('mappingsSeeded', 'true')").run();
    raw.close();
    const upgraded = openDb(old);
    try {
      expect(setting(upgraded)).toBe('"users-only"');
      expect(upgraded.prepare('SELECT name, position, idp_groups FROM roles ORDER BY position').all()).toEqual([
        { name: 'Administrator', position: 0, idp_groups: '[]' },
        { name: 'Staff User', position: 1, idp_groups: '[]' },
      ]);
    } finally {
      upgraded.close();
    }
    const fresh = openDb(fileIn());
    try {
      expect(setting(fresh)).toBeUndefined(); // the default: groups
    } finally {
      fresh.close();
    }
  });

  it('refuses a database from a newer SCIM Desk without touching it', () => {
    const file = fileIn();
    openDb(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDb(file)).toThrow(/newer than this SCIM Desk/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
