import { URN_USER } from '../../../../shared/scim/urns.js';
import type { SchemaRegistry } from '../schema-registry.js';
import { isPlainObject } from './user-doc.js';
import type { UserDoc } from './user-doc.js';

/** The parts of a member row a SCIM User is built from. */
export interface UserRowCore {
  readonly id: string;
  readonly scim_json: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** Weak ETag of a member version (RFC 7644 §3.14). */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * Build the SCIM User JSON for a stored row. `baseUrl` is the `/scim/v2` URL the client used; `doc`
 * is the row's stored resource, parsed at the repository edge (store/member-row.ts `storedDocOf`).
 */
export function toScimUser(row: UserRowCore, baseUrl: string, doc: UserDoc): Record<string, unknown> {
  const schemas = [URN_USER, ...Object.keys(doc).filter((k) => k.startsWith('urn:'))];
  return {
    schemas,
    id: row.id,
    ...doc,
    active: doc.active ?? true,
    meta: {
      resourceType: 'User',
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${baseUrl}/Users/${row.id}`,
      version: etagOf(row.version),
    },
  };
}

/** Attributes returned whatever `attributes`/`excludedAttributes` say (RFC 7643 `returned: always`). */
const ALWAYS = new Set(['id', 'schemas']);

interface Selector {
  readonly key: string;
  readonly sub?: string;
}

/** Split `name.givenName` or `urn:…:User:manager.value` into the resource key and optional sub-key. */
function toSelector(path: string, registry: SchemaRegistry): Selector | undefined {
  // `emails[type eq "work"]` is not an attribute name, but clients send it (Microsoft's test
  // collection does): project the whole attribute rather than dropping it.
  const r = registry.resolve(path.trim().replace(/\[[^\]]*\](\.|$)/, '$1'));
  if (!r) return undefined;
  const key = r.isExtension ? r.schema : r.attr.name;
  if (r.isExtension) return { key, sub: r.sub ? `${r.attr.name}.${r.sub.name}` : r.attr.name };
  return r.sub ? { key, sub: r.sub.name } : { key };
}

function pick(value: unknown, sub: string): unknown {
  const [first, rest] = sub.split('.', 2) as [string, string | undefined];
  if (Array.isArray(value)) {
    const list = value.map((v) => pick(v, sub)).filter((v) => v !== undefined);
    return list.length > 0 ? list : undefined;
  }
  if (!isPlainObject(value) || value[first] === undefined) return undefined;
  if (rest === undefined) return { [first]: value[first] };
  const inner = pick(value[first], rest);
  return inner === undefined ? undefined : { [first]: inner };
}

function merge(target: Record<string, unknown>, key: string, part: unknown): void {
  const existing = target[key];
  if (isPlainObject(existing) && isPlainObject(part)) target[key] = { ...existing, ...part };
  else target[key] = part;
}

/**
 * Apply the `attributes` / `excludedAttributes` query parameters (RFC 7644 §3.4.2.5) to a resource.
 * Unknown names are ignored, as the RFC allows.
 */
export function projectResource(
  resource: Record<string, unknown>,
  registry: SchemaRegistry,
  attributes: ReadonlyArray<string>,
  excluded: ReadonlyArray<string>,
): Record<string, unknown> {
  if (attributes.length > 0) {
    const out: Record<string, unknown> = {};
    for (const k of ALWAYS) if (resource[k] !== undefined) out[k] = resource[k];
    for (const path of attributes) {
      const sel = toSelector(path, registry);
      if (!sel || resource[sel.key] === undefined) continue;
      const part = sel.sub ? pick(resource[sel.key], sel.sub) : resource[sel.key];
      if (part !== undefined) merge(out, sel.key, part);
    }
    return out;
  }
  if (excluded.length === 0) return resource;
  const out: Record<string, unknown> = { ...resource };
  for (const path of excluded) {
    const sel = toSelector(path, registry);
    if (!sel || ALWAYS.has(sel.key)) continue;
    if (!sel.sub) {
      delete out[sel.key];
      continue;
    }
    const v = out[sel.key];
    const [first, rest] = sel.sub.split('.', 2) as [string, string | undefined];
    if (isPlainObject(v)) {
      const copy: Record<string, unknown> = { ...v };
      if (rest !== undefined && isPlainObject(copy[first])) {
        const inner: Record<string, unknown> = { ...(copy[first] as Record<string, unknown>) };
        delete inner[rest];
        copy[first] = inner;
      } else delete copy[first];
      out[sel.key] = copy;
    } else if (Array.isArray(v)) {
      out[sel.key] = v.map((el: unknown) => {
        if (!isPlainObject(el)) return el;
        const copy: Record<string, unknown> = { ...el };
        delete copy[first];
        return copy;
      });
    }
  }
  return out;
}
