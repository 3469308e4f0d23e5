/**
 * The option table (core-options.ts) as documentation: the Markdown table README shows between
 * its `options-table` markers (a unit test fails when they differ; `node scripts/options-table.mjs
 * --write` rewrites it after a build) and the text `serve --help` prints.
 */
import { coreOptionEntries, describeDefault, flagSyntax } from './core-options.js';

/** First line of README's table region; the table follows it, then {@link README_OPTIONS_END}. */
export const README_OPTIONS_BEGIN = '<!-- options-table: generated from shared/core-options.ts by scripts/options-table.mjs -->';
export const README_OPTIONS_END = '<!-- /options-table -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The table as Markdown, one row per option in table order. */
export function coreOptionsMarkdown(): string {
  const rows = coreOptionEntries().map(([, o]) => {
    const fallback = describeDefault(o) ?? 'none';
    return `| \`${flagSyntax(o)}\` | \`${o.env}\` | ${cell(fallback)} | ${cell(o.description)} |`;
  });
  return ['| flag | environment | default | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * README's text with the region between the markers replaced by {@link coreOptionsMarkdown}.
 * Throws when the markers are missing, so the README test cannot pass on a README without the table.
 */
export function withOptionsTable(readme: string): string {
  const begin = readme.indexOf(README_OPTIONS_BEGIN);
  const end = readme.indexOf(README_OPTIONS_END);
  if (begin === -1 || end < begin) throw new Error(`README has no option table between "${README_OPTIONS_BEGIN}" and "${README_OPTIONS_END}"`);
  return `${readme.slice(0, begin)}${README_OPTIONS_BEGIN}\n${coreOptionsMarkdown()}\n${readme.slice(end)}`;
}

const plain = (text: string): string => text.replace(/`/g, '');

/** Usage text for `serve --help`. */
export function coreOptionsUsage(): string {
  const lines = [
    'Usage: serve [options]',
    '       serve backup --to FILE [--data-dir DIR]',
    '',
    'Options (each flag has an environment twin, read when the flag is absent):',
  ];
  for (const [, o] of coreOptionEntries()) {
    const fallback = describeDefault(o);
    lines.push(`  ${flagSyntax(o).padEnd(24)} ${o.env}`);
    lines.push(`      ${plain(o.description)}${fallback === undefined ? '' : ` Default: ${plain(fallback)}.`}`);
  }
  return `${lines.join('\n')}\n`;
}
