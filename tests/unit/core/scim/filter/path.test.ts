import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../../main/core/scim/errors.js';
import { evaluateOnElement } from '../../../../../main/core/scim/filter/evaluate.js';
import type { AttrResolver } from '../../../../../main/core/scim/filter/parser.js';
import { elementSeed, parsePatchPath } from '../../../../../main/core/scim/filter/path.js';
import { createSchemaRegistry, type AttributeDef } from '../../../../../main/core/scim/schema-registry.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const registry = createSchemaRegistry([{ urn: CUSTOM, name: 'tag' }]);

/** A caller-supplied resolver for Group paths, the way the groups code would build one. */
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const simple = (name: string, caseExact = false): AttributeDef => ({
  name, type: 'string', multiValued: false, required: false, caseExact,
  mutability: 'readWrite', returned: 'default', uniqueness: 'none', description: name,
});
const members: AttributeDef = { ...simple('members'), type: 'complex', multiValued: true, subAttributes: [simple('value', true), simple('display'), simple('type')] };
const groupResolver: AttrResolver = {
  resolve(path) {
    const [attrName, subName, extra] = path.split('.');
    if (attrName?.toLowerCase() !== 'members' || extra !== undefined) return undefined;
    if (subName === undefined) return { schema: GROUP, isExtension: false, attr: members, canonical: 'members' };
    const sub = members.subAttributes?.find((s) => s.name.toLowerCase() === subName.toLowerCase());
    return sub ? { schema: GROUP, isExtension: false, attr: members, sub, canonical: `members.${sub.name}` } : undefined;
  },
};

function pathError(text: string, resolver: AttrResolver = registry): ScimError {
  try {
    parsePatchPath(text, resolver);
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parsePatchPath', () => {
  it('parses a simple attribute', () => {
    const p = parsePatchPath('DisplayName', registry);
    expect(p.attribute.attr.name).toBe('displayName');
    expect(p.subAttribute).toBeUndefined();
    expect(p.valueFilter).toBeUndefined();
    expect(p.canonical).toBe('displayName');
  });

  it('parses attr.sub', () => {
    const p = parsePatchPath('name.GivenName', registry);
    expect(p.attribute.canonical).toBe('name');
    expect(p.attribute.sub).toBeUndefined();
    expect(p.subAttribute?.name).toBe('givenName');
    expect(p.canonical).toBe('name.givenName');
  });

  it('parses URN-qualified enterprise and custom extension paths', () => {
    const manager = parsePatchPath(`${ENT}:manager`, registry);
    expect(manager.attribute).toMatchObject({ isExtension: true, schema: ENT, canonical: `${ENT}:manager` });
    const value = parsePatchPath(`${ENT.toLowerCase()}:manager.value`, registry);
    expect(value.attribute.canonical).toBe(`${ENT}:manager`);
    expect(value.subAttribute?.name).toBe('value');
    expect(parsePatchPath(`${CUSTOM}:tag`, registry).attribute).toMatchObject({ schema: CUSTOM, canonical: `${CUSTOM}:tag` });
  });

  it('parses attr[filter] and attr[filter].sub', () => {
    const p = parsePatchPath('emails[type eq "work"]', registry);
    expect(p.attribute.canonical).toBe('emails');
    expect(p.valueFilterText).toBe('type eq "work"');
    expect(p.subAttribute).toBeUndefined();
    const q = parsePatchPath('EMAILS[TYPE EQ "work"].VALUE', registry);
    expect(q.subAttribute?.name).toBe('value');
    expect(q.canonical).toBe('emails[TYPE EQ "work"].value');
    expect(parsePatchPath('addresses[type eq "work"].streetAddress', registry).subAttribute?.name).toBe('streetAddress');
  });

  it('accepts manager[value eq "id"] (Entra remove form)', () => {
    const p = parsePatchPath(`${ENT}:manager[value eq "42"]`, registry);
    expect(p.valueFilter && evaluateOnElement(p.valueFilter, { value: '42' })).toBe(true);
  });

  it('selects the matching element with evaluateOnElement', () => {
    const p = parsePatchPath('emails[type eq "work" and primary eq true].value', registry);
    const emails = [
      { type: 'home', value: 'h@x', primary: true },
      { type: 'Work', value: 'w@x', primary: 'True' },
      { type: 'work', value: 'w2@x', primary: false },
    ];
    const filter = p.valueFilter;
    if (!filter) throw new Error('expected a value filter');
    expect(emails.map((e) => evaluateOnElement(filter, e))).toEqual([false, true, false]);
  });

  it('parses Okta/Entra member paths with a caller-supplied resolver', () => {
    const p = parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]', groupResolver);
    expect(p.attribute.canonical).toBe('members');
    const filter = p.valueFilter;
    if (!filter) throw new Error('expected a value filter');
    expect(evaluateOnElement(filter, { value: '2819c223-7f76-453a-919d-413861904646' })).toBe(true);
    // value is caseExact for members: ids differ by case are different members.
    expect(evaluateOnElement(filter, { value: '2819C223-7F76-453A-919D-413861904646' })).toBe(false);
    expect(parsePatchPath('members', groupResolver).attribute.attr.multiValued).toBe(true);
  });

  it('returns invalidPath for members against the User registry', () => {
    expect(pathError('members[value eq "x"]')).toMatchObject({ scimType: 'invalidPath', detail: 'Unknown attribute "members" at position 0' });
  });

  it.each([
    ['', 'Unexpected end of filter at position 0; expected an attribute name'],
    ['emails[type eq "work"', 'Unexpected end of filter at position 21; expected "]"'],
    ['name.givenName.x', 'Unknown attribute "name.givenName.x" at position 0'],
    ['emails[type eq "work"].nope', 'Unknown attribute "nope" at position 23'],
    ['emails[type eq "work"]value', 'Unexpected token "value" at position 22'],
    ['userName[value eq "x"]', 'Attribute "userName" is not complex and cannot take a value filter at position 8'],
    ['emails.value[type eq "work"]', 'Attribute "emails.value" is not complex and cannot take a value filter at position 12'],
    ['userName eq "x"', 'Unexpected token "eq" at position 9'],
    ['emails[type eq "work"].value.x', 'Unknown attribute "value.x" at position 23'],
  ])('rejects %j with invalidPath', (text, detail) => {
    expect(pathError(text)).toMatchObject({ status: 400, scimType: 'invalidPath', detail });
  });
});

describe('elementSeed', () => {
  it('collects eq terms joined by and, with canonical sub-attribute names', () => {
    const p = parsePatchPath('emails[TYPE eq "work" and primary eq "True"]', registry);
    expect(p.valueFilter && elementSeed(p.valueFilter)).toEqual({ type: 'work', primary: true });
  });

  it('ignores terms under or/not and non-eq operators', () => {
    const p = parsePatchPath('emails[type eq "work" and (display eq "a" or display eq "b") and not (primary eq true) and value sw "x"]', registry);
    expect(p.valueFilter && elementSeed(p.valueFilter)).toEqual({ type: 'work' });
  });
});
