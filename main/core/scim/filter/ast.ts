import type { AttributeDef, ResolvedAttr } from '../schema-registry.js';

/**
 * AST of an RFC 7644 §3.4.2.2 filter. Every attribute reference is a registry-resolved,
 * canonical {@link ResolvedAttr}, so the SQL translator and the in-memory evaluator never see
 * client spelling, and an unknown attribute can never reach either of them.
 */

/** Comparison operators after parsing. `pr` is its own node; `eq null` / `ne null` become presence tests. */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** All comparison operators, lower case, for the lexer/parser and test generators. */
export const COMPARE_OPS: ReadonlyArray<CompareOp> = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/**
 * Value of a comparison, already coerced to the attribute's type by the parser:
 * string for string/reference/dateTime/binary, boolean for boolean, number for integer/decimal.
 */
export type CompareValue = string | number | boolean;

/**
 * `attr op value`. Complex attributes compared without a sub-attribute were rewritten to their
 * `value` sub-attribute (`manager eq "x"` → `manager.value eq "x"`), so `path.sub ?? path.attr`
 * is always a simple attribute.
 */
export interface Comparison {
  readonly kind: 'compare';
  readonly path: ResolvedAttr;
  readonly op: CompareOp;
  readonly value: CompareValue;
}

/** `attr pr`: present and not null, empty string, empty array or empty object. */
export interface Presence {
  readonly kind: 'present';
  readonly path: ResolvedAttr;
}

export interface Logical<F> {
  readonly kind: 'and' | 'or';
  readonly left: F;
  readonly right: F;
}

export interface Not<F> {
  readonly kind: 'not';
  readonly filter: F;
}

/**
 * The filter inside `attr[...]`. Its leaves are sub-attributes of the bracketed attribute
 * (`path.sub` is set) and are evaluated against ONE element, which is what binds
 * `emails[type eq "work" and value eq "x"]` to a single email.
 */
export type ValueFilter = Comparison | Presence | Logical<ValueFilter> | Not<ValueFilter>;

/**
 * `attr[valueFilter]`. The form `emails[type eq "work"].value eq "x"` is parsed into
 * `emails[type eq "work" and value eq "x"]` so both conditions hold for the same element.
 */
export interface ValuePath {
  readonly kind: 'valuePath';
  /** The complex attribute (no `sub`). */
  readonly path: ResolvedAttr;
  readonly filter: ValueFilter;
}

/** A parsed top-level filter. */
export type Filter = Comparison | Presence | Logical<Filter> | Not<Filter> | ValuePath;

/** The definition that describes the compared value of a leaf (the sub-attribute when there is one). */
export function leafDef(path: ResolvedAttr): AttributeDef {
  return path.sub ?? path.attr;
}

/**
 * True when string comparisons on this attribute ignore case. RFC 7643 §2.2 makes caseExact
 * default to false; dateTime/binary are compared exactly because case carries no meaning there
 * and SQL compares the ISO strings byte-wise.
 */
export function isCaseInsensitive(def: AttributeDef): boolean {
  return !def.caseExact && (def.type === 'string' || def.type === 'reference');
}
