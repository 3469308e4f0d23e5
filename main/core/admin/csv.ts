import { stringify } from 'csv-stringify/sync';

/** One CSV record and the (1-based) line it starts on, for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: ReadonlyArray<string>;
}

/** A syntax error in the CSV text (unterminated quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parse RFC 4180 CSV: quoted fields may hold the delimiter, `""` and line breaks; CRLF or LF line
 * ends; a leading BOM is dropped; blank lines are skipped. The delimiter is `,` unless the header
 * line has semicolons and no commas (spreadsheets in many European locales save that way).
 */
export function parseCsv(input: string): CsvRecord[] {
  const textIn = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstLine = textIn.slice(0, textIn.search(/\r?\n|$/));
  const delim = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let isQuoted = false;
  let isFieldStart = true;

  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !isQuoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    isQuoted = false;
    isFieldStart = true;
  };

  while (i < textIn.length) {
    const c = textIn[i]!;
    if (isFieldStart && c === '"') {
      isQuoted = true;
      isFieldStart = false;
      const start = line;
      i++;
      for (;;) {
        if (i >= textIn.length) throw new CsvSyntaxError(start, `Line ${start}: a quoted field is never closed (missing ").`);
        const q = textIn[i]!;
        if (q === '"') {
          if (textIn[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const after = textIn[i];
      if (after !== undefined && after !== delim && after !== '\n' && after !== '\r') {
        throw new CsvSyntaxError(line, `Line ${line}: unexpected text after a closing quote; put the whole field in quotes and double any " inside it.`);
      }
      continue;
    }
    isFieldStart = false;
    if (c === delim) {
      fields.push(field);
      field = '';
      isQuoted = false;
      isFieldStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && textIn[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || isQuoted) endRecord();
  return records;
}

/** Formula triggers a spreadsheet would run at a cell start: `=`, `+`, `-`, `@` (also full-width), tab, CR. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const HAS_TRIGGER = /[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/**
 * Characters after which a spreadsheet may start a new cell inside our text: `;` (the list separator
 * of many locales, which splits `Bob;=HYPERLINK(…)` into two cells), `,`, tab, and line breaks.
 */
const CELL_BREAKS = new Set([';', ',', '\t', '\r', '\n']);

/**
 * Neutralise formulas in a text cell: an apostrophe before every trigger at a cell start (the start
 * of the text, or after a `;`, `,`, tab or line break, spaces allowed in between), as spreadsheets
 * read `'=…` as text. Exported data comes from the IdP and must not execute on the admin's PC
 * (OWASP CSV injection; issue #15 item 6).
 */
export function neutraliseFormulas(s: string): string {
  if (!HAS_TRIGGER.test(s)) return s;
  let out = '';
  let isCellStart = true;
  for (const ch of s) {
    if (isCellStart && ch !== ' ') {
      if (TRIGGERS.has(ch)) out += "'";
      isCellStart = false;
    }
    out += ch;
    // A tab is both a trigger and a break: `\t=x` becomes `'\t'=x`.
    if (CELL_BREAKS.has(ch)) isCellStart = true;
  }
  return out;
}

/** One cell value as the export writes it: text neutralised, numbers and booleans as their text. */
const cellText = (value: CsvValue): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? neutraliseFormulas(value) : String(value));

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV line (CRLF-terminated, as RFC 4180 and Excel expect), written by csv-stringify: a cell
 * holding the separator, a quote, CR or LF is quoted (and so is one holding `;` or a tab, so a
 * `;`-locale spreadsheet keeps it whole too, or with spaces at either end, which spreadsheets trim);
 * formula triggers are neutralised first.
 */
export const csvLine = (cells: ReadonlyArray<CsvValue>): string =>
  stringify([cells.map(cellText)], { record_delimiter: 'windows', quoted_match: [/[;\t]/, /^\s|\s$/] });
