/**
 * SCIM Desk against each reference, per phase, for `npm run bench` (issues 9 and 14).
 *
 * For every phase and measure: the median over rounds of each target's value, then SCIM Desk's
 * median divided by the reference's. Two references run the same bench/reference-server.mjs:
 *   ref   — synchronous=FULL, an fsync inside every COMMIT before answering. Issue 9's targets are
 *           judged against it.
 *   floor — synchronous=NORMAL, no fsync before answering. It does strictly less work than SCIM
 *           Desk (which answers a write only once it is durable), so SCIM Desk cannot beat it by
 *           design; the ratio is information: how far SCIM Desk is from the bare database work.
 */
import { fmt, median, round, table } from './table.mjs';

/** Reference target keys, in column order. */
export const BASES = ['ref', 'floor'];

const WALL = { measure: 'wall time s', better: 'lower', digits: 2, get: (p) => (p.wallMs == null ? null : p.wallMs / 1000) };
const RATE = { measure: 'req/s', better: 'higher', digits: 0, get: (p) => p.reqPerSec };
const CPU = { measure: 'server CPU ms/req', better: 'lower', digits: 3, get: (p) => p.cpuMsPerReq };

const PHASES = ['a. Entra cycle', 'b. Okta import', 'c. lookup userName', 'c. lookup externalId', 'c. lookup work email', 'c. lookups (all)'];

/** [phase, measure]: the phase's own measure (wall time for a and b, req/s for c), then CPU per request. */
export const PHASE_MEASURES = [
  ...PHASES.map((p) => [p, p.startsWith('c.') ? RATE : WALL]),
  ...PHASES.map((p) => [p, CPU]),
];

/**
 * `runs` are bench/run.mjs's results.runs: { target, phases: [{ phase, wallMs, reqPerSec, cpuMsPerReq }] }.
 * Returns one row per phase and measure that any target ran:
 * { phase, measure, better, values: { desk, ref, floor }, ratios: { ref, floor } }.
 */
export function phaseRatios(runs) {
  const valueOf = (key, phase, m) =>
    median(
      runs
        .filter((r) => r.target === key)
        .map((r) => {
          const p = r.phases.find((x) => x.phase === phase);
          return p ? m.get(p) : null;
        }),
    );
  const rows = [];
  for (const [phase, m] of PHASE_MEASURES) {
    const values = Object.fromEntries(['desk', ...BASES].map((k) => [k, valueOf(k, phase, m)]));
    if (Object.values(values).every((v) => v == null)) continue;
    const ratios = Object.fromEntries(BASES.map((b) => [b, values.desk && values[b] ? round(values.desk / values[b], 3) : null]));
    for (const k of Object.keys(values)) values[k] = round(values[k], 3);
    rows.push({ phase, measure: m.measure, better: m.better, values, ratios });
  }
  return rows;
}

/** The five headline ratios of SCIM Desk against one base (`ref` or `floor`), as results.ratios has them. */
export function headlineRatios(rows, base) {
  const r = (phase, m) => rows.find((x) => x.phase === phase && x.measure === m.measure)?.ratios[base] ?? null;
  return {
    cycleWallTime: r('a. Entra cycle', WALL),
    lookupReqPerSec: r('c. lookups (all)', RATE),
    importWallTime: r('b. Okta import', WALL),
    cycleCpuPerReq: r('a. Entra cycle', CPU),
    lookupCpuPerReq: r('c. lookups (all)', CPU),
    basis: 'median over rounds',
  };
}

/** Plain-text table of `phaseRatios` rows; `labels` names the columns: { desk, ref, floor }. */
export function phaseRatioTable(rows, labels) {
  const digits = (r) => PHASE_MEASURES.find(([, m]) => m.measure === r.measure)[1].digits;
  const x = (v) => (v == null ? 'n/a' : `${v.toFixed(2)}×`);
  return table(rows, [
    ['phase', (r) => r.phase],
    ['measure', (r) => r.measure],
    ...['desk', ...BASES].map((k) => [labels[k], (r) => fmt(r.values[k], digits(r))]),
    ...BASES.map((b) => [`÷ ${labels[b]}`, (r) => x(r.ratios[b])]),
  ]);
}
