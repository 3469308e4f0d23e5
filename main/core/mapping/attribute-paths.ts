import { isPlainObject } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import type { SchemaRegistry } from '../scim/schema-registry.js';

/** Attributes that are the member's identity or state, never a field to map. */
const NOT_MAPPABLE = new Set(['username', 'externalid', 'active', 'groups', 'password', 'id', 'meta', 'schemas']);
/** Sub-attributes that label an element rather than carry its data. */
const LABELS = new Set(['type', 'primary', 'display']);
const EXAMPLE_CHARS = 80;

const text = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > EXAMPLE_CHARS ? `${s.slice(0, EXAMPLE_CHARS - 1)}…` : s;
};
const isScalar = (v: unknown): boolean => v !== null && v !== undefined && v !== '' && typeof v !== 'object';

/** A normal form for comparing SCIM paths: no spaces, no case (`emails[type eq "Work"].value`). */
export const pathKey = (path: string): string => path.replace(/\s+/g, '').toLowerCase();

/**
 * Every path a mapping row could read from this SCIM document, with a value: simple attributes
 * (`nickName`), sub-attributes (`name.middleName`), typed elements (`emails[type eq "home"].value`,
 * untyped ones as `emails.value`), extension attributes (`urn:…:User:CostCentre`, `…:desk.floor`).
 * The paths use the grammar mapping rows use, so one can be mapped as it is.
 */
export function attributePaths(doc: UserDoc, registry: SchemaRegistry): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const add = (path: string, value: unknown): void => {
    if (!out.has(path)) out.set(path, text(value));
  };
  for (const [key, value] of Object.entries(doc)) {
    if (key.toLowerCase().startsWith('urn:')) {
      if (!isPlainObject(value)) continue;
      for (const [attr, v] of Object.entries(value)) {
        if (NOT_MAPPABLE.has(attr.toLowerCase())) continue;
        // A reference (`manager: {value}`) is read as a whole; other objects by their scalar parts.
        if (isPlainObject(v) && !('value' in v)) {
          for (const [sub, x] of Object.entries(v)) if (isScalar(x)) add(`${key}:${attr}.${sub}`, x);
        } else if (v !== null && v !== undefined && v !== '') add(`${key}:${attr}`, isPlainObject(v) ? v.value : Array.isArray(v) ? v[0] : v);
      }
      continue;
    }
    const def = registry.resolve(key)?.attr;
    if (!def || NOT_MAPPABLE.has(def.name.toLowerCase())) continue;
    if (def.multiValued && Array.isArray(value)) {
      for (const el of value) {
        if (!isPlainObject(el)) {
          if (isScalar(el)) add(key, el);
          continue;
        }
        const label = typeof el.type === 'string' && el.type !== '' ? `[type eq "${el.type}"]` : '';
        for (const [sub, x] of Object.entries(el)) if (!LABELS.has(sub) && isScalar(x)) add(`${key}${label}.${sub}`, x);
      }
    } else if (def.type === 'complex' && isPlainObject(value)) {
      for (const [sub, x] of Object.entries(value)) if (isScalar(x)) add(`${key}.${sub}`, x);
    } else if (isScalar(value)) add(key, value);
  }
  return out;
}
