import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ScimError } from '../../../../../main/core/scim/errors.js';
import type { Filter } from '../../../../../main/core/scim/filter/ast.js';
import { parseFilter } from '../../../../../main/core/scim/filter/parser.js';
import { filterToSql } from '../../../../../main/core/scim/filter/to-sql.js';
import { createSchemaRegistry } from '../../../../../main/core/scim/schema-registry.js';
import { MIGRATIONS } from '../../../../../main/core/store/migrate.js';
import { workEmailColumns } from '../../../../../main/core/provisioning/apply-change.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const registry = createSchemaRegistry();

type Resource = Record<string, unknown> & { id: string; userName: string };
const USERS: Resource[] = [
  {
    id: 'u1', userName: 'alice@example.com', externalId: 'ext-A', active: true, title: 'Engineer',
    name: { givenName: 'Alice', familyName: 'Archer' },
    emails: [{ type: 'work', value: 'alice@example.com', primary: true }, { type: 'home', value: 'x@example.com' }],
    [ENT]: { department: 'Sales', manager: { value: 'u2' } },
  },
  { id: 'u2', userName: 'bob@example.com', externalId: 'ext-B', active: false, title: 'Boss', emails: [{ type: 'Work', value: 'x@example.com' }] },
  { id: 'u3', userName: 'carol_100%@example.com', active: true, name: { givenName: 'Carol' }, emails: [{ type: 'home', value: 'X@example.com' }] },
  { id: 'u4', userName: 'dave', active: true, displayName: "Robert'); DROP TABLE members;--", title: '' },
];

let dir = '';
let db: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-filter-sql-'));
  db = new Database(join(dir, 'members.db'));
  for (const step of MIGRATIONS) db.exec(step);
  for (const user of USERS) insertUser(user);
});

/** Insert a user with the write path's lookup columns (apply-change.ts). */
function insertUser({ id, ...doc }: Resource): void {
  const work = workEmailColumns(doc);
  db.prepare(
    `INSERT INTO members (id, user_name, external_id, work_email, other_work_emails, active, scim_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
  ).run(id, doc.userName, doc['externalId'] ?? null, work.work_email, work.other_work_emails, doc['active'] === true ? 1 : 0, JSON.stringify(doc));
}

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function ids(filter: string): string[] {
  const where = filterToSql(parseFilter(filter, registry));
  return db.prepare<unknown[], { id: string }>(`SELECT m.id FROM members AS m WHERE ${where.sql} ORDER BY m.id`).all(...where.params).map((r) => r.id);
}

/** Query plan as the list query would run it: live members only, then the filter. */
function plan(filter: string): string {
  const where = filterToSql(parseFilter(filter, registry));
  const query = `EXPLAIN QUERY PLAN SELECT m.id FROM members AS m WHERE m.lifecycle = 'present' AND ${where.sql}`;
  return db.prepare<unknown[], { detail: string }>(query).all(...where.params).map((r) => r.detail).join('\n');
}

const rowCount = (): number => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM members').get()?.n ?? -1;

describe('filterToSql on a real SQLite members table', () => {
  it('uses bound parameters for every value', () => {
    const where = filterToSql(parseFilter('userName eq "alice" and title co "Eng" and active eq true', registry));
    expect(where.sql).not.toMatch(/alice|Eng/);
    expect(where.params).toEqual(['alice', '%Eng%', 1]);
  });

  it.each([
    ['userName eq "ALICE@example.com"', ['u1']],
    ['externalId eq "ext-A"', ['u1']],
    ['externalId eq "ext-a"', []],
    ['id eq "u3"', ['u3']],
    ['active eq false', ['u2']],
    ['title pr', ['u1', 'u2']],
    ['title ne "Boss"', ['u1', 'u3', 'u4']],
    ['not (title eq "Boss")', ['u1', 'u3', 'u4']],
    ['externalId ne "ext-A"', ['u2', 'u3', 'u4']],
    ['name.givenName sw "a" or name.familyName ew "CHER"', ['u1']],
    ['userName ew "@EXAMPLE.COM"', ['u1', 'u2', 'u3']],
    ['userName co "_100%"', ['u3']],
    ['userName sw "%"', []],
    ['externalId sw "ext-"', ['u1', 'u2']],
    ['externalId ew "-b"', []],
    ['userName gt "bob@example.com"', ['u3', 'u4']],
    ['emails.value eq "X@EXAMPLE.COM"', ['u1', 'u2', 'u3']],
    ['emails[type eq "home"]', ['u1', 'u3']],
    ['emails[type eq "work" and primary eq true]', ['u1']],
    [`${ENT}:department eq "sales"`, ['u1']],
    [`id eq "u1" and ${ENT}:manager eq "u2"`, ['u1']],
    [`${ENT}:manager[value eq "u2"]`, ['u1']],
    ['emails pr and not (emails[type eq "work"])', ['u3']],
  ])('%s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('binds value-path conditions to one email: a HOME email x never matches the work-email lookup', () => {
    expect(ids('emails[type eq "work"].value eq "x@example.com"')).toEqual(['u2']);
    expect(ids('emails[type eq "work" and value eq "X@example.com"]')).toEqual(['u2']);
    // The same question through json_each instead of the work_email column.
    expect(ids('emails[value eq "x@example.com" and not (type ne "work")]')).toEqual(['u2']);
    expect(ids('emails[type eq "work"].value co "x@"')).toEqual(['u2']);
  });

  it('finds a member by any of its work emails, through the lookup columns', () => {
    // Two work emails (kept since issue #18); removed again so the other cases see the fixed set.
    insertUser({ id: 'u5', userName: 'erin', active: true, emails: [{ type: 'work', value: 'erin@example.com' }, { type: 'WORK', value: 'erin.second@example.com' }] });
    onTestFinished(() => void db.prepare("DELETE FROM members WHERE id = 'u5'").run());
    expect(ids('emails[type eq "work"].value eq "erin@example.com"')).toEqual(['u5']);
    expect(ids('emails[type eq "work"].value eq "ERIN.second@example.com"')).toEqual(['u5']);
    expect(ids('emails[value eq "erin.second@example.com" and type eq "Work"]')).toEqual(['u5']);
    expect(ids('not (emails[type eq "work"].value eq "erin.second@example.com")')).not.toContain('u5');
  });

  it('treats SQL injection in values as data', () => {
    expect(ids('userName eq "x\\" OR 1=1 --"')).toEqual([]);
    expect(ids("userName eq \"x' OR '1'='1\"")).toEqual([]);
    expect(ids('displayName eq "Robert\'); DROP TABLE members;--"')).toEqual(['u4']);
    expect(ids('userName co "%"')).toEqual(['u3']);
    expect(rowCount()).toBe(USERS.length);
  });

  it('rejects SQL in attribute names with invalidFilter and leaves the table intact', () => {
    expect(() => ids('userName;DROP TABLE members eq "x"')).toThrow(ScimError);
    expect(() => ids('userName) OR 1=1 -- eq "x"')).toThrow(/invalidFilter|Unexpected/);
    // Defence in depth: even a hand-built AST with a hostile name never reaches the SQL text.
    const [path] = [registry.resolve('title')];
    if (!path) throw new Error('title must resolve');
    const hostile: Filter = { kind: 'present', path: { ...path, attr: { ...path.attr, name: `x"'); DROP TABLE members; --` } } };
    expect(() => filterToSql(hostile)).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
    expect(rowCount()).toBe(USERS.length);
  });

  it('rejects meta attributes that have no column', () => {
    expect(() => filterToSql(parseFilter('meta.version eq "W/1"', registry))).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
  });

  it('runs a maximum-length or-chain without hitting SQLite limits', () => {
    const chain = Array.from({ length: 455 }, () => 'id pr').join(' or ');
    expect(ids(chain)).toHaveLength(USERS.length);
    const exists = Array.from({ length: 150 }, () => 'emails.type pr').join(' and ');
    expect(ids(exists)).toHaveLength(USERS.length - 1);
  });

  it.each([
    ['userName eq "alice@example.com"', /SEARCH m USING (COVERING )?INDEX members_user_name\w* \(user_name=\?\)/],
    ['externalId eq "ext-A"', /SEARCH m USING (COVERING )?INDEX members_external_id \(external_id=\?\)/],
    ['id eq "u1"', /SEARCH m USING (COVERING )?INDEX sqlite_autoindex_members_1 \(id=\?\)/],
    ['emails[type eq "work"].value eq "x@example.com"', /SEARCH members USING (COVERING )?INDEX members_work_email \(work_email=\?\)/],
    ['emails[value eq "x@example.com" and type eq "WORK"]', /SEARCH members USING (COVERING )?INDEX members_work_email/],
    [`id eq "u1" and ${ENT}:manager eq "u2"`, /SEARCH m USING (COVERING )?INDEX sqlite_autoindex_members_1 \(id=\?\)/],
  ])('uses an index for %s', (filter, expected) => {
    const detail = plan(filter);
    expect(detail).toMatch(expected);
    // No table scan. The work-email lookup walks the partial index of members with a second work
    // email (migration 0009: nearly none) and their JSON list, which is not a scan of the members.
    const scans = detail.split('\n').filter((line) => line.startsWith('SCAN'));
    expect(scans.filter((line) => !/^SCAN members USING INDEX members_other_work_emails$|^SCAN json_each /.test(line))).toEqual([]);
  });
});
