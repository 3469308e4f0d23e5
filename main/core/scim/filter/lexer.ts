import type { ScimError } from '../errors.js';

/**
 * Tokens of RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths. Keywords (`and`, `eq`, `true`, …)
 * stay words; the parser decides by position, which is how `not` and attribute names that look
 * like keywords stay unambiguous.
 */
export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  /** `raw` keeps the literal so `employeeNumber eq 007` can be compared as the string "007". */
  | { readonly kind: 'number'; readonly value: number; readonly raw: string; readonly pos: number }
  | { readonly kind: '(' | ')' | '[' | ']' | '.' | 'eof'; readonly pos: number };

/** Longest filter accepted. Real IdP filters are < 300 chars; the cap bounds parse time and AST size. */
export const MAX_FILTER_LENGTH = 4096;

// Attribute paths: ATTRNAME plus URN prefixes (`urn:…:2.0:User:`), dotted sub-attributes and `$ref`.
const WORD = /[A-Za-z$][A-Za-z0-9_$:.-]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD_CHAR = /[A-Za-z0-9_$]/;
const PUNCT = new Set(['(', ')', '[', ']', '.']);

/** Quote a token or character for an error detail without letting it run on. */
export function quoteForDetail(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Split `text` into tokens. Positions are 0-based character offsets (as in V8's JSON errors).
 * @throws the error built by `fail` (invalidFilter or invalidPath) on any lexical problem.
 */
export function tokenize(text: string, fail: (detail: string) => ScimError): Token[] {
  if (text.length > MAX_FILTER_LENGTH) throw fail(`Filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: ch as '(' | ')' | '[' | ']' | '.', pos: i });
      i++;
    } else if (ch === '"') {
      const end = scanString(text, i, fail);
      tokens.push({ kind: 'string', value: decodeString(text.slice(i, end), i, fail), pos: i });
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const end = i + (m?.[0].length ?? 0);
      if (!m || WORD_CHAR.test(text.charAt(end))) throw fail(`Invalid number at position ${i}`);
      tokens.push({ kind: 'number', value: Number(m[0]), raw: m[0], pos: i });
      i = end;
    } else {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) throw fail(`Unexpected character ${quoteForDetail(ch)} at position ${i}`);
      tokens.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
    }
  }
  tokens.push({ kind: 'eof', pos: text.length });
  return tokens;
}

/** Index just past the closing quote of the string starting at `start`. */
function scanString(text: string, start: number, fail: (detail: string) => ScimError): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charAt(j);
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  throw fail(`Unterminated string starting at position ${start}`);
}

/** JSON string semantics (RFC 7644 compValue is a JSON string), so `\"`, `\\`, `\u00e9` all work. */
function decodeString(literal: string, pos: number, fail: (detail: string) => ScimError): string {
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return value;
  } catch {
    // Bad escape or raw control character: reported below with the position, which JSON.parse lacks.
  }
  throw fail(`Invalid string literal at position ${pos}`);
}
