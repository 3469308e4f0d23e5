/**
 * Issue 14: `npm run bench` compares SCIM Desk with two references, the FULL one (issue 9's targets)
 * and the floor (synchronous=NORMAL). These check the per-phase ratios the bench prints and saves:
 * median over rounds of each target, then SCIM Desk's median over each reference's.
 */
import { describe, expect, it } from 'vitest';
import { headlineRatios, phaseRatios, phaseRatioTable, type RunSummary } from '../../../bench/ratios.mjs';

const run = (target: string, cycleS: number, lookupRps: number, cpu = 1): RunSummary => ({
  target,
  phases: [
    { phase: 'a. Entra cycle', wallMs: cycleS * 1000, reqPerSec: 41000 / cycleS, cpuMsPerReq: cpu },
    { phase: 'b. Okta import', wallMs: 1000, reqPerSec: 100, cpuMsPerReq: 2 * cpu },
    { phase: 'c. lookups (all)', wallMs: 10_000, reqPerSec: lookupRps, cpuMsPerReq: cpu / 2 },
  ],
});

// Three rounds, so the median is a middle value and not a mean.
const runs = [
  run('desk', 30, 2000, 1.2), run('ref', 25, 2500, 1), run('floor', 15, 3000, 0.6),
  run('desk', 33, 2100, 1.2), run('ref', 28, 2400, 1), run('floor', 16, 2800, 0.6),
  run('desk', 90, 1000, 1.2), run('ref', 26, 2600, 1), run('floor', 60, 2900, 0.6),
];

describe('bench ratios against the FULL reference and the floor', () => {
  const rows = phaseRatios(runs);
  const row = (phase: string, measure: string) => rows.find((r) => r.phase === phase && r.measure === measure);

  it('divides SCIM Desk\'s median by each reference\'s median, per phase and measure', () => {
    expect(row('a. Entra cycle', 'wall time s')).toEqual({
      phase: 'a. Entra cycle',
      measure: 'wall time s',
      better: 'lower',
      values: { desk: 33, ref: 26, floor: 16 },
      ratios: { ref: 1.269, floor: 2.063 },
    });
    expect(row('c. lookups (all)', 'req/s')).toMatchObject({ better: 'higher', values: { desk: 2000, ref: 2500, floor: 2900 }, ratios: { ref: 0.8, floor: 0.69 } });
    expect(row('c. lookups (all)', 'server CPU ms/req')?.ratios).toEqual({ ref: 1.2, floor: 2 });
  });

  it('leaves out phases no target ran, and gives n/a when a reference is missing', () => {
    expect(rows.map((r) => `${r.phase} / ${r.measure}`)).toEqual([
      'a. Entra cycle / wall time s',
      'b. Okta import / wall time s',
      'c. lookups (all) / req/s',
      'a. Entra cycle / server CPU ms/req',
      'b. Okta import / server CPU ms/req',
      'c. lookups (all) / server CPU ms/req',
    ]);
    const noFloor = phaseRatios(runs.filter((r) => r.target !== 'floor'));
    expect(noFloor[0]?.ratios).toEqual({ ref: 1.269, floor: null });
  });

  it('keeps issue 9\'s headline ratios against FULL, and the same against the floor apart', () => {
    expect(headlineRatios(rows, 'ref')).toEqual({
      cycleWallTime: 1.269,
      lookupReqPerSec: 0.8,
      importWallTime: 1,
      cycleCpuPerReq: 1.2,
      lookupCpuPerReq: 1.2,
      basis: 'median over rounds',
    });
    expect(headlineRatios(rows, 'floor')).toMatchObject({ cycleWallTime: 2.063, lookupReqPerSec: 0.69, cycleCpuPerReq: 2 });
  });

  it('prints both ratio columns beside the three values', () => {
    const text = phaseRatioTable(rows, { desk: 'SCIM Desk', ref: 'ref FULL', floor: 'floor NORMAL' });
    const [header, , cycle] = text.split('\n');
    expect(header).toMatch(/SCIM Desk\s+ref FULL\s+floor NORMAL\s+÷ ref FULL\s+÷ floor NORMAL$/);
    expect(cycle).toMatch(/^a\. Entra cycle\s+wall time s\s+33\.00\s+26\.00\s+16\.00\s+1\.27×\s+2\.06×$/);
  });
});
