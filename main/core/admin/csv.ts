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

/**
 * One CSV cell. Values that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
 * get a leading apostrophe: exported data comes from the IdP and must not execute on the admin's PC.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect). */
export const csvLine = (cells: ReadonlyArray<string | number | boolean | null | undefined>): string => `${cells.map(csvCell).join(',')}\r\n`;
