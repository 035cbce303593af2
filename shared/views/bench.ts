/**
 * The election benchmark as the Raft view shows it: per timeout range, the CDF of
 * downtime (crash → new leader) from simulated trials, next to the figures the Raft
 * paper states (§9.3, Figure 16). Main runs the trials (`runElectionTrial`) a few at
 * a time and ships these compact curves.
 */
import { compareWithPaper, PAPER_RANGES, type PaperComparison } from '../sim/election-paper';
import { cdfPoints, summarize, type Summary } from '../sim/stats';
import { r3 } from './common';

/** What to run: trials per range, seed, ranges (default: every range of Figure 16). */
export interface ElectionBenchQuery {
  trials?: number;
  seed?: number;
  ranges?: string[];
}

/** One range's curve. */
export interface ElectionBenchCurve extends Summary {
  range: string;
  censored: number;
  /** `[downtime ms, fraction of trials ≤ it]`, at most ~200 points. */
  cdf: [number, number][];
}

/** Progress and (partial) results of a benchmark. */
export interface ElectionBenchState {
  done: boolean;
  /** 0..1 */
  progress: number;
  trials: number;
  seed: number;
  ranges: string[];
  /** Figure 16's two graphs: which ranges each plots. */
  groups: { top: string[]; bottom: string[] };
  /** Ranges finished so far. */
  curves: ElectionBenchCurve[];
  paper: PaperComparison[];
  /** A failure, if the benchmark stopped. */
  error: string | null;
}

/** Every range of Figure 16, top graph first (150-300 appears in both). */
export function paperRanges(): string[] {
  return [...new Set([...PAPER_RANGES.top, ...PAPER_RANGES.bottom])];
}

/** The curve of one range from its trials' downtimes. */
export function benchCurve(range: string, downtimesMs: readonly number[], capMs: number, maxPoints = 200): ElectionBenchCurve {
  const all = cdfPoints(downtimesMs);
  const step = Math.max(1, Math.ceil(all.length / maxPoints));
  const cdf = all.filter((_, i) => i % step === 0 || i === all.length - 1).map(([x, y]) => [r3(x), r3(y)] as [number, number]);
  return { range, ...summarize(downtimesMs), censored: downtimesMs.filter((d) => d >= capMs).length, cdf };
}

/** The state object for the curves so far. */
export function benchState(q: Required<ElectionBenchQuery>, curves: ElectionBenchCurve[], doneTrials: number, error: string | null = null): ElectionBenchState {
  const total = q.ranges.length * q.trials;
  return {
    // Done once every range has its curve (the last trial is counted a moment before its curve is added).
    done: error !== null || curves.length >= q.ranges.length,
    progress: total ? Math.min(1, doneTrials / total) : 1,
    trials: q.trials,
    seed: q.seed,
    ranges: q.ranges,
    groups: { top: [...PAPER_RANGES.top], bottom: [...PAPER_RANGES.bottom] },
    curves,
    paper: compareWithPaper(curves),
    error,
  };
}
