/**
 * Issue 14: `npm run bench` runs the reference twice, FULL and the floor (synchronous=NORMAL), beside
 * SCIM Desk. A tiny run with the reference standing in for SCIM Desk (--target-cmd, so no build is
 * needed) checks that all three really run, that the floor's connection reads back NORMAL and the
 * FULL reference's FULL, and that both ratios reach the JSON results. No timing is asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'bench-floor-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  servers: Record<string, { cmd: string }>;
  runs: { target: string; round: number; sqlite?: string; phases: { phase: string; errors: number }[] }[];
  phaseRatios: { phase: string; measure: string; ratios: { ref: number | null; floor: number | null } }[];
  ratios: { cycleWallTime: number | null };
  ratiosFloor: { cycleWallTime: number | null };
  targets: Record<string, { status: string }>;
}

const bench = (args: string[]) =>
  new Promise<{ code: number | null; out: string }>((ok) => {
    const p = spawn(process.execPath, ['bench/run.mjs', ...args], { cwd: ROOT });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    p.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    p.once('exit', (code) => ok({ code, out }));
  });

describe('bench with the floor', () => {
  it('runs SCIM Desk, the FULL reference and the floor, and saves both ratios per phase', async () => {
    const json = join(dir, 'out.json');
    const { code, out } = await bench([
      '--target-cmd', `${process.execPath} bench/reference-server.mjs`,
      '--users', '20', '--lookup-members', '30', '--lookups', '10', '--rounds', '1', '--only', 'scim', '--json', json,
    ]);
    expect(code, out).toBe(0);
    expect(out).toContain('=== RATIOS SCIM Desk ÷ ref FULL and ÷ floor NORMAL, per phase');
    const r = JSON.parse(readFileSync(json, 'utf8')) as Results;

    expect(r.servers.floor?.cmd).toBe(`${r.servers.ref?.cmd} --synchronous NORMAL`);
    expect(r.runs.map((x) => [x.target, x.sqlite])).toEqual([
      ['desk', 'journal_mode=wal synchronous=FULL'],
      ['ref', 'journal_mode=wal synchronous=FULL'],
      ['floor', 'journal_mode=wal synchronous=NORMAL'],
    ]);
    for (const run of r.runs) {
      expect(run.phases.map((p) => p.phase)).toContain('c. lookups (all)');
      expect(run.phases.every((p) => p.errors === 0)).toBe(true);
    }

    const wall = r.phaseRatios.filter((p) => p.measure === 'wall time s');
    expect(wall.map((p) => p.phase)).toEqual(['a. Entra cycle', 'b. Okta import']);
    for (const p of wall) {
      expect(p.ratios.ref).toBeGreaterThan(0);
      expect(p.ratios.floor).toBeGreaterThan(0);
    }
    expect(r.ratios.cycleWallTime).toBe(wall[0]?.ratios.ref);
    expect(r.ratiosFloor.cycleWallTime).toBe(wall[0]?.ratios.floor);
    expect(Object.keys(r.targets)).toEqual(['cycle', 'cycleErrors', 'lookups']);
  }, 180_000);
});
