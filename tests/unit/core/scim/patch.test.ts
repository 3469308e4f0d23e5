import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatchBody } from '../../../../main/core/scim/patch.js';
import { createSchemaRegistry } from '../../../../main/core/scim/schema-registry.js';
import { ScimError } from '../../../../main/core/scim/errors.js';
import type { UserDoc } from '../../../../main/core/scim/resources/user-doc.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const registry = createSchemaRegistry([{ urn: CUSTOM, name: 'CustomAttribute' }]);

const base = (): UserDoc => ({
  userName: 'babs@contoso.com',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ type: 'work', value: 'babs@contoso.com', primary: true }, { type: 'home', value: 'babs@home.example' }],
  [ENT]: { department: 'Sales' },
});
const patch = (ops: unknown[], doc: UserDoc = base()) => applyPatch(doc, parsePatchBody({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops }), registry, 'id-1');
const scimTypeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err.scimType ?? `status ${err.status}`;
    throw err;
  }
  return undefined;
};

describe('PATCH engine', () => {
  it('accepts ops in any case (Entra sends Add/Replace/Remove)', () => {
    const doc = patch([{ op: 'Replace', path: 'displayName', value: 'B' }, { op: 'ADD', path: 'title', value: 'CEO' }, { op: 'Remove', path: 'title' }]);
    expect(doc.displayName).toBe('B');
    expect(doc.title).toBeUndefined();
  });

  it('coerces "True"/"False" strings in any case to booleans', () => {
    expect(patch([{ op: 'Replace', path: 'active', value: 'False' }]).active).toBe(false);
    expect(patch([{ op: 'replace', path: 'active', value: 'tRUE' }]).active).toBe(true);
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'active', value: 'maybe' }]))).toBe('invalidValue');
  });

  it('sets complex sub-attributes and keeps the others', () => {
    expect(patch([{ op: 'replace', path: 'name.givenName', value: 'Babs' }]).name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
    expect(patch([{ op: 'replace', path: 'name', value: { familyName: 'J' } }]).name).toEqual({ givenName: 'Barbara', familyName: 'J' });
  });

  it('binds value-path sub-attribute updates to the matching element only', () => {
    const doc = patch([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' }]);
    expect(doc.emails).toEqual([{ type: 'work', value: 'new@contoso.com', primary: true }, { type: 'home', value: 'babs@home.example' }]);
  });

  it('creates the element of that type when a value path matches nothing', () => {
    const doc = patch([
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' },
      { op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
    ]);
    expect(doc.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555' }]);
    expect(doc.addresses).toEqual([{ type: 'work', locality: 'Redmond' }]);
  });

  it('treats Add on an existing typed element as replace (one work email stays one)', () => {
    const doc = patch([{ op: 'Add', path: 'emails', value: [{ type: 'work', value: 'second@contoso.com' }] }]);
    const emails = doc.emails as Array<{ type: string; value: string }>;
    expect(emails.filter((e) => e.type === 'work')).toEqual([{ type: 'work', value: 'second@contoso.com' }]);
    expect(emails).toHaveLength(2);
  });

  it('applies a no-path replace whose keys are plain, dotted and URN-qualified', () => {
    const doc = patch([{ op: 'replace', value: { displayName: 'D', 'name.familyName': 'F', [`${ENT}:employeeNumber`]: '42', [ENT]: { costCenter: 'CC' }, active: false } }]);
    expect(doc).toMatchObject({ displayName: 'D', name: { familyName: 'F', givenName: 'Barbara' }, active: false, [ENT]: { department: 'Sales', employeeNumber: '42', costCenter: 'CC' } });
  });

  it('accepts a path that names a whole extension object', () => {
    expect(patch([{ op: 'replace', path: ENT, value: { employeeNumber: '7' } }])[ENT]).toEqual({ department: 'Sales', employeeNumber: '7' });
    expect(patch([{ op: 'remove', path: ENT }])[ENT]).toBeUndefined();
  });

  it('sets custom extension attributes by URN path', () => {
    expect(patch([{ op: 'add', path: `${CUSTOM}:CustomAttribute`, value: 'blue' }])[CUSTOM]).toEqual({ CustomAttribute: 'blue' });
  });

  it('accepts manager as an id string, {value} or [{value}] and stores {value}', () => {
    for (const value of ['m-1', { value: 'm-1' }, [{ $ref: null, value: 'm-1' }]]) {
      expect((patch([{ op: 'add', path: `${ENT}:manager`, value }])[ENT] as Record<string, unknown>).manager).toEqual({ value: 'm-1' });
    }
  });

  it('clears with Replace "" or null, and removes manager by filter', () => {
    const withMgr = patch([{ op: 'add', path: `${ENT}:manager`, value: 'm-1' }]);
    expect((patch([{ op: 'Replace', path: `${ENT}:manager`, value: '' }], withMgr)[ENT] as Record<string, unknown>).manager).toBeUndefined();
    expect((patch([{ op: 'remove', path: `${ENT}:manager[value eq "m-1"]` }], withMgr)[ENT] as Record<string, unknown>).manager).toBeUndefined();
    expect(patch([{ op: 'Replace', path: 'emails[type eq "home"].value', value: null }]).emails).toEqual([{ type: 'work', value: 'babs@contoso.com', primary: true }]);
    expect(patch([{ op: 'replace', path: 'name.givenName', value: '' }]).name).toEqual({ familyName: 'Jensen' });
  });

  it('removes elements by value filter and by a value array (Entra members form)', () => {
    expect(patch([{ op: 'remove', path: 'emails[type eq "home"]' }]).emails).toHaveLength(1);
    const doc = patch([{ op: 'remove', path: 'emails', value: [{ value: 'babs@home.example' }] }]);
    expect(doc.emails).toEqual([{ type: 'work', value: 'babs@contoso.com', primary: true }]);
  });

  it('refuses to change id or meta, but ignores an unchanged id echoed by Okta', () => {
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'id', value: 'x' }]))).toBe('mutability');
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'meta', value: {} }]))).toBe('mutability');
    expect(patch([{ op: 'replace', value: { id: 'id-1', displayName: 'Okta' } }]).displayName).toBe('Okta');
  });

  it('never stores a password sent in a PATCH', () => {
    expect(patch([{ op: 'replace', path: 'password', value: 'Secret1!' }]).password).toBeUndefined();
    expect(patch([{ op: 'replace', value: { password: 'Secret1!' } }]).password).toBeUndefined();
  });

  it('is atomic: a bad later op leaves the input untouched and throws', () => {
    const doc = base();
    expect(scimTypeOf(() => patch([{ op: 'replace', path: 'title', value: 'x' }, { op: 'replace', path: 'nope', value: 1 }], doc))).toBe('invalidPath');
    expect(doc.title).toBeUndefined();
  });

  it('rejects malformed bodies with invalidSyntax / invalidPath / noTarget', () => {
    expect(scimTypeOf(() => parsePatchBody({ Operations: [] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => parsePatchBody({ schemas: ['urn:wrong'], Operations: [{ op: 'add', path: 'x' }] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => parsePatchBody({ Operations: [{ op: 'copy' }] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => parsePatchBody({ Operations: [{ op: 'add', path: 5 }] }))).toBe('invalidPath');
    expect(scimTypeOf(() => patch([{ op: 'remove' }]))).toBe('noTarget');
    expect(scimTypeOf(() => patch([{ op: 'add', path: 'emails[type eq ', value: 'x' }]))).toBe('invalidPath');
  });
});
