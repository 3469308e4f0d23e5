#!/usr/bin/env node
/**
 * Print README's option table, generated from the option table (shared/core-options.ts), or with
 * `--write` put it into README.md between its `options-table` markers. Reads the build output:
 * run `npm run build` (or `npx tsc -b`) first. tests/unit/node/options-readme.test.ts fails when
 * README and the table differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { coreOptionsMarkdown, withOptionsTable } = await import(pathToFileURL(join(root, 'dist', 'shared', 'core-options-doc.js')).href);

if (process.argv.includes('--write')) {
  const file = join(root, 'README.md');
  writeFileSync(file, withOptionsTable(readFileSync(file, 'utf8')));
  console.log(`updated ${file}`);
} else {
  console.log(coreOptionsMarkdown());
}
