import { URN_PATCH_OP } from '../../../shared/scim/urns.js';
import { invalidPath, invalidSyntax, invalidValue, mutability, noTarget } from './errors.js';
import { elementSeed, parsePatchPath } from './filter/path.js';
import type { PatchPath } from './filter/path.js';
import { evaluateOnElement } from './filter/evaluate.js';
import type { AttributeDef, SchemaRegistry } from './schema-registry.js';
import { isPlainObject, MAX_MULTI_VALUES, MAX_STRING, toUserDoc } from './resources/user-doc.js';
import { applyCustomObjectOp, applyCustomOp, customPathOf, isCustomSchemaUrn } from './custom-extension.js';
import type { UserDoc } from './resources/user-doc.js';

/** One PATCH operation after parsing: `op` lower-cased, `path` optional. */
export interface PatchOperation {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path?: string;
  readonly value?: unknown;
}

const MAX_OPERATIONS = 1000;

/**
 * Parse a PatchOp body (RFC 7644 §3.5.2). `op` is matched case-insensitively because Entra sends
 * `Add`/`Replace`/`Remove`; a missing `schemas` is tolerated (several clients omit it).
 */
export function parsePatchBody(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax('The PATCH body must be a JSON object with an "Operations" array.');
  const schemas = body.schemas;
  if (Array.isArray(schemas) && !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN_PATCH_OP.toLowerCase())) {
    throw invalidSyntax(`The PATCH body's "schemas" must contain ${URN_PATCH_OP}.`);
  }
  const opsKey = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const ops = opsKey === undefined ? undefined : body[opsKey];
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('The PATCH body needs a non-empty "Operations" array.');
  if (ops.length > MAX_OPERATIONS) throw invalidSyntax(`A PATCH may carry at most ${MAX_OPERATIONS} operations.`);
  return ops.map((raw: unknown, i) => {
    if (!isPlainObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object.`);
    const get = (name: string): unknown => raw[Object.keys(raw).find((k) => k.toLowerCase() === name) ?? name];
    const op = get('op');
    const lower = typeof op === 'string' ? op.toLowerCase() : '';
    if (lower !== 'add' && lower !== 'replace' && lower !== 'remove') {
      throw invalidSyntax(`Operations[${i}].op must be "add", "replace" or "remove"; got ${JSON.stringify(op)}.`);
    }
    const path = get('path');
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() === '')) {
      throw invalidPath(`Operations[${i}].path must be a non-empty string.`);
    }
    const value = get('value');
    return { op: lower, ...(typeof path === 'string' ? { path: path.trim() } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

/** Read-only and server-owned attributes a PATCH may not change. */
function checkMutable(p: PatchPath, currentId: string, value: unknown): boolean {
  const name = p.attribute.attr.name;
  if (name === 'id') {
    // Okta's no-path replace may echo the id unchanged; only a different id is an attempt to mutate it.
    if (value === currentId) return false;
    throw mutability('"id" is assigned by SCIM Desk and cannot be changed.');
  }
  if (name === 'meta' || name === 'groups') throw mutability(`"${name}" is read-only.`);
  if (p.attribute.attr.returned === 'never') return false; // password: never stored, so accepted and dropped
  return true;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Container that holds the attribute: the doc itself, or the extension object under its URN. */
function containerFor(doc: UserDoc, p: PatchPath, create: boolean): Record<string, unknown> | undefined {
  if (!p.attribute.isExtension) return doc;
  const existing = doc[p.attribute.schema];
  if (isPlainObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: Record<string, unknown> = {};
  doc[p.attribute.schema] = fresh;
  return fresh;
}

function mergeElement(def: AttributeDef, el: Record<string, unknown>, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidValue(`The value for ${def.name} must be an object.`);
  return { ...el, ...value };
}

/**
 * One key of a no-path operation's value: an extension object under its URN, a URN-qualified or
 * dotted attribute path (Entra's aadOptscim062020 keys), or a plain attribute.
 */
function applyNoPathKey(doc: UserDoc, op: PatchOperation, key: string, value: unknown, registry: SchemaRegistry, currentId: string): void {
  const isUrnKey = key.toLowerCase().startsWith('urn:') && !registry.resolve(key);
  const urn = isUrnKey ? registry.canonicalUrn(key) : undefined;
  if (isUrnKey && isPlainObject(value) && isCustomSchemaUrn(key)) {
    applyCustomObjectOp(doc, urn ?? key, { op: op.op, value }, registry);
  } else if (urn !== undefined && isPlainObject(value)) {
    // {"urn:…:enterprise:2.0:User": {"department": "x"}}: each attribute is its own operation. A key
    // the extension does not define is ignored, as POST and PUT ignore it (issue #18).
    for (const [k, v] of Object.entries(value)) {
      if (registry.resolve(`${urn}:${k}`)) applyOne(doc, { op: op.op, path: `${urn}:${k}`, value: v }, registry, currentId);
    }
  } else if (isUrnKey && customPathOf(key, registry)) {
    applyOne(doc, { op: op.op, path: key, value }, registry, currentId);
  } else if (isUrnKey && isPlainObject(value)) {
    doc[key] = value; // an extension URN of another shape: kept verbatim, re-validated by toUserDoc
  } else {
    // Plain, dotted (`name.givenName`) and URN-qualified keys, as Entra's aadOptscim062020 sends them
    applyOne(doc, { op: op.op, path: key, value }, registry, currentId);
  }
}

/** Apply one operation to `doc` in place. */
function applyOne(doc: UserDoc, op: PatchOperation, registry: SchemaRegistry, currentId: string): void {
  if (op.path === undefined) {
    if (op.op === 'remove') throw noTarget('A "remove" operation needs a "path".');
    if (!isPlainObject(op.value)) throw invalidValue('An operation without "path" needs an object "value".');
    for (const [key, value] of Object.entries(op.value)) applyNoPathKey(doc, op, key, value, registry, currentId);
    return;
  }
  if (isCustomSchemaUrn(op.path)) {
    // {"path": "urn:…:CustomExtensionName:2.0:User", "value": {"tag": "x"}}, mapped or not.
    if (op.op !== 'remove' && !isPlainObject(op.value)) throw invalidValue(`The value for ${op.path} must be an object of extension attributes.`);
    applyCustomObjectOp(doc, registry.canonicalUrn(op.path) ?? op.path, op, registry);
    return;
  }
  const urn = registry.canonicalUrn(op.path);
  if (urn !== undefined && isPlainObject(op.value)) {
    // {"path": "urn:…:enterprise:2.0:User", "value": {"department": "x"}}: some clients address the
    // extension object itself; apply it like a no-path operation on that object.
    if (op.op === 'remove') delete doc[urn];
    else applyOne(doc, { op: op.op, value: { [urn]: op.value } }, registry, currentId);
    return;
  }
  if (urn !== undefined && op.op === 'remove') {
    delete doc[urn];
    return;
  }
  const custom = customPathOf(op.path, registry);
  if (custom && !registry.resolve(`${custom.urn}:${custom.attr}`)) {
    // An attribute of a custom extension the admin has not mapped (yet): kept as sent (issue #18).
    applyCustomOp(doc, custom, op);
    return;
  }
  const p = parsePatchPath(op.path, registry);
  if (!checkMutable(p, currentId, op.value)) return;
  const def = p.attribute.attr;
  const container = containerFor(doc, p, op.op !== 'remove');
  if (!container) return;
  const name = def.name;

  if (p.valueFilter === undefined) {
    if (p.subAttribute === undefined) {
      if (op.op === 'remove') {
        if (def.multiValued && op.value !== undefined && Array.isArray(container[name])) {
          // Entra: {"op":"Remove","path":"members","value":[{"value":"id"}]} removes just those elements
          const drop = new Set((Array.isArray(op.value) ? op.value : [op.value]).map((v) => (isPlainObject(v) ? v.value : v)));
          container[name] = (container[name] as unknown[]).filter((el) => !(isPlainObject(el) && drop.has(el.value)));
        } else delete container[name];
        return;
      }
      if (isEmpty(op.value) || (name === 'manager' && isEmpty(isPlainObject(op.value) ? op.value.value : op.value))) {
        delete container[name]; // Replace with "" or null clears (Entra SCIM_Null_Update_Test)
        return;
      }
      if (def.multiValued && op.op === 'add') {
        const incoming = Array.isArray(op.value) ? op.value : [op.value];
        const current = Array.isArray(container[name]) ? (container[name] as unknown[]) : [];
        // Add on a typed list replaces the element of the same type (one work email, one mobile).
        const incomingTypes = new Set(incoming.map((v) => (isPlainObject(v) && typeof v.type === 'string' ? v.type.toLowerCase() : undefined)).filter(Boolean));
        const kept = current.filter((el) => !(isPlainObject(el) && typeof el.type === 'string' && incomingTypes.has(el.type.toLowerCase())));
        container[name] = [...kept, ...incoming];
        return;
      }
      if (def.type === 'complex' && !def.multiValued && name !== 'manager' && isPlainObject(container[name]) && isPlainObject(op.value)) {
        container[name] = { ...(container[name] as Record<string, unknown>), ...op.value }; // sub-attributes not given stay
        return;
      }
      container[name] = op.value;
      return;
    }
    // attr.sub, e.g. name.givenName (on a multi-valued attribute: every element)
    const sub = p.subAttribute.name;
    if (def.multiValued) {
      const list = Array.isArray(container[name]) ? (container[name] as unknown[]) : [];
      container[name] = list.map((el) => (isPlainObject(el) ? withSub(el, sub, op) : el));
      return;
    }
    const current = isPlainObject(container[name]) ? (container[name] as Record<string, unknown>) : {};
    container[name] = withSub(current, sub, op);
    return;
  }

  // Value path: attr[filter] or attr[filter].sub
  if (!def.multiValued) {
    // manager[value eq "id"]: the filter names the single complex value itself
    const el = container[name];
    const hit = isPlainObject(el) && evaluateOnElement(p.valueFilter, el);
    if (op.op === 'remove') {
      if (hit && p.subAttribute === undefined) delete container[name];
      else if (hit && p.subAttribute) container[name] = withSub(el, p.subAttribute.name, op);
      return;
    }
    if (!hit) throw noTarget(`No value of ${name} matches the filter in "${op.path}".`);
    container[name] = p.subAttribute ? withSub(el, p.subAttribute.name, op) : op.value;
    return;
  }
  const list = Array.isArray(container[name]) ? [...(container[name] as unknown[])] : [];
  const matches = list.map((el) => isPlainObject(el) && evaluateOnElement(p.valueFilter!, el));
  if (op.op === 'remove') {
    container[name] = p.subAttribute
      ? list.map((el, i) => (matches[i] && isPlainObject(el) ? withSub(el, p.subAttribute!.name, op) : el))
      : list.filter((_, i) => !matches[i]);
    return;
  }
  if (!matches.some(Boolean)) {
    // Entra: a filtered path whose element does not exist yet creates it with that type.
    if (isEmpty(op.value)) return;
    const seed = elementSeed(p.valueFilter);
    const el = p.subAttribute ? { ...seed, [p.subAttribute.name]: op.value } : mergeElement(def, seed, op.value);
    container[name] = [...list, el];
    return;
  }
  container[name] = list
    .map((el, i) => {
      if (!matches[i] || !isPlainObject(el)) return el;
      if (p.subAttribute) return withSub(el, p.subAttribute.name, op);
      return isEmpty(op.value) ? undefined : mergeElement(def, el, op.value);
    })
    .filter((el) => el !== undefined);
}

/** Set or clear one sub-attribute; an element left with nothing but its labels is dropped by the caller's cleanup. */
function withSub(el: Record<string, unknown>, sub: string, op: PatchOperation): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...el };
  if (op.op === 'remove' || isEmpty(op.value)) delete copy[sub];
  else copy[sub] = op.value;
  return copy;
}

/** Drop multi-valued elements that lost their value (e.g. the work email cleared with ""). */
function pruneEmptyElements(doc: UserDoc, registry: SchemaRegistry): void {
  for (const [key, v] of Object.entries(doc)) {
    if (!Array.isArray(v)) continue;
    const def = registry.resolve(key)?.attr;
    if (!def?.subAttributes?.some((s) => s.name === 'value')) continue;
    const kept = v.filter((el) => !isPlainObject(el) || Object.keys(el).some((k) => !['type', 'primary', 'display'].includes(k)));
    if (kept.length > 0) doc[key] = kept;
    else delete doc[key];
  }
}

/**
 * Refuse an operation whose value holds an over-long string or an over-long list before it is applied
 * (a walk with its own stack: the body parser already bounds the size, so no depth limit is needed here).
 */
function checkValueLimits(value: unknown, where: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.length > MAX_STRING) throw invalidValue(`${where}: a value is longer than ${MAX_STRING} characters.`);
    } else if (Array.isArray(v)) {
      if (v.length > MAX_MULTI_VALUES) throw invalidValue(`${where}: a value has more than ${MAX_MULTI_VALUES} elements.`);
      stack.push(...v);
    } else if (isPlainObject(v)) stack.push(...Object.values(v));
  }
}

/**
 * Refuse as soon as a multi-valued attribute (core, or inside an extension object) holds more than
 * MAX_MULTI_VALUES elements. Checked after every operation: waiting for the end let 1,000 `add`s grow
 * a list to 1,000 elements, every later operation copying and filtering all of them (issue #15).
 */
function checkSizeLimits(doc: UserDoc, where: string): void {
  for (const [key, v] of Object.entries(doc)) {
    const lists = Array.isArray(v) ? [[key, v] as const] : isPlainObject(v) ? Object.entries(v).filter(([, x]) => Array.isArray(x)) : [];
    for (const [name, list] of lists) {
      if ((list as unknown[]).length > MAX_MULTI_VALUES) throw invalidValue(`${where}: ${name} would have more than ${MAX_MULTI_VALUES} values.`);
    }
  }
}

/**
 * Apply a whole PATCH to a stored doc and return the new doc. Works on a copy and re-validates the
 * result, so the operation applies completely or throws (and nothing is written). Limits are checked
 * as each operation applies, so a hostile PATCH fails at the first operation that breaks one and its
 * cost stays bounded by the limits, not by the number of operations.
 */
export function applyPatch(current: UserDoc, ops: ReadonlyArray<PatchOperation>, registry: SchemaRegistry, currentId: string): UserDoc {
  const draft = structuredClone(current) as UserDoc;
  ops.forEach((op, i) => {
    checkValueLimits(op.value, `Operations[${i}]`);
    applyOne(draft, op, registry, currentId);
    checkSizeLimits(draft, `Operations[${i}]`);
  });
  pruneEmptyElements(draft, registry);
  return toUserDoc(draft, registry);
}

