import { isPlainObject } from '../scim/resources/user-doc.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import type { AttributeDef, SchemaRegistry } from '../scim/schema-registry.js';

/**
 * Credentials that are not SCIM attributes but may still turn up in a body (a misconfigured client
 * echoing its token): never logged either. The SCIM secrets themselves come from the schema.
 */
const CREDENTIAL_NAMES = ['secret', 'token', 'authorization', 'connectorkey', 'admintoken', 'apikey', 'clientsecret'];
const MAX_LOGGED_CHARS = 16 * 1024;
const REDACTED = '[redacted]';

/** The built-in schemas: the only ones with `returned: never` attributes (custom extensions never have them). */
const DEFAULT_REGISTRY = createSchemaRegistry();
const secretNamesCache = new WeakMap<SchemaRegistry, ReadonlySet<string>>();

/**
 * Lower-case names of every attribute or sub-attribute the schema marks `returned: never`
 * (RFC 7643 §7: password), plus {@link CREDENTIAL_NAMES}. Schema-driven, so a new write-only
 * attribute is redacted without touching this file.
 */
export function secretNamesOf(registry: SchemaRegistry = DEFAULT_REGISTRY): ReadonlySet<string> {
  const cached = secretNamesCache.get(registry);
  if (cached) return cached;
  const names = new Set(CREDENTIAL_NAMES);
  const visit = (defs: ReadonlyArray<AttributeDef>): void => {
    for (const d of defs) {
      if (d.returned === 'never') names.add(d.name.toLowerCase());
      visit(d.subAttributes ?? []);
    }
  };
  for (const s of registry.schemas) visit(s.attributes);
  secretNamesCache.set(registry, names);
  return names;
}

/**
 * The attribute names an attribute path or body key refers to, as the server would read it:
 * case and surrounding whitespace ignored, URN prefix dropped (`urn:…:core:2.0:User:password`),
 * dotted sub-attributes split, and a value filter skipped (`password[type eq "x"]`, `emails[…].password`).
 */
function namesIn(pathOrKey: string): string[] {
  const s = pathOrKey.trim().toLowerCase();
  const open = s.indexOf('[');
  // Before the filter: the attribute (after the last ':' of a URN); after the last ']': its sub-attribute.
  const parts = open < 0 ? [s] : [s.slice(0, open), s.slice(s.lastIndexOf(']') + 1)];
  return parts.flatMap((p) => (p.slice(p.lastIndexOf(':') + 1).split('.'))).map((n) => n.trim()).filter((n) => n !== '');
}

const isSecretName = (pathOrKey: string, secrets: ReadonlySet<string>): boolean => namesIn(pathOrKey).some((n) => secrets.has(n));

/** A key spelled as `name` once trimmed and lower-cased (`Path`, ` VALUE `). */
const isKey = (key: string, name: string): boolean => key.trim().toLowerCase() === name;

/** True when `obj` is a PATCH operation whose path (under any key spelling) names a secret attribute. */
function targetsSecret(obj: Record<string, unknown>, secrets: ReadonlySet<string>): boolean {
  return Object.entries(obj).some(([k, v]) => isKey(k, 'path') && typeof v === 'string' && isSecretName(v, secrets));
}

/**
 * A copy of a request or response body safe to store in the log: every attribute the schema marks
 * `returned: never` (and other credentials) replaced wherever it appears, however its key or PATCH
 * path is spelled; very large bodies cut to a summary so a hostile request cannot bloat the log table.
 */
export function redactBody(body: unknown, registry: SchemaRegistry = DEFAULT_REGISTRY): unknown {
  if (body === undefined || body === null) return null;
  // A walk that stops at the limit instead of serialising every body just to measure it.
  if (sizeAtLeast(body, MAX_LOGGED_CHARS)) return { truncated: true, approxChars: safeLength(body) };
  return redactValue(body, secretNamesOf(registry), 0);
}

function redactValue(body: unknown, secrets: ReadonlySet<string>, depth: number): unknown {
  if (depth > 10) return '[nested too deeply]';
  if (Array.isArray(body)) return body.map((v) => redactValue(v, secrets, depth + 1));
  if (!isPlainObject(body)) return body;
  // PATCH ops carry the attribute in "path": {"Path":"password","Value":"…"} must hide the value too.
  const isSecretOp = targetsSecret(body, secrets);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '__proto__') continue;
    if (isSecretName(k, secrets) || (isSecretOp && isKey(k, 'value'))) out[k] = REDACTED;
    // The filter of a secret path could carry the secret itself (`password[value eq "…"]`).
    else if (isSecretOp && isKey(k, 'path') && typeof v === 'string' && v.includes('[')) out[k] = `${v.slice(0, v.indexOf('['))}[${REDACTED}]`;
    else out[k] = redactValue(v, secrets, depth + 1);
  }
  return out;
}

/** True when `v` serialises to at least `limit` characters (counts strings and keys, stops early). */
function sizeAtLeast(v: unknown, limit: number): boolean {
  let left = limit;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') left -= x.length + 3;
    else if (Array.isArray(x)) {
      left -= x.length + 2;
      for (const el of x) stack.push(el);
    } else if (x !== null && typeof x === 'object') {
      for (const [k, el] of Object.entries(x)) {
        left -= k.length + 4;
        stack.push(el);
      }
    } else left -= 6;
    if (left <= 0) return true;
  }
  return false;
}

function safeLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}
