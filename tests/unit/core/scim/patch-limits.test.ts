import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatchBody } from '../../../../main/core/scim/patch.js';
import type { PatchOperation } from '../../../../main/core/scim/patch.js';
import { createSchemaRegistry } from '../../../../main/core/scim/schema-registry.js';
import { ScimError } from '../../../../main/core/scim/errors.js';
import type { UserDoc } from '../../../../main/core/scim/resources/user-doc.js';

/**
 * Bounded PATCH cost (issue #15 item 4): limits are checked as each operation applies, so a PATCH
 * fails at the first operation that breaks one instead of growing a list for a thousand operations.
 */

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const registry = createSchemaRegistry([{ urn: CUSTOM, name: 'CustomAttribute' }]);
const base = (): UserDoc => ({ userName: 'babs@contoso.com', emails: [{ type: 'work', value: 'babs@contoso.com', primary: true }] });
const ops = (list: unknown[]): PatchOperation[] => parsePatchBody({ Operations: list });
const thousand = (f: (i: number) => unknown): PatchOperation[] => ops(Array.from({ length: 1000 }, (_, i) => f(i)));

function refusal(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected a ScimError');
}

/** Median wall time of `fn` over a few runs, in ms: one slow run (GC, a busy shared core) does not decide. */
function medianMs(fn: () => void, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

describe('PATCH limits, checked as each operation applies', () => {
  it('refuses 1,000 growing adds on emails at the operation that passes 100 values, in under 50 ms', () => {
    const growing = thousand((i) => ({ op: 'add', path: 'emails', value: [{ value: `u${i}@example.com` }] }));
    const err = refusal(() => applyPatch(base(), growing, registry, 'id-1'));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('invalidValue');
    // The existing work email plus 100 adds makes 101: operation index 99 is the first over the limit.
    expect(err.detail).toContain('Operations[99]');
    expect(medianMs(() => expect(() => applyPatch(base(), growing, registry, 'id-1')).toThrow(ScimError))).toBeLessThan(50);
  });

  it('applies 1,000 adds on emails that stay within the limits in under 50 ms', () => {
    const types = ['work', 'home', 'other'];
    const bounded = thousand((i) => ({ op: 'add', path: 'emails', value: [{ type: types[i % 3], value: `u${i}@example.com` }] }));
    const doc = applyPatch(base(), bounded, registry, 'id-1');
    expect(doc.emails).toEqual([
      { type: 'home', value: 'u997@example.com' },
      { type: 'other', value: 'u998@example.com' },
      { type: 'work', value: 'u999@example.com' },
    ]);
    expect(medianMs(() => applyPatch(base(), bounded, registry, 'id-1'))).toBeLessThan(50);
  });

  it('refuses 1,000 value-filter adds that would each create an element once the list passes 100', () => {
    const filtered = thousand((i) => ({ op: 'add', path: `emails[value eq "u${i}@example.com"].display`, value: `U ${i}` }));
    expect(refusal(() => applyPatch(base(), filtered, registry, 'id-1')).detail).toContain('Operations[99]');
    expect(medianMs(() => expect(() => applyPatch(base(), filtered, registry, 'id-1')).toThrow(ScimError))).toBeLessThan(50);
  });

  it('checks lists inside no-path values and extension objects too', () => {
    const tags = (n: number) => ({ op: 'add', value: { [CUSTOM]: { CustomAttribute: 'x' }, 'urn:example:unmapped:2.0:User': { tags: Array.from({ length: n }, (_, j) => j) } } });
    expect(refusal(() => applyPatch(base(), ops([tags(3), tags(101)]), registry, 'id-1')).detail).toMatch(/^Operations\[1\]: /);
    expect(applyPatch(base(), ops([tags(100)]), registry, 'id-1')['urn:example:unmapped:2.0:User']).toEqual({ tags: Array.from({ length: 100 }, (_, j) => j) });
  });

  it('refuses an over-long string or list in an operation value before applying it', () => {
    const long = refusal(() => applyPatch(base(), ops([{ op: 'replace', path: 'displayName', value: 'ok' }, { op: 'replace', path: `${ENT}:department`, value: 'x'.repeat(64 * 1024 + 1) }]), registry, 'id-1'));
    expect(long.scimType).toBe('invalidValue');
    expect(long.detail).toMatch(/^Operations\[1\]: a value is longer than 65536 characters/);
    const many = Array.from({ length: 101 }, (_, i) => ({ value: `p${i}` }));
    expect(refusal(() => applyPatch(base(), ops([{ op: 'add', path: 'phoneNumbers', value: many }]), registry, 'id-1')).detail).toMatch(/^Operations\[0\]: /);
    // Within the limits the same shapes apply.
    expect(applyPatch(base(), ops([{ op: 'add', path: 'phoneNumbers', value: many.slice(0, 100) }]), registry, 'id-1').phoneNumbers).toHaveLength(100);
  });
});
