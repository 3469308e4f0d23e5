import type { ResolvedAttr } from '../schema-registry.js';
import { isCaseInsensitive, leafDef, type Comparison, type Filter, type ValueFilter } from './ast.js';

/**
 * In-memory filter evaluation over SCIM JSON. Used by the PATCH engine (which elements does
 * `emails[type eq "work"]` select?) and, in tests, as the oracle for the SQL translation, so
 * every rule here must match `to-sql.ts`:
 * - missing, null, "" , [] and {} are "not present"; `ne` is `not eq`, so it matches a missing value;
 * - multi-valued attributes match when any element matches;
 * - case-insensitive string compares fold ASCII only, like SQLite's NOCASE and LIKE;
 * - strings order by code point, like SQLite's BINARY collation over UTF-8;
 * - booleans accept `true`/`false` and the strings "True"/"False" (Entra), in any case.
 */

type Json = unknown;

/** Evaluate a parsed filter against a whole SCIM resource (extension data under `resource[urn]`). */
export function evaluateFilter(filter: Filter, resource: Readonly<Record<string, unknown>>): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluateFilter(filter.left, resource) && evaluateFilter(filter.right, resource);
    case 'or':
      return evaluateFilter(filter.left, resource) || evaluateFilter(filter.right, resource);
    case 'not':
      return !evaluateFilter(filter.filter, resource);
    case 'present':
      return rootCandidates(resource, filter.path).some(isPresent);
    case 'compare':
      return compareAny(filter, rootCandidates(resource, filter.path));
    case 'valuePath': {
      const value = attrValue(resource, filter.path);
      // A single-valued complex attribute (`manager[value eq "x"]`) is its own only element,
      // even when missing, which matches the SQL side evaluating it at the root.
      if (!filter.path.attr.multiValued) return evaluateOnElement(filter.filter, value);
      return asArray(value).some((element) => evaluateOnElement(filter.filter, element));
    }
  }
}

/**
 * Evaluate the filter inside brackets (`type eq "work" and primary eq true`) against one element
 * of a multi-valued attribute. Leaves name sub-attributes; a non-object element has none.
 */
export function evaluateOnElement(filter: ValueFilter, element: unknown): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluateOnElement(filter.left, element) && evaluateOnElement(filter.right, element);
    case 'or':
      return evaluateOnElement(filter.left, element) || evaluateOnElement(filter.right, element);
    case 'not':
      return !evaluateOnElement(filter.filter, element);
    case 'present':
      return isPresent(elementValue(element, filter.path));
    case 'compare':
      return compareAny(filter, [elementValue(element, filter.path)]);
  }
}

/** Present = not undefined/null, not "", not an empty array or object (RFC 7644 `pr`). */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Property lookup ignoring case: clients send `Emails`, `USERNAME`, `Type`. Exact key wins. */
export function getIgnoreCase(container: unknown, key: string): Json {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return undefined;
  const record = container as Record<string, unknown>;
  if (Object.hasOwn(record, key)) return record[key];
  const lower = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}

function attrValue(resource: Readonly<Record<string, unknown>>, path: ResolvedAttr): Json {
  const container = path.isExtension ? getIgnoreCase(resource, path.schema) : resource;
  return getIgnoreCase(container, path.attr.name);
}

function asArray(value: Json): ReadonlyArray<Json> {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The values a leaf looks at: one for single-valued paths, one per element for multi-valued ones. */
function rootCandidates(resource: Readonly<Record<string, unknown>>, path: ResolvedAttr): ReadonlyArray<Json> {
  const value = attrValue(resource, path);
  const sub = path.sub;
  if (path.attr.multiValued) {
    const elements = asArray(value);
    return sub ? elements.map((e) => getIgnoreCase(e, sub.name)) : elements;
  }
  return [sub ? getIgnoreCase(value, sub.name) : value];
}

function elementValue(element: unknown, path: ResolvedAttr): Json {
  return path.sub ? getIgnoreCase(element, path.sub.name) : element;
}

function compareAny(filter: Comparison, candidates: ReadonlyArray<Json>): boolean {
  if (filter.op === 'ne') return !candidates.some((c) => compareOne({ ...filter, op: 'eq' }, c));
  return candidates.some((c) => compareOne(filter, c));
}

function compareOne(filter: Comparison, actual: Json): boolean {
  const def = leafDef(filter.path);
  const expected = filter.value;
  if (typeof expected === 'boolean') return toBoolean(actual) === expected;
  if (typeof expected === 'number') return typeof actual === 'number' && order(filter.op, actual - expected);
  if (typeof actual !== 'string') return false;
  const fold = isCaseInsensitive(def);
  const a = fold ? foldAscii(actual) : actual;
  const b = fold ? foldAscii(expected) : expected;
  switch (filter.op) {
    case 'co': return a.includes(b);
    case 'sw': return a.startsWith(b);
    case 'ew': return a.endsWith(b);
    default: return order(filter.op, compareCodePoints(a, b));
  }
}

/** Turn a three-way comparison into the operator's answer (eq/ne/gt/ge/lt/le). */
function order(op: Comparison['op'], cmp: number): boolean {
  switch (op) {
    case 'eq': return cmp === 0;
    case 'ne': return cmp !== 0;
    case 'gt': return cmp > 0;
    case 'ge': return cmp >= 0;
    case 'lt': return cmp < 0;
    case 'le': return cmp <= 0;
    default: return false;
  }
}

function toBoolean(value: Json): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** SQLite NOCASE folds only A-Z; doing the same keeps PATCH matching and SQL filtering in step. */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Code-point order = UTF-8 byte order = SQLite BINARY; plain `<` compares UTF-16 units instead. */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}
