import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveFields, mappingPathProblem, readScimPath } from '../../../../main/core/mapping/attribute-map.js';
import { customExtensionAttrs } from '../../../../main/core/mapping/catalog.js';
import { createSchemaRegistry } from '../../../../main/core/scim/schema-registry.js';
import { ScimError } from '../../../../main/core/scim/errors.js';
import { DEFAULT_MAPPING, MEMBER_FIELDS } from '../../../../shared/api/mapping.js';
import type { CustomField, MappingRow } from '../../../../shared/api/mapping.js';
import type { UserDoc } from '../../../../main/core/scim/resources/user-doc.js';
import { ENT, pathArb, valueArb } from '../../../integration/reliability/patch-arbitraries.js';

/**
 * Property tests of the mapping engine (issue #8): whatever the stored document and whatever rows the
 * admin saved (including ones that no longer parse), deriveFields never throws and returns exactly
 * the member fields and custom fields, each a value of the right type or null.
 */

const CUSTOM_URN = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

const keyArb = fc.constantFrom('userName', 'displayName', 'title', 'name', 'emails', 'phoneNumbers', 'addresses', 'manager', 'active', 'roles', ENT, CUSTOM_URN, '__proto__', 'constructor', 'urn:x:y');
const docArb: fc.Arbitrary<UserDoc> = fc.oneof(
  fc.dictionary(keyArb, valueArb, { maxKeys: 8 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":"yes"},"emails":[{"__proto__":{"type":"work"},"value":"x"}]}') as UserDoc),
);

const customFieldArb: fc.Arbitrary<CustomField> = fc.record({
  key: fc.constantFrom('badge', 'start_date', 'remote', 'floor', 'constructor', 'toString'),
  label: fc.constant('Label'),
  type: fc.constantFrom('text', 'number', 'date', 'boolean'),
});

const rowArb = (keys: ReadonlyArray<string>): fc.Arbitrary<MappingRow> =>
  fc.record({
    scimPath: fc.oneof(pathArb, fc.constantFrom(...DEFAULT_MAPPING.map((r) => r.scimPath), `${CUSTOM_URN}:Badge`, `${CUSTOM_URN}:Floor.value`)),
    target: fc.oneof(fc.constantFrom(...MEMBER_FIELDS), fc.constantFrom(...keys.map((k) => `custom:${k}`), 'custom:missing')),
    enabled: fc.boolean(),
  });

const inputArb = fc
  .uniqueArray(customFieldArb, { selector: (f) => f.key, maxLength: 4 })
  .chain((fields) => fc.tuple(docArb, fc.array(rowArb(fields.map((f) => f.key)), { maxLength: 25 }), fc.constant(fields)));

describe('mapping engine properties', () => {
  it('deriveFields never throws and returns every field typed or null', () => {
    fc.assert(
      fc.property(inputArb, ([doc, rows, fields]) => {
        const registry = createSchemaRegistry(customExtensionAttrs(rows));
        const before = structuredClone(doc);
        const { fields: out, custom } = deriveFields(doc, rows, fields, registry);
        expect(doc).toEqual(before);
        expect(Object.keys(out).sort()).toEqual([...MEMBER_FIELDS].sort());
        for (const v of Object.values(out)) expect(v === null || typeof v === 'string').toBe(true);
        expect(Object.keys(custom).sort()).toEqual(fields.map((f) => f.key).sort());
        for (const f of fields) {
          const v = custom[f.key];
          if (v === null) continue;
          if (f.type === 'number') expect(Number.isFinite(v)).toBe(true);
          else if (f.type === 'boolean') expect(typeof v).toBe('boolean');
          else if (f.type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          else expect(typeof v).toBe('string');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 800 },
    );
  });

  it('readScimPath gives text or null, or a ScimError 400 for a path that does not parse', () => {
    const registry = createSchemaRegistry([{ urn: CUSTOM_URN, name: 'Badge' }]);
    fc.assert(
      fc.property(docArb, pathArb, (doc, path) => {
        try {
          const v = readScimPath(doc, path, registry);
          expect(v === null || typeof v === 'string').toBe(true);
          expect(mappingPathProblem(path, registry)).toBeUndefined();
        } catch (err) {
          expect(err).toBeInstanceOf(ScimError);
          expect((err as ScimError).status).toBe(400);
          expect(mappingPathProblem(path, registry)).toBe((err as ScimError).detail);
        }
      }),
      { numRuns: 800 },
    );
  });
});
