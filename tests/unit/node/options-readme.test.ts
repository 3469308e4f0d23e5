import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { coreOptionEntries, flagSyntax } from '../../../shared/core-options.js';
import { withOptionsTable } from '../../../shared/core-options-doc.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe("README's option table", () => {
  it('is the one generated from the option table (fix: npx tsc -b && node scripts/options-table.mjs --write)', () => {
    expect(README).toBe(withOptionsTable(README));
  });

  it('lists every flag with its environment twin', () => {
    for (const [, o] of coreOptionEntries()) expect(README).toMatch(new RegExp(`^\\| \`${flagSyntax(o)}\` \\| \`${o.env}\` \\|`, 'm'));
  });
});
