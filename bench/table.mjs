/** Number formatting, plain-text tables and small statistics shared by bench/run.mjs and bench/ratios.mjs. */

export const round = (x, d = 2) => (x == null || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

export const fmt = (x, d = 0) =>
  x == null ? 'n/a' : typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : String(x);

/** Median of the non-null values; null when there are none. */
export const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `cols` is a list of [header, row => cell]; the first column is left-aligned, the others right-aligned. */
export function table(rows, cols) {
  const cells = rows.map((r) => cols.map(([, get]) => String(get(r))));
  const widths = cols.map(([h], c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (vals) => vals.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(cols.map(([h]) => h)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
