import { URN_ENTERPRISE_USER, URN_USER } from '../../../../shared/scim/urns.js';
import { invalidSyntax, invalidValue } from '../errors.js';
import type { AttributeDef, SchemaRegistry } from '../schema-registry.js';

/**
 * The stored form of a SCIM user: the resource as the IdP sent it, with attribute names in canonical
 * case, booleans as booleans, `manager` as `{value}`, and without `id`, `meta`, `schemas` and `password`
 * (those are the server's or never kept). Extension attributes live under their schema URN.
 */
export type UserDoc = Record<string, unknown>;

/** Keys that would reach Object.prototype if copied with bracket assignment. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Upper bound on elements of one multi-valued attribute: a person has a handful of emails, not thousands. */
export const MAX_MULTI_VALUES = 100;
/** Upper bound on one string value (characters). */
export const MAX_STRING = 64 * 1024;
/** Attributes that belong to the server. Attributes the schema marks `returned: never` (password) are never stored either. */
const SERVER_KEYS = new Set(['id', 'meta', 'schemas']);

/** RFC 7643 §7 `returned: never` (password): write-only, so SCIM Desk drops it before anything is stored. */
const isNeverReturned = (def: AttributeDef): boolean => def.returned === 'never';

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse SCIM booleans: JSON booleans, and the "True"/"False" strings Entra sends, in any case. */
export function toBoolean(v: unknown, where: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  throw invalidValue(`${where} must be a boolean (true/false), got ${JSON.stringify(v)?.slice(0, 40)}`);
}

/** A UTF-16 surrogate with no partner: in a `u` regex it is the code point U+D800–U+DFFF (category Cs). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuse a lone surrogate (`"lone\ud800@x"` in JSON): it is not Unicode, SQLite would store it as
 * invalid UTF-8, and it made a distinct user from the same visible name (issue #15 item 8).
 */
function checkWellFormed(s: string, where: string): void {
  if (LONE_SURROGATE.test(s)) throw invalidValue(`${where} contains a lone surrogate (a broken UTF-16 character)`);
}

function toStringValue(v: unknown, where: string): string {
  if (typeof v === 'string') {
    if (v.length > MAX_STRING) throw invalidValue(`${where} is longer than ${MAX_STRING} characters`);
    if (v.includes('\u0000')) throw invalidValue(`${where} contains a NUL character`);
    checkWellFormed(v, where);
    return v;
  }
  // Some IdP mappings send numbers (employeeNumber) for string attributes; keep their text.
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw invalidValue(`${where} must be a string`);
}

function toNumber(v: unknown, def: AttributeDef, where: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n))) {
    throw invalidValue(`${where} must be ${def.type === 'integer' ? 'an integer' : 'a number'}`);
  }
  return n;
}

const findKey = (obj: Record<string, unknown>, name: string): string | undefined =>
  Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());

/**
 * Normalise the manager reference: a plain id string, `{value}`, or `[{value}]` all become `{value}`;
 * a `$ref` sent with it is kept (the schema publishes it as writable and returned). `displayName` is
 * read-only and dropped.
 */
function normaliseManager(v: unknown, where: string): Record<string, unknown> | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === null || first === undefined || first === '') return undefined;
  if (typeof first === 'string') return { value: toStringValue(first, `${where}.value`) };
  if (isPlainObject(first)) {
    const key = findKey(first, 'value');
    const value = key === undefined ? undefined : first[key];
    if (value === null || value === undefined || value === '') return undefined;
    const refKey = findKey(first, '$ref');
    const ref = refKey === undefined ? undefined : first[refKey];
    const hasRef = ref !== null && ref !== undefined && ref !== '';
    return { value: toStringValue(value, `${where}.value`), ...(hasRef ? { $ref: toStringValue(ref, `${where}.$ref`) } : {}) };
  }
  throw invalidValue(`${where} must be a user id, {"value": id} or [{"value": id}]`);
}

function canonComplex(def: AttributeDef, v: unknown, where: string): Record<string, unknown> | undefined {
  if (!isPlainObject(v)) throw invalidValue(`${where} must be an object`);
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(v)) {
    const sub = def.subAttributes?.find((s) => s.name.toLowerCase() === k.toLowerCase());
    if (!sub || isNeverReturned(sub)) continue; // unknown sub-attributes ($ref:null from Entra, display from Okta on groups) are dropped
    const val = canonSimple(sub, raw, `${where}.${sub.name}`);
    if (val !== undefined) out[sub.name] = val;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function canonSimple(def: AttributeDef, v: unknown, where: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      return toBoolean(v, where);
    case 'integer':
    case 'decimal':
      return toNumber(v, def, where);
    case 'complex':
      return canonComplex(def, v, where);
    default:
      return toStringValue(v, where);
  }
}

/** Canonicalise one attribute's value; `undefined` means "absent" (null, empty string on complex, empty array). */
export function canonAttribute(def: AttributeDef, v: unknown, where: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.name === 'manager') return normaliseManager(v, where);
  if (!def.multiValued) {
    if (Array.isArray(v)) throw invalidValue(`${where} is single-valued; got an array`);
    return canonSimple(def, v, where);
  }
  const list = Array.isArray(v) ? v : [v];
  if (list.length > MAX_MULTI_VALUES) throw invalidValue(`${where} has more than ${MAX_MULTI_VALUES} values`);
  const out = normalisePrimary(def, list.map((el, i) => canonSimple(def, el, `${where}[${i}]`)).filter((el) => el !== undefined));
  return out.length > 0 ? out : undefined;
}

/**
 * Every element the client sent is kept, duplicates of a `type` included (two work emails): dropping
 * one lost data without a word (issue #18). Only `primary` is normalised: RFC 7643 §2.4 allows it on
 * at most one element, so the first primary stays and later ones are cleared.
 */
function normalisePrimary(def: AttributeDef, list: ReadonlyArray<unknown>): unknown[] {
  if (!def.subAttributes?.some((s) => s.name === 'primary')) return [...list];
  let hasPrimary = false;
  return list.map((el) => {
    if (!isPlainObject(el) || el.primary !== true) return el;
    if (!hasPrimary) {
      hasPrimary = true;
      return el;
    }
    return { ...el, primary: false };
  });
}

/**
 * True when a key of an unmapped extension names an attribute the schema never returns, however it is
 * spelled (` Password `, `urn:…:core:2.0:User:password`): such a value is dropped, never kept verbatim.
 */
function namesNeverReturned(key: string, registry: SchemaRegistry): boolean {
  const name = key.slice(key.lastIndexOf(':') + 1).trim();
  const r = name === '' ? undefined : registry.resolve(name);
  return r !== undefined && isNeverReturned(r.sub ?? r.attr);
}

/** Deep copy of an unregistered extension object, without prototype-polluting keys or never-returned attributes. */
function cleanJson(v: unknown, registry: SchemaRegistry, depth = 0): unknown {
  if (depth > 8) throw invalidValue('Extension values are nested too deeply');
  if (Array.isArray(v)) return v.map((x) => cleanJson(x, registry, depth + 1));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (POISON_KEYS.has(k) || namesNeverReturned(k, registry)) continue;
      checkWellFormed(k, 'An extension attribute name');
      out[k] = cleanJson(x, registry, depth + 1);
    }
    return out;
  }
  if (typeof v === 'string') {
    // The same limits as any string attribute: what the IdP sends is kept as sent, within them.
    if (v.length > MAX_STRING) throw invalidValue(`An extension value is longer than ${MAX_STRING} characters`);
    if (v.includes('\u0000')) throw invalidValue('An extension value contains a NUL character');
    checkWellFormed(v, 'An extension value');
  }
  return v;
}

/**
 * Turn a client body (POST/PUT, or the result of a PATCH) into a {@link UserDoc}.
 * Unknown core attributes are ignored (RFC 7644 §3.3 lets the server drop what it does not define);
 * wrongly typed known ones are a 400 `invalidValue`.
 */
export function toUserDoc(body: unknown, registry: SchemaRegistry): UserDoc {
  if (!isPlainObject(body)) throw invalidSyntax('The request body must be a JSON object (a SCIM User resource).');
  const doc: UserDoc = {};
  for (const [key, raw] of Object.entries(body)) {
    if (POISON_KEYS.has(key) || SERVER_KEYS.has(key.toLowerCase())) continue;
    if (key.toLowerCase().startsWith('urn:')) {
      if (raw === null || raw === undefined || namesNeverReturned(key, registry)) continue;
      if (!isPlainObject(raw)) throw invalidValue(`${key} must be an object of extension attributes`);
      const urn = registry.canonicalUrn(key);
      if (urn === undefined) {
        checkWellFormed(key, 'An extension URN');
        doc[key] = cleanJson(raw, registry); // an extension the admin has not mapped yet: keep it, so mapping it later works
        continue;
      }
      const isCustom = urn !== URN_USER && urn !== URN_ENTERPRISE_USER;
      const ext: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        // `{"urn:…:core:2.0:User": {"password": …}}` resolves to the core password: dropped like the top-level one.
        const r = registry.resolve(`${urn}:${k}`);
        if (isCustom && (!r || !r.sub)) {
          // A custom extension keeps every attribute as sent, mapped or not (issue #18); a mapped one
          // under the mapping's spelling, so the mapping finds it.
          if (POISON_KEYS.has(k) || v === null || v === undefined || namesNeverReturned(k, registry) || (r && isNeverReturned(r.attr))) continue;
          checkWellFormed(k, 'An extension attribute name');
          ext[r?.attr.name ?? k] = cleanJson(v, registry);
          continue;
        }
        if (!r || r.sub || isNeverReturned(r.attr)) continue;
        const val = canonAttribute(r.attr, v, `${urn}:${r.attr.name}`);
        if (val !== undefined) ext[r.attr.name] = val;
      }
      if (Object.keys(ext).length > 0) doc[urn] = ext;
      continue;
    }
    const r = registry.resolve(key);
    if (!r || r.sub || r.isExtension || r.attr.mutability === 'readOnly' || isNeverReturned(r.attr)) continue;
    const val = canonAttribute(r.attr, raw, r.attr.name);
    if (val !== undefined) doc[r.attr.name] = val;
  }
  return doc;
}
