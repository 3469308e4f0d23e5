/** Types for bench/ratios.mjs (imported by tests/unit/bench/ratios.test.ts). */

export type Base = 'ref' | 'floor';
export type TargetKey = 'desk' | Base;

export interface PhaseSummary {
  readonly phase: string;
  readonly wallMs?: number | null;
  readonly reqPerSec?: number | null;
  readonly cpuMsPerReq?: number | null;
}

export interface RunSummary {
  readonly target: string;
  readonly phases: ReadonlyArray<PhaseSummary>;
}

export interface PhaseRatioRow {
  readonly phase: string;
  readonly measure: 'wall time s' | 'req/s' | 'server CPU ms/req';
  readonly better: 'lower' | 'higher';
  readonly values: Record<TargetKey, number | null>;
  readonly ratios: Record<Base, number | null>;
}

export interface HeadlineRatios {
  readonly cycleWallTime: number | null;
  readonly lookupReqPerSec: number | null;
  readonly importWallTime: number | null;
  readonly cycleCpuPerReq: number | null;
  readonly lookupCpuPerReq: number | null;
  readonly basis: 'median over rounds';
}

export declare const BASES: ReadonlyArray<Base>;

export declare function phaseRatios(runs: ReadonlyArray<RunSummary>): PhaseRatioRow[];

export declare function headlineRatios(rows: ReadonlyArray<PhaseRatioRow>, base: Base): HeadlineRatios;

export declare function phaseRatioTable(rows: ReadonlyArray<PhaseRatioRow>, labels: Record<TargetKey, string>): string;
