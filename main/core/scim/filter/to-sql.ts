import { invalidFilter } from '../errors.js';
import type { ResolvedAttr } from '../schema-registry.js';
import { isCaseInsensitive, leafDef, type Comparison, type Filter, type Presence, type ValuePath } from './ast.js';

/**
 * Translate a parsed filter into a WHERE fragment over `members AS m`. Every value is a bound
 * `?`; identifiers come only from the COLUMNS allowlist or from registry attribute names that
 * pass SAFE_KEY (they end up inside a JSON-path string literal, kept literal so SQLite could use
 * expression indexes later). Semantics mirror `evaluate.ts` exactly (the property test checks it):
 * - a missing value makes a positive leaf NULL (falsy); `not` and `ne` wrap as NOT IFNULL(…, 0),
 *   so `not (title eq "x")` and `title ne "x"` match users without a title;
 * - JSON leaves check json_type first, so a number never compares as a string and vice versa;
 * - value paths over multi-valued attributes become one EXISTS over json_each, binding all of
 *   the bracket's conditions to the same element.
 */

/** The WHERE fragment and its parameters, in `?` order. Combine it with other terms using AND. */
export interface SqlWhere {
  readonly sql: string;
  readonly params: unknown[];
}

interface Column {
  readonly sql: string;
  /** 'nocase' = the column is declared COLLATE NOCASE, so `=` on it is already case-insensitive. */
  readonly kind: 'text' | 'nocase' | 'bool';
}

/** Attributes stored in real (indexed) columns, keyed by canonical core path. */
const COLUMNS: ReadonlyMap<string, Column> = new Map([
  ['id', { sql: 'm.id', kind: 'text' }],
  ['userName', { sql: 'm.user_name', kind: 'nocase' }],
  ['externalId', { sql: 'm.external_id', kind: 'text' }],
  ['active', { sql: 'm.active', kind: 'bool' }],
  ['meta.created', { sql: 'm.created_at', kind: 'text' }],
  ['meta.lastModified', { sql: 'm.updated_at', kind: 'text' }],
]);

const SAFE_KEY = /^[A-Za-z0-9_$:.-]+$/;
const ORDER_OPS = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
const LIKE_ESCAPE = `ESCAPE '\\'`;

type Leaf = Comparison | Presence;

/**
 * Build `{ sql, params }` for `SELECT … FROM members AS m WHERE <sql>`.
 * @throws ScimError invalidFilter for attributes that have no storage (e.g. `meta.version`).
 */
export function filterToSql(filter: Filter): SqlWhere {
  const params: unknown[] = [];
  let aliases = 0;
  // Parameters are pushed while the SQL text is produced left to right, so `?` order matches.
  const bind = (value: unknown): string => {
    params.push(value);
    return '?';
  };

  function walk(f: Filter, leaf: (l: Leaf) => string): string {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `(${walk(f.left, leaf)} ${f.kind.toUpperCase()} ${walk(f.right, leaf)})`;
      case 'not':
        return `NOT IFNULL(${walk(f.filter, leaf)}, 0)`;
      case 'valuePath':
        return valuePath(f);
      case 'compare':
        return f.op === 'ne' ? `NOT IFNULL(${leaf({ ...f, op: 'eq' })}, 0)` : leaf(f);
      case 'present':
        return leaf(f);
    }
  }

  function valuePath(f: ValuePath): string {
    const workEmail = workEmailValue(f);
    if (workEmail !== undefined) {
      // Both halves are index lookups: work_email's index, and the partial index of the few members
      // with more than one work email (migration 0009).
      const first = bind(workEmail);
      const other = bind(workEmail);
      return `m.rowid IN (SELECT rowid FROM members WHERE work_email = ${first} UNION ALL SELECT rowid FROM members WHERE other_work_emails IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(other_work_emails) WHERE value = ${other} COLLATE NOCASE))`;
    }
    // Single-valued complex (`manager[value eq "x"]`): its sub-attribute paths are plain root paths.
    if (!f.path.attr.multiValued) return walk(f.filter, rootLeaf);
    const alias = `e${aliases++}`;
    const body = walk(f.filter, (l) => jsonLeaf(l, elementPath(alias, l.path.sub?.name)));
    return `EXISTS (SELECT 1 FROM json_each(m.scim_json, ${jsonPath(attrKeys(f.path))}) AS ${alias} WHERE ${body})`;
  }

  function rootLeaf(l: Leaf): string {
    const path = l.path;
    const column = path.isExtension ? undefined : COLUMNS.get(path.canonical);
    if (column) return columnLeaf(l, column);
    if (!path.isExtension && path.attr.name === 'meta') throw invalidFilter(`Filtering on "${path.canonical}" is not supported`);
    if (!path.attr.multiValued) return jsonLeaf(l, jsonPath([...attrKeys(path), ...(path.sub ? [path.sub.name] : [])]));
    // Any element of a multi-valued attribute may satisfy the leaf.
    const alias = `e${aliases++}`;
    const body = jsonLeaf(l, elementPath(alias, path.sub?.name));
    return `EXISTS (SELECT 1 FROM json_each(m.scim_json, ${jsonPath(attrKeys(path))}) AS ${alias} WHERE ${body})`;
  }

  function columnLeaf(l: Leaf, column: Column): string {
    const c = column.sql;
    if (column.kind === 'bool') {
      if (l.kind === 'present') return `${c} IS NOT NULL`;
      return `${c} = ${bind(l.value === true ? 1 : 0)}`;
    }
    if (l.kind === 'present') return `(${c} IS NOT NULL AND ${c} <> '')`;
    return stringCompare(l, c, column.kind === 'nocase');
  }

  /** `p` is an SQL expression yielding a JSON path into m.scim_json. */
  function jsonLeaf(l: Leaf, p: string): string {
    const text = `(m.scim_json -> ${p})`;
    // `->` renders minified JSON, so these four texts are exactly the "not present" values.
    if (l.kind === 'present') return `${text} NOT IN ('null', '""', '[]', '{}')`;
    const type = `json_type(m.scim_json, ${p})`;
    const value = `json_extract(m.scim_json, ${p})`;
    if (typeof l.value === 'boolean') {
      // JSON true/false, or the strings "True"/"False" some clients store, in any case.
      return `lower(${text}) IN (${bind(String(l.value))}, ${bind(`"${String(l.value)}"`)})`;
    }
    if (typeof l.value === 'number') {
      return `(${type} IN ('integer', 'real') AND ${value} ${sqlOrderOp(l.op)} ${bind(l.value)})`;
    }
    return `(${type} = 'text' AND ${stringCompare(l, value, false)})`;
  }

  function stringCompare(l: Comparison, x: string, columnIsNocase: boolean): string {
    const v = l.value;
    if (typeof v !== 'string') throw invalidFilter(`Expected a string value for "${l.path.canonical}"`);
    const caseInsensitive = isCaseInsensitive(leafDef(l.path));
    const collate = caseInsensitive && !columnIsNocase ? ' COLLATE NOCASE' : '';
    const like = (pattern: string): string => `${x} LIKE ${bind(pattern)} ${LIKE_ESCAPE}`;
    const esc = v.replace(/[\\%_]/g, '\\$&');
    switch (l.op) {
      case 'co':
        return caseInsensitive ? like(`%${esc}%`) : `instr(${x}, ${bind(v)}) > 0`;
      case 'sw':
        return caseInsensitive ? like(`${esc}%`) : `substr(${x}, 1, length(${bind(v)})) = ${bind(v)}`;
      case 'ew':
        return caseInsensitive
          ? like(`%${esc}`)
          : `(length(${x}) >= length(${bind(v)}) AND substr(${x}, length(${x}) - length(${bind(v)}) + 1) = ${bind(v)})`;
      default:
        return `${x} ${sqlOrderOp(l.op)} ${bind(v)}${collate}`;
    }
  }

  return { sql: walk(filter, rootLeaf), params };
}

function sqlOrderOp(op: Comparison['op']): string {
  if (op === 'eq') return '=';
  if (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') return ORDER_OPS[op];
  throw invalidFilter(`Operator "${op}" is not defined for this attribute type`);
}

/** JSON keys of an attribute itself: extension attributes sit under their schema URN. */
function attrKeys(path: ResolvedAttr): string[] {
  return path.isExtension ? [path.schema, path.attr.name] : [path.attr.name];
}

/** `'$."a"."b"'`: keys are quoted because extension URNs contain dots and colons. */
function jsonPath(keys: ReadonlyArray<string>): string {
  return `'$${quoteKeys(keys)}'`;
}

/** Path of an element's sub-attribute: fullkey is `$."emails"[3]`; a non-object element yields NULL, not an error. */
function elementPath(alias: string, sub: string | undefined): string {
  return sub === undefined ? `${alias}.fullkey` : `(${alias}.fullkey || '${quoteKeys([sub])}')`;
}

function quoteKeys(keys: ReadonlyArray<string>): string {
  return keys
    .map((k) => {
      if (!SAFE_KEY.test(k)) throw invalidFilter(`Attribute name ${JSON.stringify(k)} cannot be used in a filter`);
      return `."${k}"`;
    })
    .join('');
}

/**
 * `emails[type eq "work" and value eq X]` (also reached from `emails[type eq "work"].value eq X`)
 * → the indexed lookup columns. Relies on the write path's invariant: work_email holds the value of
 * the first email whose type is "work" in any case (else NULL), other_work_emails those of the others.
 */
function workEmailValue(f: ValuePath): string | undefined {
  if (f.path.canonical !== 'emails' || f.filter.kind !== 'and') return undefined;
  const parts = [f.filter.left, f.filter.right];
  const isEq = (p: (typeof parts)[number], sub: string): p is Comparison =>
    p.kind === 'compare' && p.op === 'eq' && p.path.sub?.name === sub && typeof p.value === 'string';
  const type = parts.find((p) => isEq(p, 'type') && /^[wW][oO][rR][kK]$/.test(p.value as string));
  const value = parts.find((p): p is Comparison => p !== type && isEq(p, 'value'));
  return type && value && typeof value.value === 'string' ? value.value : undefined;
}
