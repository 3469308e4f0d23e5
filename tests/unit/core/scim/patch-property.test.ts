import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatch, parsePatchBody } from '../../../../main/core/scim/patch.js';
import { createSchemaRegistry } from '../../../../main/core/scim/schema-registry.js';
import { ScimError } from '../../../../main/core/scim/errors.js';
import { toUserDoc } from '../../../../main/core/scim/resources/user-doc.js';
import type { UserDoc } from '../../../../main/core/scim/resources/user-doc.js';
import { CUSTOM, ENT, PATCH_SCIM_TYPES, operationArb, patchBodyArb } from '../../../integration/reliability/patch-arbitraries.js';

/**
 * Property tests of the PATCH engine (issue #8): for any body and any stored document, parsing and
 * applying either yields a valid canonical document or throws ScimError 400 with a PATCH scimType;
 * no other exception escapes, the stored document is never mutated, and nothing reaches
 * Object.prototype.
 */

const registry = createSchemaRegistry([{ urn: CUSTOM, name: 'CustomAttribute' }]);

const storedDocArb: fc.Arbitrary<UserDoc> = fc
  .record(
    {
      userName: fc.constantFrom('babs@contoso.com', 'x'),
      displayName: fc.string({ maxLength: 20 }),
      active: fc.boolean(),
      name: fc.record({ givenName: fc.string({ maxLength: 8 }), familyName: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }),
      emails: fc.constantFrom([{ type: 'work', value: 'babs@contoso.com', primary: true }, { type: 'home', value: 'b@home.example' }], [{ value: 'v@example.com' }]),
      phoneNumbers: fc.constant([{ type: 'mobile', value: '+1 555' }]),
      manager: fc.constant({ value: 'mgr-1' }),
      [ENT]: fc.record({ department: fc.string({ maxLength: 8 }), employeeNumber: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
      'urn:unmapped:ext:1.0:User': fc.constant({ a: 1, b: [1, 2] }),
    },
    { requiredKeys: ['userName'] },
  )
  // Stored documents are canonical: they went through toUserDoc on the way in.
  .map((d) => toUserDoc(d, registry));

/** Run one PATCH; classify the outcome, failing the property on anything but a doc or a PATCH 400. */
function outcome(doc: UserDoc, body: unknown): { doc: UserDoc } | { error: ScimError } {
  try {
    return { doc: applyPatch(doc, parsePatchBody(body), registry, 'id-1') };
  } catch (err) {
    if (!(err instanceof ScimError)) throw new Error(`non-SCIM exception escaped: ${String(err)}`, { cause: err });
    return { error: err };
  }
}

function hasOwnPoisonKey(v: unknown, depth = 0): boolean {
  if (depth > 50 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => hasOwnPoisonKey(x, depth + 1));
  return Object.keys(v).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || hasOwnPoisonKey((v as Record<string, unknown>)[k], depth + 1));
}

const checkPrototypeClean = (): void => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
};

describe('PATCH engine properties', () => {
  it('gives a valid document or a PATCH 400, never another exception, and never mutates the stored doc', () => {
    fc.assert(
      fc.property(storedDocArb, patchBodyArb, (doc, body) => {
        const before = structuredClone(doc);
        const r = outcome(doc, body);
        expect(doc).toEqual(before);
        if ('error' in r) {
          expect(r.error.status).toBe(400);
          expect(PATCH_SCIM_TYPES).toContain(r.error.scimType);
          expect(r.error.detail.length).toBeGreaterThan(0);
        } else {
          // Valid = canonical (toUserDoc changes nothing), plain JSON, and free of prototype keys.
          expect(toUserDoc(r.doc, registry)).toEqual(r.doc);
          expect(JSON.parse(JSON.stringify(r.doc))).toEqual(r.doc);
          expect(hasOwnPoisonKey(r.doc)).toBe(false);
          expect(r.doc.id).toBeUndefined();
          expect(r.doc.meta).toBeUndefined();
          expect(r.doc.password).toBeUndefined();
        }
        checkPrototypeClean();
      }),
      { numRuns: 600 },
    );
  });

  it('applies a whole PATCH or nothing: a failing operation after good ones leaves no trace', () => {
    fc.assert(
      fc.property(storedDocArb, fc.array(operationArb, { maxLength: 4 }), (doc, good) => {
        const before = structuredClone(doc);
        const failing = { op: 'replace', path: 'id', value: 'another-id' }; // always 400 mutability
        const r = outcome(doc, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [...good, failing] });
        expect('error' in r).toBe(true);
        expect(doc).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  // Found by the property above: a plain-string manager id once skipped the NUL/length checks.
  it('validates a plain-string manager id like any other string', () => {
    const doc = toUserDoc({ userName: 'm@example.com' }, registry);
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: `${ENT}:manager`, value: 'm\u0000'.repeat(2) }] };
    const r = outcome(doc, body);
    expect('error' in r && r.error.scimType).toBe('invalidValue');
  });

  it('is deterministic: the same PATCH on the same document gives the same result', () => {
    fc.assert(
      fc.property(storedDocArb, patchBodyArb, (doc, body) => {
        const a = outcome(doc, body);
        const b = outcome(structuredClone(doc), structuredClone(body));
        if ('doc' in a && 'doc' in b) expect(b.doc).toEqual(a.doc);
        else if ('error' in a && 'error' in b) expect([b.error.scimType, b.error.detail]).toEqual([a.error.scimType, a.error.detail]);
        else expect.unreachable('one run failed and the other did not');
      }),
      { numRuns: 200 },
    );
  });
});
