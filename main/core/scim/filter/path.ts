import { invalidPath } from '../errors.js';
import type { AttributeDef, ResolvedAttr } from '../schema-registry.js';
import type { CompareValue, ValueFilter } from './ast.js';
import { FilterParser, type AttrResolver } from './parser.js';

/**
 * RFC 7644 §3.5.2 PATCH paths: `attr`, `attr.sub`, `urn…:attr`, `urn…:attr.sub`,
 * `attr[valueFilter]` and `attr[valueFilter].sub`, all case-insensitive and canonicalised.
 * Group member paths (`members[value eq "id"]`, sent by Okta and Entra) work with a resolver
 * that knows the Group schema; the User SchemaRegistry does not.
 */
export interface PatchPath {
  /** The attribute the path starts at, without sub-attribute (`emails`, `name`, `urn:…:User:manager`). */
  readonly attribute: ResolvedAttr;
  /** `name.givenName` or `emails[…].value`: the sub-attribute to set inside the attribute/elements. */
  readonly subAttribute?: AttributeDef;
  /** `emails[type eq "work"]`: selects elements; evaluate with `evaluateOnElement`. */
  readonly valueFilter?: ValueFilter;
  /** Source text between the brackets, for messages. Use {@link elementSeed} to build new elements. */
  readonly valueFilterText?: string;
  /** Canonical spelling, e.g. `emails[…].value` with registry-cased names (filter kept as sent). */
  readonly canonical: string;
}

/**
 * Parsed paths per resolver (a registry is rebuilt when the mapping changes, so entries go with it).
 * The mapping table reads the same dozen paths for every write, and IdPs send the same few PATCH
 * paths: parsing them each time was 15 % of a PATCH's server time in the CPU profile.
 */
const parsedPaths = new WeakMap<AttrResolver, Map<string, PatchPath | Error>>();
const PARSED_PATHS_MAX = 2000;

/**
 * Parse a PATCH `path` (memoised per resolver; the result is shared, never mutate it).
 * @param resolver the SchemaRegistry for Users, or any resolver (e.g. one that adds `members`).
 * @throws ScimError 400 invalidPath naming the position of the problem.
 */
export function parsePatchPath(text: string, resolver: AttrResolver): PatchPath {
  let memo = parsedPaths.get(resolver);
  if (!memo) parsedPaths.set(resolver, (memo = new Map()));
  let hit = memo.get(text);
  if (hit === undefined) {
    try {
      hit = parseUncached(text, resolver);
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      hit = err;
    }
    if (memo.size >= PARSED_PATHS_MAX) memo.clear();
    memo.set(text, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

function parseUncached(text: string, resolver: AttrResolver): PatchPath {
  const parser = new FilterParser(text, resolver, invalidPath);
  const { path } = parser.attribute();
  const attribute = withoutSub(path);
  let subAttribute = path.sub;
  let valueFilter: ValueFilter | undefined;
  let valueFilterText: string | undefined;
  if (parser.peek().kind === '[') {
    const open = parser.peek().pos;
    valueFilter = parser.bracket(path);
    // bracket() consumed "]"; the source between the brackets is what the client wrote.
    valueFilterText = text.slice(open + 1, text.lastIndexOf(']', parser.peek().pos)).trim();
    if (parser.peek().kind === '.') {
      parser.next();
      subAttribute = parser.attribute(path).path.sub;
    }
  }
  parser.expectEnd();
  const filterPart = valueFilterText === undefined ? '' : `[${valueFilterText}]`;
  const canonical = `${attribute.canonical}${filterPart}${subAttribute ? `.${subAttribute.name}` : ''}`;
  return {
    attribute,
    canonical,
    ...(subAttribute ? { subAttribute } : {}),
    ...(valueFilter ? { valueFilter } : {}),
    ...(valueFilterText !== undefined ? { valueFilterText } : {}),
  };
}

/**
 * Sub-attribute values a new element must carry to satisfy the filter, for "add/replace on a
 * value path with no matching element creates it" (Entra): `type eq "work" and primary eq true`
 * → `{ type: "work", primary: true }`. Only `eq` terms joined by `and` count; anything under
 * `or`/`not` is not a requirement the element can be seeded with.
 */
export function elementSeed(filter: ValueFilter): Record<string, CompareValue> {
  const seed: Record<string, CompareValue> = {};
  const visit = (f: ValueFilter): void => {
    if (f.kind === 'and') {
      visit(f.left);
      visit(f.right);
    } else if (f.kind === 'compare' && f.op === 'eq' && f.path.sub) {
      seed[f.path.sub.name] = f.value;
    }
  };
  visit(filter);
  return seed;
}

/** The attribute-level view of a resolved path (`name.givenName` → `name`). */
function withoutSub(path: ResolvedAttr): ResolvedAttr {
  if (!path.sub) return path;
  const { sub, ...rest } = path;
  // Resolvers spell sub paths `<attr canonical>.<sub>`, so dropping the suffix gives the attribute's canonical.
  return { ...rest, canonical: path.canonical.slice(0, path.canonical.length - sub.name.length - 1) };
}
