import { invalidFilter, type ScimError } from '../errors.js';
import type { ResolvedAttr } from '../schema-registry.js';
import { COMPARE_OPS, leafDef, type CompareOp, type CompareValue, type Filter, type Logical, type Not, type ValueFilter } from './ast.js';
import { quoteForDetail, tokenize, type Token } from './lexer.js';

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters. Hand-written because the npm filter
 * libraries lose the element binding in `emails[type eq "work"].value eq "x"` (see CONVENTIONS).
 * Precedence: not > and > or; and/or are left-associative.
 */

/** What the parser needs from a schema: the SchemaRegistry, or a caller's resolver (e.g. Group `members`). */
export interface AttrResolver {
  resolve(path: string): ResolvedAttr | undefined;
}

/** Deepest nesting of `(`, `not` and `[` accepted; deeper input is an attack or a bug, not a query. */
export const MAX_FILTER_DEPTH = 32;

const KEYWORDS = new Set<string>(['and', 'or', 'not', 'pr', 'true', 'false', 'null', ...COMPARE_OPS]);
const isOp = (s: string): s is CompareOp => (COMPARE_OPS as ReadonlyArray<string>).includes(s);
const identity = <F>(n: F): F => n;

/**
 * Parse a filter (`GET /Users?filter=…`, already URL- and `+`-decoded by the caller).
 * Attributes in the result are canonical (registry spelling).
 * @throws ScimError 400 invalidFilter naming the position of the problem.
 */
export function parseFilter(text: string, registry: AttrResolver): Filter {
  const parser = new FilterParser(text, registry, invalidFilter);
  const filter = parser.parseFilter();
  parser.expectEnd();
  return filter;
}

function tokenText(tok: Token): string {
  switch (tok.kind) {
    case 'word': return quoteForDetail(tok.text);
    case 'string': return quoteForDetail(JSON.stringify(tok.value));
    case 'number': return quoteForDetail(tok.raw);
    case 'eof': return 'end of filter';
    default: return quoteForDetail(tok.kind);
  }
}

/**
 * Token cursor plus grammar productions. Exported for `path.ts`, which parses PATCH paths with
 * the same attribute and value-filter rules but reports `invalidPath`.
 */
export class FilterParser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(text: string, private readonly resolver: AttrResolver, private readonly fail: (detail: string) => ScimError) {
    this.tokens = tokenize(text, fail);
  }

  /** The next token, not consumed. */
  peek(): Token {
    // tokenize() always ends with 'eof' and next() never moves past it, so this is defined.
    return this.tokens[this.index] ?? { kind: 'eof', pos: 0 };
  }

  next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.index++;
    return tok;
  }

  /** Throw unless all input was consumed. */
  expectEnd(): void {
    const tok = this.peek();
    if (tok.kind !== 'eof') throw this.unexpected(tok);
  }

  unexpected(tok: Token, expected?: string): ScimError {
    const what = tok.kind === 'eof' ? `Unexpected end of filter at position ${tok.pos}` : `Unexpected token ${tokenText(tok)} at position ${tok.pos}`;
    return this.fail(expected ? `${what}; expected ${expected}` : what);
  }

  /** FILTER = orExpr. */
  parseFilter(): Filter {
    return this.orExpr<Filter>(() => this.attrExp(), identity);
  }

  /**
   * Read an attribute name and resolve it, relative to `parent` inside brackets
   * (`emails[type …]` resolves `emails.type`).
   */
  attribute(parent?: ResolvedAttr): { readonly tok: Token; readonly path: ResolvedAttr } {
    const tok = this.next();
    if (tok.kind !== 'word' || KEYWORDS.has(tok.text.toLowerCase())) throw this.unexpected(tok, 'an attribute name');
    // Inside brackets only a plain sub-attribute name is valid, never a URN or dotted path.
    const nested = parent !== undefined && /[.:]/.test(tok.text);
    const path = nested ? undefined : this.resolver.resolve(parent ? `${parent.canonical}.${tok.text}` : tok.text);
    if (!path) throw this.fail(`Unknown attribute ${quoteForDetail(tok.text)} at position ${tok.pos}`);
    return { tok, path };
  }

  /** `[valFilter]` after a complex attribute; the opening bracket is the next token. */
  bracket(path: ResolvedAttr): ValueFilter {
    const open = this.next();
    if (path.sub || path.attr.type !== 'complex') {
      throw this.fail(`Attribute ${quoteForDetail(path.canonical)} is not complex and cannot take a value filter at position ${open.pos}`);
    }
    const inner = this.nested(open, () => this.orExpr<ValueFilter>(() => this.subAttrExp(path), identity));
    const close = this.next();
    if (close.kind !== ']') throw this.unexpected(close, '"]"');
    return inner;
  }

  private orExpr<F>(atom: () => F, wrap: (n: Logical<F> | Not<F>) => F): F {
    let left = this.andExpr(atom, wrap);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = wrap({ kind: 'or', left, right: this.andExpr(atom, wrap) });
    }
    return left;
  }

  private andExpr<F>(atom: () => F, wrap: (n: Logical<F> | Not<F>) => F): F {
    let left = this.unary(atom, wrap);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = wrap({ kind: 'and', left, right: this.unary(atom, wrap) });
    }
    return left;
  }

  /** `not` binds tighter than `and`. RFC requires `not (…)`; `not attrExp` is accepted too. */
  private unary<F>(atom: () => F, wrap: (n: Logical<F> | Not<F>) => F): F {
    const tok = this.peek();
    if (this.isKeyword(tok, 'not')) {
      this.next();
      return this.nested(tok, () => wrap({ kind: 'not', filter: this.unary(atom, wrap) }));
    }
    if (tok.kind === '(') {
      this.next();
      const inner = this.nested(tok, () => this.orExpr(atom, wrap));
      const close = this.next();
      if (close.kind !== ')') throw this.unexpected(close, '")"');
      return inner;
    }
    return atom();
  }

  /** Depth guard: throws invalidFilter long before the JS stack could overflow. */
  private nested<T>(tok: Token, body: () => T): T {
    if (this.depth >= MAX_FILTER_DEPTH) throw this.fail(`Filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${tok.pos}`);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  private isKeyword(tok: Token, keyword: string): boolean {
    return tok.kind === 'word' && tok.text.toLowerCase() === keyword;
  }

  /** attrExp / valuePath / valuePath "." subAttr compareOp compValue. */
  private attrExp(): Filter {
    const { tok, path } = this.attribute();
    if (this.peek().kind !== '[') return this.condition(path, tok);
    const inner = this.bracket(path);
    if (this.peek().kind !== '.') return { kind: 'valuePath', path, filter: inner };
    this.next();
    const sub = this.attribute(path);
    // `emails[type eq "work"].value eq "x"`: AND the condition into the bracket so it binds to the same element.
    return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: this.condition(sub.path, sub.tok) } };
  }

  private subAttrExp(parent: ResolvedAttr): ValueFilter {
    const { tok, path } = this.attribute(parent);
    const after = this.peek();
    if (after.kind === '[') throw this.fail(`Value filters cannot be nested (position ${after.pos})`);
    return this.condition(path, tok);
  }

  /** `pr` or `op value` after an attribute, type-checked against the attribute definition. */
  private condition(path: ResolvedAttr, attrTok: Token): ValueFilter {
    if (leafDef(path).returned === 'never') throw this.fail(`Attribute ${quoteForDetail(path.canonical)} at position ${attrTok.pos} cannot be used in a filter`);
    const opTok = this.next();
    const opText = opTok.kind === 'word' ? opTok.text.toLowerCase() : '';
    if (opText === 'pr') return { kind: 'present', path };
    if (!isOp(opText)) throw this.unexpected(opTok, `an operator after ${quoteForDetail(path.canonical)}`);
    const valTok = this.next();
    const raw = this.literal(valTok);
    if (raw === null) {
      // `x eq null` asks for absence (RFC 7644 §3.4.2.2 treats null as "no value").
      if (opText === 'eq') return { kind: 'not', filter: { kind: 'present', path } };
      if (opText === 'ne') return { kind: 'present', path };
      throw this.fail(`Operator "${opText}" cannot compare with null at position ${valTok.pos}`);
    }
    const target = this.simpleTarget(path, attrTok);
    return { kind: 'compare', path: target, op: opText, value: this.coerce(target, opText, raw, valTok) };
  }

  /** A complex attribute compared without sub-attribute means its `value` (`manager eq "id"`). */
  private simpleTarget(path: ResolvedAttr, attrTok: Token): ResolvedAttr {
    if (leafDef(path).type !== 'complex') return path;
    const value = this.resolver.resolve(`${path.canonical}.value`);
    if (value) return value;
    throw this.fail(`Attribute ${quoteForDetail(path.canonical)} at position ${attrTok.pos} is complex; compare one of its sub-attributes`);
  }

  private literal(tok: Token): string | number | boolean | null {
    if (tok.kind === 'string') return tok.value;
    if (tok.kind === 'number') return tok.raw;
    const word = tok.kind === 'word' ? tok.text.toLowerCase() : '';
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    throw this.unexpected(tok, 'a value (string, number, true, false or null)');
  }

  /** Coerce the literal to the attribute type so SQL and the evaluator never compare mixed types. */
  private coerce(path: ResolvedAttr, op: CompareOp, raw: string | number | boolean, tok: Token): CompareValue {
    const def = leafDef(path);
    const where = `${quoteForDetail(path.canonical)} at position ${tok.pos}`;
    if (def.type === 'boolean') {
      if (op !== 'eq' && op !== 'ne') throw this.fail(`Operator "${op}" is not defined for boolean attribute ${where}`);
      // Entra sends "True"/"False" strings for booleans; accept them in filters as well.
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw) && tok.kind === 'string') return raw.toLowerCase() === 'true';
      if (typeof raw === 'boolean') return raw;
      throw this.fail(`Expected true or false for boolean attribute ${where}`);
    }
    if (def.type === 'integer' || def.type === 'decimal') {
      if (op === 'co' || op === 'sw' || op === 'ew') throw this.fail(`Operator "${op}" is not defined for numeric attribute ${where}`);
      if (tok.kind !== 'number') throw this.fail(`Expected a number for numeric attribute ${where}`);
      return tok.value;
    }
    // String-like types. An unquoted number keeps its literal text: `employeeNumber eq 007` means "007".
    if (typeof raw !== 'string') throw this.fail(`Expected a string for attribute ${where}`);
    return raw;
  }
}
