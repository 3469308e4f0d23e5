import { URN_ENTERPRISE_USER, URN_USER } from '../../../shared/scim/urns.js';
import type { SchemaRegistry } from './schema-registry.js';
import { isPlainObject } from './resources/user-doc.js';
import type { UserDoc } from './resources/user-doc.js';

/**
 * Attributes of custom extension schemas (any URN but the core User and the enterprise extension),
 * whether or not the admin has mapped them. An IdP admin adds an attribute in Entra before anyone
 * maps it in SCIM Desk (the EZOfficeInventory guide describes exactly that order), so refusing an
 * unmapped one made Entra retry and quarantine the job (issue #18 item 4). Their values are kept in
 * the member's SCIM document as sent and returned as sent; mapping one later reads them from there.
 */

/** `urn:…:User:attr` or `urn:…:User:attr.sub` of a custom extension. */
export interface CustomPath {
  /** The schema URN: the registry's spelling when mapped, else as sent. */
  readonly urn: string;
  readonly attr: string;
  readonly sub?: string;
}

const NAME = '[A-Za-z_$][\\w$-]*';
const PATH = new RegExp(`^(urn:[^[\\]\\s]+:User):(${NAME})(?:\\.(${NAME}))?$`, 'i');
/** A bare extension schema URN: RFC 7643's and the IdPs' custom URNs end in `:User`. */
const SCHEMA_URN = /^urn:[^[\]\s]+:User$/i;

/** True for the two User schemas SCIM Desk defines itself. */
export const isBuiltinUserUrn = (urn: string): boolean => urn.toLowerCase() === URN_USER.toLowerCase() || urn.toLowerCase() === URN_ENTERPRISE_USER.toLowerCase();

/** True when `text` is the URN of a custom extension schema (`urn:…:CustomExtensionName:2.0:User`). */
export const isCustomSchemaUrn = (text: string): boolean => SCHEMA_URN.test(text.trim()) && !isBuiltinUserUrn(text.trim());

/**
 * The custom extension attribute a path or no-path key names, or undefined when it is not one
 * (core, enterprise, a value filter, not a URN). A mapped attribute keeps the registry's spelling.
 */
export function customPathOf(path: string, registry: SchemaRegistry): CustomPath | undefined {
  const m = PATH.exec(path.trim());
  if (!m?.[1] || !m[2] || isBuiltinUserUrn(m[1])) return undefined;
  const urn = registry.canonicalUrn(m[1]) ?? m[1];
  const attr = registry.resolve(`${urn}:${m[2]}`)?.attr.name ?? m[2];
  return { urn, attr, ...(m[3] ? { sub: m[3] } : {}) };
}

/** The doc's key for `urn` however it was spelled when first stored, else `urn` itself. */
export function docKeyOf(doc: UserDoc, urn: string): string {
  const lower = urn.toLowerCase();
  return Object.keys(doc).find((k) => k.toLowerCase() === lower) ?? urn;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '';

/**
 * Apply one PATCH operation to a custom extension attribute, in place. `add` to a list appends
 * (RFC 7644 §3.5.2.1), `replace` sets, `remove` (or a null/"" value) clears; an extension object left
 * empty goes away.
 */
export function applyCustomOp(doc: UserDoc, path: CustomPath, op: { readonly op: 'add' | 'replace' | 'remove'; readonly value?: unknown }): void {
  const key = docKeyOf(doc, path.urn);
  const existing = doc[key];
  const container: Record<string, unknown> = isPlainObject(existing) ? existing : {};
  const attrKey = Object.keys(container).find((k) => k.toLowerCase() === path.attr.toLowerCase()) ?? path.attr;
  const clears = op.op === 'remove' || isEmpty(op.value);
  if (path.sub !== undefined) {
    const current = container[attrKey];
    const inner: Record<string, unknown> = isPlainObject(current) ? { ...current } : {};
    if (clears) delete inner[path.sub];
    else inner[path.sub] = op.value;
    if (Object.keys(inner).length > 0) container[attrKey] = inner;
    else delete container[attrKey];
  } else if (clears) {
    delete container[attrKey];
  } else if (op.op === 'add' && Array.isArray(container[attrKey])) {
    container[attrKey] = [...(container[attrKey] as unknown[]), ...(Array.isArray(op.value) ? op.value : [op.value])];
  } else {
    container[attrKey] = op.value;
  }
  if (Object.keys(container).length > 0) doc[key] = container;
  else delete doc[key];
}

/**
 * Apply an operation whose target is a whole custom extension object (`path` is its URN, or a
 * no-path value keyed by it): each attribute in the value is its own operation; `remove` drops the
 * object.
 */
export function applyCustomObjectOp(doc: UserDoc, urn: string, op: { readonly op: 'add' | 'replace' | 'remove'; readonly value?: unknown }, registry: SchemaRegistry): void {
  if (op.op === 'remove') {
    delete doc[docKeyOf(doc, urn)];
    return;
  }
  if (!isPlainObject(op.value)) return;
  for (const [attr, value] of Object.entries(op.value)) {
    const path = customPathOf(`${urn}:${attr}`, registry);
    // A key that is no attribute name (`a b`, `x[y]`) is kept as sent, like POST keeps it.
    if (path) applyCustomOp(doc, path, { op: op.op, value });
    else {
      const key = docKeyOf(doc, urn);
      doc[key] = { ...(isPlainObject(doc[key]) ? doc[key] : {}), [attr]: value };
    }
  }
}
