import { describe, expect, it } from 'vitest';
import { evaluateFilter, evaluateOnElement, isPresent } from '../../../../../main/core/scim/filter/evaluate.js';
import { parseFilter } from '../../../../../main/core/scim/filter/parser.js';
import { createSchemaRegistry } from '../../../../../main/core/scim/schema-registry.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const registry = createSchemaRegistry([
  { urn: CUSTOM, name: 'level', type: 'integer' },
  { urn: CUSTOM, name: 'badge', type: 'boolean' },
]);

const barbara = {
  id: 'Id-1',
  externalId: 'Ext-1',
  userName: 'Barbara@Example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  active: 'True',
  title: '',
  emails: [
    { type: 'home', value: 'x@example.com', primary: false },
    { type: 'Work', value: 'bjensen@example.com', primary: 'true' },
  ],
  meta: { created: '2024-01-02T03:04:05.000Z', lastModified: '2024-05-06T07:08:09.000Z' },
  [ENT]: { department: 'Sales', manager: { value: 'Mgr-9' } },
  [CUSTOM]: { level: 3, badge: false },
};

const matches = (filter: string, resource: Record<string, unknown> = barbara): boolean =>
  evaluateFilter(parseFilter(filter, registry), resource);

describe('evaluateFilter', () => {
  it('compares caseExact=false strings ignoring case and caseExact ones exactly', () => {
    expect(matches('userName eq "barbara@example.COM"')).toBe(true);
    expect(matches('id eq "id-1"')).toBe(false);
    expect(matches('id eq "Id-1"')).toBe(true);
    expect(matches('externalId eq "ext-1"')).toBe(false);
    expect(matches(`${ENT}:manager eq "mgr-9"`)).toBe(false);
    expect(matches(`id eq "Id-1" and ${ENT}:manager eq "Mgr-9"`)).toBe(true);
  });

  it('looks attribute names up case-insensitively in the resource', () => {
    const odd = { USERNAME: 'a', Emails: [{ TYPE: 'work', Value: 'w@x' }], [ENT.toLowerCase()]: { Department: 'Ops' } };
    expect(matches('userName eq "A"', odd)).toBe(true);
    expect(matches('emails[type eq "work"].value eq "w@x"', odd)).toBe(true);
    expect(matches(`${ENT}:department eq "ops"`, odd)).toBe(true);
  });

  it('matches a multi-valued attribute when any element matches', () => {
    expect(matches('emails.value eq "x@example.com"')).toBe(true);
    expect(matches('emails eq "BJENSEN@example.com"')).toBe(true);
    expect(matches('emails.type eq "other"')).toBe(false);
  });

  it('binds value-path conditions to one element: a home email x is not a work email x', () => {
    expect(matches('emails[type eq "work"].value eq "x@example.com"')).toBe(false);
    expect(matches('emails[type eq "work" and value eq "x@example.com"]')).toBe(false);
    expect(matches('emails[type eq "work"].value eq "bjensen@example.com"')).toBe(true);
    // Without brackets the two conditions may hit different elements.
    expect(matches('emails.type eq "work" and emails.value eq "x@example.com"')).toBe(true);
  });

  it('accepts booleans and "True"/"False" strings in the resource', () => {
    expect(matches('active eq true')).toBe(true);
    expect(matches('emails[primary eq true].value eq "bjensen@example.com"')).toBe(true);
    expect(matches(`${CUSTOM}:badge eq false`)).toBe(true);
    expect(matches('active eq true', { active: 'yes' })).toBe(false);
  });

  it('treats missing, null, "", [] and {} as not present', () => {
    expect(matches('name pr')).toBe(true);
    expect(matches('title pr')).toBe(false);
    expect(matches('nickName pr')).toBe(false);
    expect(matches('title pr', { title: null })).toBe(false);
    expect(matches('emails pr', { emails: [] })).toBe(false);
    expect(matches('name pr', { name: {} })).toBe(false);
    expect([0, false, ' ', [0], { a: 1 }].every(isPresent)).toBe(true);
  });

  it('lets ne and not match a missing attribute', () => {
    expect(matches('nickName ne "x"')).toBe(true);
    expect(matches('not (nickName eq "x")')).toBe(true);
    expect(matches('userName ne "BARBARA@example.com"')).toBe(false);
    // ne over a multi-valued attribute means "no element equals".
    expect(matches('emails.value ne "x@example.com"')).toBe(false);
  });

  it('implements co, sw and ew', () => {
    expect(matches('name.familyName co "ENS"')).toBe(true);
    expect(matches('name.familyName sw "jen"')).toBe(true);
    expect(matches('name.familyName ew "SEN"')).toBe(true);
    expect(matches('externalId sw "ext"')).toBe(false);
    expect(matches('externalId ew "t-1"')).toBe(true);
  });

  it('orders strings, dateTimes and numbers', () => {
    expect(matches('name.givenName gt "barb"')).toBe(true);
    expect(matches('name.givenName lt "BARBARA"')).toBe(false);
    expect(matches('name.givenName le "BARBARA"')).toBe(true);
    expect(matches('meta.created ge "2024-01-01"')).toBe(true);
    expect(matches('meta.lastModified lt "2024-05-06T07:08:09.000Z"')).toBe(false);
    expect(matches(`${CUSTOM}:level gt 2.5 and ${CUSTOM}:level le 3`)).toBe(true);
    expect(matches(`${CUSTOM}:level eq 3`, { [CUSTOM]: { level: '3' } })).toBe(false);
  });

  it('folds ASCII only and orders by code point, like SQLite NOCASE and BINARY', () => {
    expect(matches('displayName eq "émile"', { displayName: 'Émile' })).toBe(false);
    expect(matches('displayName eq "ÉMILE"', { displayName: 'Émile' })).toBe(true);
    expect(matches('externalId gt "\uFFFD"', { externalId: '\u{1F600}' })).toBe(true);
  });

  it('never matches a value of the wrong type', () => {
    expect(matches('userName eq "1"', { userName: 1 })).toBe(false);
    expect(matches('title gt "a"', { title: 5 })).toBe(false);
  });

  it('evaluates a single-valued complex value path against the object', () => {
    expect(matches(`${ENT}:manager[value eq "Mgr-9"]`)).toBe(true);
    expect(matches(`${ENT}:manager[value eq "Mgr-8"]`)).toBe(false);
  });
});

describe('evaluateOnElement', () => {
  it('matches one element against a bracket filter', () => {
    const f = parseFilter('emails[type eq "work" and not (primary eq false)]', registry);
    if (f.kind !== 'valuePath') throw new Error('expected a value path');
    expect(evaluateOnElement(f.filter, { type: 'WORK', value: 'a' })).toBe(true);
    expect(evaluateOnElement(f.filter, { type: 'work', primary: 'False' })).toBe(false);
    expect(evaluateOnElement(f.filter, 'work')).toBe(false);
    expect(evaluateOnElement(f.filter, null)).toBe(false);
  });
});
