import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../../main/core/scim/errors.js';
import { MAX_FILTER_LENGTH } from '../../../../../main/core/scim/filter/lexer.js';
import { MAX_FILTER_DEPTH, parseFilter } from '../../../../../main/core/scim/filter/parser.js';
import { createSchemaRegistry } from '../../../../../main/core/scim/schema-registry.js';

const registry = createSchemaRegistry([{ urn: 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User', name: 'level', type: 'integer' }]);

/** The ScimError parseFilter throws, or a failure naming what happened instead. */
function errorOf(text: string): ScimError {
  try {
    parseFilter(text, registry);
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw new Error(`expected a ScimError for ${JSON.stringify(text.slice(0, 60))}`, { cause: err });
  }
  throw new Error(`expected ${JSON.stringify(text.slice(0, 60))} to be rejected`);
}

describe('parseFilter errors', () => {
  it('returns invalidFilter for a dangling "and"', () => {
    const err = errorOf('userName eq "x" and');
    expect(err).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect(err.detail).toBe('Unexpected end of filter at position 19; expected an attribute name');
  });

  it('names the position of an unexpected keyword', () => {
    expect(errorOf('userName eq "x" and and title pr').detail).toBe(
      'Unexpected token "and" at position 20; expected an attribute name',
    );
    expect(errorOf('userName eq "x" title pr').detail).toBe('Unexpected token "title" at position 16');
  });

  it('returns invalidFilter for an unknown attribute', () => {
    expect(errorOf('favouriteColour eq "blue"')).toMatchObject({
      scimType: 'invalidFilter',
      detail: 'Unknown attribute "favouriteColour" at position 0',
    });
    expect(errorOf('name.nickname eq "x"').detail).toContain('Unknown attribute "name.nickname"');
    expect(errorOf('urn:ietf:params:scim:schemas:extension:Nope:2.0:User:x eq "1"').scimType).toBe('invalidFilter');
    expect(errorOf('emails[urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"]').detail).toContain('Unknown attribute');
  });

  it('returns invalidFilter for an unterminated string', () => {
    expect(errorOf('userName eq "abc').detail).toBe('Unterminated string starting at position 12');
    expect(errorOf('userName eq "abc\\"').detail).toBe('Unterminated string starting at position 12');
  });

  it('rejects invalid escapes and raw control characters in strings', () => {
    expect(errorOf('userName eq "a\\qb"').detail).toBe('Invalid string literal at position 12');
    expect(errorOf('userName eq "a\u0001b"').scimType).toBe('invalidFilter');
  });

  it('rejects the bare Okta 2016 "filter=USERNAME" form', () => {
    expect(errorOf('USERNAME').detail).toBe('Unexpected end of filter at position 8; expected an operator after "userName"');
    expect(errorOf('filter=USERNAME').detail).toBe('Unexpected character "=" at position 6');
  });

  it('rejects SQL-looking attribute names', () => {
    expect(errorOf('userName;DROP TABLE members eq "x"').detail).toBe('Unexpected character ";" at position 8');
    expect(errorOf('userName--').scimType).toBe('invalidFilter');
  });

  it('rejects unknown operators, missing values and missing parentheses', () => {
    expect(errorOf('userName like "x"').detail).toContain('Unexpected token "like" at position 9');
    expect(errorOf('userName eq').detail).toContain('expected a value');
    expect(errorOf('(userName eq "x"').detail).toBe('Unexpected end of filter at position 16; expected ")"');
    expect(errorOf('emails[type eq "work"').detail).toContain('expected "]"');
    expect(errorOf('userName eq "x")').detail).toBe('Unexpected token ")" at position 15');
    expect(errorOf('').detail).toBe('Unexpected end of filter at position 0; expected an attribute name');
  });

  it('rejects type mismatches with the attribute definition', () => {
    expect(errorOf('active gt true').detail).toContain('not defined for boolean attribute "active"');
    expect(errorOf('active eq "maybe"').detail).toContain('Expected true or false');
    expect(errorOf('userName eq true').detail).toContain('Expected a string');
    expect(errorOf('urn:ietf:params:scim:schemas:extension:Acme:2.0:User:level co 1').detail).toContain('not defined for numeric');
    expect(errorOf('urn:ietf:params:scim:schemas:extension:Acme:2.0:User:level eq "1"').detail).toContain('Expected a number');
    expect(errorOf('title gt null').detail).toContain('cannot compare with null');
    expect(errorOf('userName eq 007').detail).toBe('Invalid number at position 12');
  });

  it('rejects value filters on simple attributes, nested value filters and comparing complex attributes', () => {
    expect(errorOf('userName[value eq "x"]').detail).toContain('is not complex');
    expect(errorOf('emails[type[value eq "x"]]').detail).toContain('cannot be nested');
    expect(errorOf('name eq "x"').detail).toContain('is complex; compare one of its sub-attributes');
  });

  it('refuses to filter on password', () => {
    expect(errorOf('password eq "hunter2"').detail).toContain('cannot be used in a filter');
    expect(errorOf('password pr').scimType).toBe('invalidFilter');
  });

  it('rejects a depth bomb of 5000 nested parentheses without a RangeError', () => {
    const bomb = `${'('.repeat(5000)}userName eq "x"${')'.repeat(5000)}`;
    // Over the length cap too; check the depth guard separately with a bomb that fits.
    expect(errorOf(bomb).scimType).toBe('invalidFilter');
    const fits = `${'('.repeat(1000)}title pr${')'.repeat(1000)}`;
    expect(errorOf(fits).detail).toBe(`Filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${MAX_FILTER_DEPTH}`);
    expect(errorOf(`${'not '.repeat(500)}title pr`).detail).toContain('nests deeper');
    expect(errorOf(`${'emails[not ('.repeat(100)}`).scimType).toBe('invalidFilter');
  });

  it('accepts nesting up to the limit', () => {
    const ok = `${'('.repeat(MAX_FILTER_DEPTH)}title pr${')'.repeat(MAX_FILTER_DEPTH)}`;
    expect(parseFilter(ok, registry).kind).toBe('present');
  });

  it('rejects filters over the length cap', () => {
    expect(errorOf(`displayName eq "${'a'.repeat(MAX_FILTER_LENGTH)}"`).detail).toBe(
      `Filter is longer than ${MAX_FILTER_LENGTH} characters`,
    );
  });

  it('handles a long flat and-chain within the length cap', () => {
    const chain = Array.from({ length: 400 }, () => 'id pr').join(' and ');
    expect(chain.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(parseFilter(chain, registry).kind).toBe('and');
  });
});

/** Pieces that make near-valid filters, so fuzzing reaches deep into the grammar. */
const FRAGMENTS = [
  'userName', 'emails', 'name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'active',
  ' eq ', ' ne ', ' co ', ' pr', ' gt ', ' and ', ' or ', 'not ', '(', ')', '[', ']', '.', 'value', 'type',
  '"x"', '"', '\\', '"\\u00', 'true', 'null', '-', '1e', '0', '12.5', ' ', '$ref', ':', 'urn:', ';', '=',
];

describe('parseFilter never throws anything but invalidFilter', () => {
  const check = (text: string): void => {
    try {
      parseFilter(text, registry);
    } catch (err) {
      expect(err).toBeInstanceOf(ScimError);
      expect((err as ScimError).scimType).toBe('invalidFilter');
    }
  };

  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), check), { numRuns: 2000 });
  });

  it('on random sequences of grammar fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')), check),
      { numRuns: 3000 },
    );
  });

  it('on deep random nesting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('(', 'not (', 'emails[', 'not '), (n, open) => check(`${open.repeat(n)}title pr`)),
      { numRuns: 50 },
    );
  });
});
