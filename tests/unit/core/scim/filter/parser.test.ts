import { describe, expect, it } from 'vitest';
import type { Filter } from '../../../../../main/core/scim/filter/ast.js';
import { parseFilter } from '../../../../../main/core/scim/filter/parser.js';
import { createSchemaRegistry } from '../../../../../main/core/scim/schema-registry.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const registry = createSchemaRegistry([
  { urn: CUSTOM, name: 'level', type: 'integer' },
  { urn: CUSTOM, name: 'badge', type: 'boolean' },
]);

/** Compact, fully parenthesised rendering of the AST so precedence is visible in assertions. */
function show(f: Filter): string {
  switch (f.kind) {
    case 'and':
    case 'or':
      return `(${show(f.left)} ${f.kind} ${show(f.right)})`;
    case 'not':
      return `not(${show(f.filter)})`;
    case 'present':
      return `${f.path.canonical} pr`;
    case 'compare':
      return `${f.path.canonical} ${f.op} ${JSON.stringify(f.value)}`;
    case 'valuePath':
      return `${f.path.canonical}[${show(f.filter)}]`;
  }
}
const parse = (text: string): string => show(parseFilter(text, registry));

describe('parseFilter', () => {
  it.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])('parses the %s operator', (op) => {
    expect(parse(`userName ${op} "bjensen"`)).toBe(`userName ${op} "bjensen"`);
  });

  it('parses pr', () => {
    expect(parse('title pr')).toBe('title pr');
  });

  it('accepts operators, keywords and attribute names in any case', () => {
    expect(parse('USERNAME EQ "x" AnD Title Pr OR NOT (Active Eq TRUE)')).toBe(
      '((userName eq "x" and title pr) or not(active eq true))',
    );
  });

  it('gives and precedence over or', () => {
    expect(parse('title pr or userName eq "a" and displayName eq "b"')).toBe(
      '(title pr or (userName eq "a" and displayName eq "b"))',
    );
    expect(parse('title pr and userName eq "a" or displayName eq "b"')).toBe(
      '((title pr and userName eq "a") or displayName eq "b")',
    );
  });

  it('gives not precedence over and, and keeps and/or left-associative', () => {
    expect(parse('not (title pr) and nickName pr')).toBe('(not(title pr) and nickName pr)');
    expect(parse('title pr or nickName pr or locale pr')).toBe('((title pr or nickName pr) or locale pr)');
  });

  it('lets parentheses override precedence', () => {
    expect(parse('(title pr or userName eq "a") and displayName eq "b"')).toBe(
      '((title pr or userName eq "a") and displayName eq "b")',
    );
    expect(parse('((((title pr))))')).toBe('title pr');
  });

  it('accepts "not attrExp" without parentheses as a lenient extension', () => {
    expect(parse('not title pr and nickName pr')).toBe('(not(title pr) and nickName pr)');
  });

  it('canonicalises sub-attributes and URN-qualified extension paths', () => {
    expect(parse('NAME.GIVENNAME sw "Ba"')).toBe('name.givenName sw "Ba"');
    expect(parse(`${ENT.toUpperCase()}:Department eq "Sales"`)).toBe(`${ENT}:department eq "Sales"`);
    expect(parse(`${ENT}:manager.value eq "42"`)).toBe(`${ENT}:manager.value eq "42"`);
    expect(parse(`${CUSTOM}:level ge 3`)).toBe(`${CUSTOM}:level ge 3`);
  });

  it('accepts the core URN prefix on core attributes', () => {
    expect(parse('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"')).toBe('userName eq "a"');
  });

  it('compares a complex attribute without sub-attribute through its value (Entra manager lookup)', () => {
    expect(parse(`id eq "7" and ${ENT}:manager eq "42"`)).toBe(`(id eq "7" and ${ENT}:manager.value eq "42")`);
    expect(parse('emails co "@example.com"')).toBe('emails.value co "@example.com"');
  });

  it('parses value paths with logical expressions inside', () => {
    expect(parse('emails[type eq "work" and primary eq true]')).toBe(
      'emails[(emails.type eq "work" and emails.primary eq true)]',
    );
    expect(parse('emails[not (type eq "home")] and title pr')).toBe('(emails[not(emails.type eq "home")] and title pr)');
  });

  it('binds the value-path-plus-sub-attribute form to the same element', () => {
    expect(parse('emails[type eq "work"].value eq "x@example.com"')).toBe(
      'emails[(emails.type eq "work" and emails.value eq "x@example.com")]',
    );
    expect(parse('Emails[Type eq "work"].Value pr')).toBe('emails[(emails.type eq "work" and emails.value pr)]');
  });

  it('accepts value paths on single-valued complex attributes (manager[value eq …])', () => {
    expect(parse(`${ENT}:manager[value eq "42"]`)).toBe(`${ENT}:manager[${ENT}:manager.value eq "42"]`);
  });

  it('decodes JSON string escapes', () => {
    const f = parseFilter('displayName eq "a \\"quoted\\" \\\\ \\u00e9\\n"', registry);
    expect(f.kind === 'compare' && f.value).toBe('a "quoted" \\ é\n');
  });

  it('accepts a decoded query string with spaces, tabs and newlines between tokens', () => {
    expect(parse('userName eq "Barbara Jensen"')).toBe('userName eq "Barbara Jensen"');
    expect(parse('  userName\teq\n"a b"  and  title  pr ')).toBe('(userName eq "a b" and title pr)');
  });

  it('parses numbers, booleans and null case-insensitively', () => {
    expect(parse(`${CUSTOM}:level gt -1.5e2`)).toBe(`${CUSTOM}:level gt -150`);
    expect(parse('active eq FALSE')).toBe('active eq false');
    expect(parse(`${CUSTOM}:badge ne True`)).toBe(`${CUSTOM}:badge ne true`);
    expect(parse('title eq NULL')).toBe('not(title pr)');
    expect(parse('title ne null')).toBe('title pr');
  });

  it('accepts "True"/"False" strings for booleans, as Entra sends them', () => {
    expect(parse('active eq "True"')).toBe('active eq true');
    expect(parse('emails[primary eq "false"]')).toBe('emails[emails.primary eq false]');
  });

  it('keeps the literal text of an unquoted number compared with a string attribute', () => {
    expect(parse(`${ENT}:employeeNumber eq 12345`)).toBe(`${ENT}:employeeNumber eq "12345"`);
    expect(parse('externalId eq 1.50')).toBe('externalId eq "1.50"');
  });

  it('parses the Okta and Entra lookups', () => {
    expect(parse('userName eq "test.user@okta.local"')).toBe('userName eq "test.user@okta.local"');
    expect(parse('externalId eq "00ujl29u0le5T6Aj10h7"')).toBe('externalId eq "00ujl29u0le5T6Aj10h7"');
    expect(parse('userName eq "AlIcE@EXAMPLE.com"')).toBe('userName eq "AlIcE@EXAMPLE.com"');
  });
});
