import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { admin, createMember, scim } from './helpers.js';
import { neutraliseFormulas } from '../../../main/core/admin/csv.js';

/**
 * Safe CSV (issue #15 item 6): both exports quote what needs quoting and neutralise a formula trigger
 * at the start of a cell and after any `;`, `,` or tab inside it, so a spreadsheet in a locale whose
 * list separator is `;` does not see a cell starting with `=`. Read back with a real CSV parser.
 */

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

/** Values an IdP (or an attacker holding the key) can put in a member's attributes. */
const HOSTILE = [
  'Bob;=HYPERLINK(A1);x',
  '=1+1',
  '+cmd|calc',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=tabbed',
  'a,=b,+c',
  'x\t@y',
  'left; =spaced;  +two',
  '＝fullwidth',
  'Say "hi"; =then',
  'line\nbreak\r\n=next',
] as const;
const TRIGGER = /^[=+\-@\t\r＝＋－＠]/;

/** Every place a spreadsheet could start a cell: the cell, and each part split on `;`, `,` or tab. */
function cellStarts(cell: string): string[] {
  return [cell, ...cell.split(/[;,\t]/)].map((p) => p.replace(/^ +/, ''));
}

function readBack(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

function expectNoFormula(rows: ReadonlyArray<ReadonlyArray<string>>, raw: string): void {
  for (const row of rows) for (const cell of row) for (const start of cellStarts(cell)) expect(start, JSON.stringify(cell)).not.toMatch(TRIGGER);
  // A `;`-locale spreadsheet that splits the raw line on `;` sees no formula either (quotes aside).
  for (const part of raw.split(/[;\r\n]/)) expect(part.replace(/^[ "]+/, ''), JSON.stringify(part)).not.toMatch(TRIGGER);
}

describe('CSV exports', () => {
  it('neutralises a formula trigger at a cell start and after ; , or tab, and leaves other text alone', () => {
    expect(neutraliseFormulas('Bob;=HYPERLINK(A1);x')).toBe("Bob;'=HYPERLINK(A1);x");
    expect(neutraliseFormulas('left; =spaced')).toBe("left; '=spaced");
    expect(neutraliseFormulas('-2+3')).toBe("'-2+3");
    expect(neutraliseFormulas('x\t@y')).toBe("x\t'@y");
    expect(neutraliseFormulas('Nurse, Night shift; rota 2-3 @ ward')).toBe('Nurse, Night shift; rota 2-3 @ ward');
  });

  it('member export: every hostile value reads back as one quoted cell with no formula anywhere', async () => {
    const ids: string[] = [];
    for (const [i, v] of HOSTILE.entries()) ids.push(await createMember(t, `m${i}@example.com`, { displayName: v, title: v, name: { givenName: v, familyName: 'Safe' } }));
    const res = await admin(t).get('/api/members/export.csv');
    expect(res.status).toBe(200);
    const [header, ...rows] = readBack(res.text);
    expect(rows).toHaveLength(HOSTILE.length);
    const col = (label: string): number => header!.indexOf(label);
    for (const [i, v] of HOSTILE.entries()) {
      const row = rows.find((r) => r[col('id')] === ids[i])!;
      expect(row).toHaveLength(header!.length);
      // Quoting kept the cell whole (separators, quotes, line breaks); only apostrophes were added.
      expect(row[col('Display name')]).toBe(neutraliseFormulas(v));
      expect(row[col('Job title')]!.replaceAll("'", '')).toBe(v.replaceAll("'", ''));
    }
    expectNoFormula([header!, ...rows], res.text);
  });

  it('log export: hostile values in path, detail and the changes column read back safely', async () => {
    for (const [i, v] of HOSTILE.entries()) await createMember(t, `l${i}@example.com`, { displayName: v });
    // A path and a refusal detail the client chose: both land in the log's path and detail columns.
    expect((await scim(t).get(';=cmd|calc;+x,-y')).status).toBe(404);
    const refused = await request(t.scim).get('/scim/v2/Users').set('Authorization', `Bearer ${TEST_KEY}`).query({ filter: '=cmd;@x' });
    expect(refused.status).toBe(400);
    const res = await admin(t).get('/api/log/export').query({ format: 'csv' });
    expect(res.status).toBe(200);
    const [header, ...rows] = readBack(res.text);
    expect(header).toContain('changes');
    const column = (name: string): string => rows.map((r) => r[header!.indexOf(name)]!).join('\n');
    expect(column('changes')).toContain("Bob;'=HYPERLINK(A1);x");
    expect(column('path')).toContain("/scim/v2/Users/;'=cmd|calc;'+x,'-y");
    expect(column('detail')).toContain("User ;'=cmd|calc;'+x,'-y not found.");
    for (const row of rows) expect(row).toHaveLength(header!.length);
    expectNoFormula([header!, ...rows], res.text);
  });
});
