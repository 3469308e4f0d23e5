import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../../../../main/core/scim/filter/evaluate.js';
import { parseFilter } from '../../../../../main/core/scim/filter/parser.js';
import { filterToSql } from '../../../../../main/core/scim/filter/to-sql.js';
import { createSchemaRegistry } from '../../../../../main/core/scim/schema-registry.js';
import { MIGRATIONS } from '../../../../../main/core/store/migrate.js';
import { workEmailColumns } from '../../../../../main/core/provisioning/apply-change.js';

/**
 * The in-memory evaluator is the oracle for the SQL translation: for random filters over a fixed,
 * deliberately awkward set of users, both must select exactly the same ids.
 */
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const registry = createSchemaRegistry([
  { urn: CUSTOM, name: 'level', type: 'integer' },
  { urn: CUSTOM, name: 'badge', type: 'boolean' },
  { urn: CUSTOM, name: 'tag' },
]);

const STRINGS = ['alice', 'ALICE', 'al', 'ice', 'bob', '', 'a_b', 'a%b', '_', '%', '\\', 'x@example.com', 'X@EXAMPLE.COM', 'é', 'É', "o'neil", 'work', 'Work', 'home', 'u3', 'U3', '2024-03-01T00:00:00.000Z', '2024', 'Boss', 'zz'];

type Resource = Record<string, unknown> & { id: string; userName: string; active: boolean | string };
const created = (day: number): { created: string; lastModified: string } => ({
  created: `2024-03-0${day}T00:00:00.000Z`,
  lastModified: `2024-04-0${day}T12:00:00.000Z`,
});
const USERS: Resource[] = [
  { id: 'u1', userName: 'alice', active: true, externalId: 'ext-A', title: 'Boss', name: { givenName: 'Alice', familyName: 'al' },
    emails: [{ type: 'work', value: 'x@example.com', primary: true }, { type: 'home', value: 'a_b' }], meta: created(1),
    [ENT]: { department: 'ALICE', manager: { value: 'u2' } }, [CUSTOM]: { level: 3, badge: true, tag: 'Work' } },
  { id: 'u2', userName: 'BOB', active: false, externalId: 'EXT-a', title: 'boss', name: { givenName: 'bob' },
    emails: [{ type: 'Work', value: 'X@EXAMPLE.COM', primary: 'True' }], meta: created(2), [CUSTOM]: { level: 2.5, badge: 'False' } },
  { id: 'u3', userName: 'a_b', active: 'True', title: '', name: {}, displayName: 'a%b',
    emails: [{ type: 'home', value: 'x@example.com', primary: false }, 'stray', null], meta: created(3), [CUSTOM]: { level: '3', tag: '' } },
  { id: 'u4', userName: 'a%b', active: true, title: null, name: null, emails: [], meta: created(4),
    [ENT]: { manager: { value: 'U3' }, department: '' }, [CUSTOM]: { level: -3, badge: false } },
  { id: 'u5', userName: 'x@example.com', active: false, displayName: 'é', meta: created(5),
    emails: [{ type: 'other', value: '%' }, { type: 'home', display: 'Work', value: '\\' }] },
  { id: 'u6', userName: 'é', active: true, externalId: 'ext-A', displayName: 'É', nickName: 'ice', meta: created(6),
    emails: [{ type: 'WORK', value: 'zz', primary: false }, { type: 'home', value: 'alice' }], [ENT]: { department: 'alice' } },
  { id: 'u7', userName: "o'neil", active: true, title: 'zz', name: { givenName: "o'neil", familyName: 'ALICE' }, meta: created(7),
    emails: [{ value: 'x@example.com' }], [CUSTOM]: { level: 0, badge: 'TRUE', tag: 'work' } },
  // Wrong JSON types where strings belong: neither side may compare them as strings.
  { id: 'u8', userName: 'É', active: false, meta: created(8), title: 5, displayName: true, nickName: ['ice'], name: 'Bob',
    [ENT]: { manager: 'u1' }, [CUSTOM]: { tag: 7, badge: 1 } },
  // Two work emails (kept since issue #18): the second is only in the other_work_emails column.
  { id: 'u9', userName: 'two.work', active: true, meta: created(9), emails: [{ type: 'work', value: 'al' }, { type: 'Work', value: 'ALICE', primary: true }] },
];

let dir = '';
let db: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-filter-oracle-'));
  db = new Database(join(dir, 'members.db'));
  for (const step of MIGRATIONS) db.exec(step);
  const insert = db.prepare(
    `INSERT INTO members (id, user_name, external_id, work_email, other_work_emails, active, scim_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { id, meta, ...doc } of USERS) {
    // The write path's lookup columns: every email typed "work" in any case (apply-change.ts).
    const work = workEmailColumns(doc);
    const active = doc.active === true || doc.active === 'True' ? 1 : 0;
    const m = meta as { created: string; lastModified: string };
    insert.run(id, doc.userName, doc['externalId'] ?? null, work.work_email, work.other_work_emails, active, JSON.stringify(doc), m.created, m.lastModified);
  }
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const str = fc.constantFrom(...STRINGS).map((s) => JSON.stringify(s));
/** Random ASCII casing, since attribute names and keywords are case-insensitive. */
const cased = (s: string): fc.Arbitrary<string> => fc.constantFrom(s, s.toUpperCase(), s.toLowerCase());

const STRING_ATTRS = ['userName', 'externalId', 'id', 'title', 'displayName', 'nickName', 'name.givenName', 'name.familyName', 'emails.value', 'emails.type', 'emails', `${ENT}:department`, `${ENT}:manager`, `${ENT}:manager.value`, `${CUSTOM}:tag`, 'meta.created', 'meta.lastModified'];
const BOOL_ATTRS = ['active', 'emails.primary', `${CUSTOM}:badge`];
const ANY_ATTRS = [...STRING_ATTRS, ...BOOL_ATTRS, `${CUSTOM}:level`, 'name', `${ENT}:manager`];

const stringLeaf = fc.tuple(fc.constantFrom(...STRING_ATTRS).chain(cased), fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le').chain(cased), str).map((p) => p.join(' '));
const boolLeaf = fc.tuple(fc.constantFrom(...BOOL_ATTRS), fc.constantFrom('eq', 'ne'), fc.constantFrom('true', 'false', 'False', '"True"')).map((p) => p.join(' '));
const numLeaf = fc.tuple(fc.constant(`${CUSTOM}:level`), fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'), fc.constantFrom('3', '2.5', '-3', '0', '1e1')).map((p) => p.join(' '));
const presentLeaf = fc.constantFrom(...ANY_ATTRS).map((a) => `${a} pr`);
const nullLeaf = fc.tuple(fc.constantFrom(...STRING_ATTRS), fc.constantFrom('eq', 'ne')).map(([a, op]) => `${a} ${op} null`);

/** Conditions inside emails[…]: sub-attribute names only. */
const emailSubLeaf = fc.oneof(
  fc.tuple(fc.constantFrom('type', 'value', 'display'), fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le'), str).map((p) => p.join(' ')),
  fc.tuple(fc.constantFrom('eq', 'ne'), fc.constantFrom('true', 'false')).map(([op, v]) => `primary ${op} ${v}`),
  fc.constantFrom('type', 'value', 'primary', 'display').map((a) => `${a} pr`),
);
const emailInner = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    emailSubLeaf,
    fc.tuple(tie('f'), fc.constantFrom(' and ', ' or '), tie('f')).map(([l, op, r]) => `(${l}${op}${r})`),
    tie('f').map((f) => `not (${f})`),
  ),
})).f;
const valuePath = fc.oneof(
  emailInner.map((f) => `emails[${f}]`),
  fc.tuple(emailInner, fc.constantFrom('value', 'display', 'type'), fc.constantFrom('eq', 'co', 'ne', 'pr'), str).map(([f, sub, op, v]) =>
    op === 'pr' ? `emails[${f}].${sub} pr` : `emails[${f}].${sub} ${op} ${v}`),
  fc.tuple(fc.constantFrom('work', 'WORK', 'home'), str).map(([t, v]) => `emails[type eq "${t}"].value eq ${v}`),
  fc.tuple(fc.constantFrom('eq', 'ne', 'sw'), str).map(([op, v]) => `${ENT}:manager[value ${op} ${v}]`),
);

const filterArb = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringLeaf, boolLeaf, numLeaf, presentLeaf, nullLeaf, valuePath,
    fc.tuple(tie('f'), fc.constantFrom(' and ', ' or ', ' AND ', ' Or '), tie('f')).map(([l, op, r]) => `(${l}${op}${r})`),
    tie('f').map((f) => `not (${f})`),
  ),
})).f;

function sqlIds(filter: string): string[] {
  const where = filterToSql(parseFilter(filter, registry));
  return db.prepare<unknown[], { id: string }>(`SELECT m.id FROM members AS m WHERE ${where.sql} ORDER BY m.id`).all(...where.params).map((r) => r.id);
}
const memoryIds = (filter: string): string[] => {
  const parsed = parseFilter(filter, registry);
  return USERS.filter((u) => evaluateFilter(parsed, u)).map((u) => u.id).sort();
};

describe('SQL translation agrees with the in-memory evaluator', () => {
  it.each([
    'emails[type eq "work"].value eq "x@example.com"',
    'emails[type eq "work" and value eq "x@example.com"]',
    'not (emails[type eq "work"].value eq "zz")',
    'emails pr',
    'name pr',
    `${CUSTOM}:badge eq true`,
    `${CUSTOM}:level ge 3`,
    'displayName eq "é"',
    'userName gt "a"',
  ])('on %s', (filter) => {
    expect(sqlIds(filter)).toEqual(memoryIds(filter));
  });

  it('for random filters (property)', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        expect(sqlIds(filter)).toEqual(memoryIds(filter));
      }),
      { numRuns: 1500 },
    );
  });
});
