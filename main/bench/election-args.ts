/**
 * The plan of one `coordlab bench election` invocation, from its command-line
 * options: every bad input becomes a one-line LabError (exit 2) before anything runs.
 */
import { PAPER_RANGES, parseTimeoutRange, SimConfigError, type TimeoutRange } from '../../shared/sim';
import { LabError } from '../store';

/** Default trials per range: the paper's 1000 in the simulator, fewer on real processes. */
export const DEFAULT_TRIALS = { sim: 1000, real: 50 } as const;

/** A trial with no new leader after this long counts as this long (censored), ms. */
export const DEFAULT_CAP_MS = 10_000;

/** Options as commander hands them over. */
export interface ElectionBenchFlags {
  sim?: boolean;
  trials?: string;
  timeouts?: string[];
  broadcastMs?: string;
  heartbeatMs?: string;
  nodes?: string;
  seed?: string;
  out?: string;
  capMs?: string;
  lagging?: string;
}

/** What to run. */
export interface ElectionBenchPlan {
  mode: 'sim' | 'real';
  ranges: TimeoutRange[];
  trials: number;
  /** Mean RPC round trip, ms; the one-way delay is uniform in [bt/3, 2bt/3]. */
  broadcastMs: number;
  /** Leader heartbeat interval, ms, or null for half the minimum timeout of each range (the paper). */
  heartbeatMs: number | null;
  nodes: number;
  seed: string;
  /** Folder for the CSV and SVG files. */
  outDir: string;
  capMs: number;
  /** Servers whose logs are kept behind so they cannot win (simulator only; real processes: 0). */
  laggingNodes: number;
}

function bad(message: string): never {
  throw new LabError(`bench election: ${message}`);
}

function positiveInt(name: string, text: string): number {
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v) || v < 1) bad(`${name} must be a whole number of at least 1, got '${text}'`);
  return v;
}

function nonNegativeMs(name: string, text: string): number {
  const v = Number(text.replace(/ms$/, ''));
  if (text.trim() === '' || !Number.isFinite(v)) bad(`${name} must be a number of ms, got '${text}'`);
  if (v < 0) bad(`${name} must not be negative, got ${v} ms`);
  return v;
}

/**
 * Servers kept behind: floor((nodes-1)/2) by default (2 of 5: the paper's "logs of
 * different lengths"), in the simulator and on real processes (the raft scenario's
 * `laggingNodes` option) alike.
 */
function laggingOf(text: string | undefined, _mode: 'sim' | 'real', nodes: number): number {
  if (text === undefined) return Math.floor((nodes - 1) / 2);
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || v > nodes - 2) bad(`--lagging must be a whole number from 0 to ${nodes - 2} (at least two servers must be able to win), got '${text}'`);
  return v;
}

/** The heartbeat interval a range runs with (the paper: half the minimum election timeout). */
export function heartbeatFor(plan: Pick<ElectionBenchPlan, 'heartbeatMs'>, range: TimeoutRange): number {
  return plan.heartbeatMs ?? range.minMs / 2;
}

/** Validates the flags; `defaultOut` is used when --out is absent. */
export function electionBenchPlan(f: ElectionBenchFlags, defaultOut: string): ElectionBenchPlan {
  const mode = f.sim ? 'sim' : 'real';
  let ranges: TimeoutRange[];
  try {
    const texts = f.timeouts?.length ? f.timeouts : [...new Set([...PAPER_RANGES.top, ...PAPER_RANGES.bottom])];
    ranges = texts.map(parseTimeoutRange);
  } catch (e) {
    if (e instanceof SimConfigError) bad(e.message);
    throw e;
  }
  const trials = f.trials === undefined ? DEFAULT_TRIALS[mode] : positiveInt('--trials', f.trials);
  const broadcastMs = f.broadcastMs === undefined ? 15 : nonNegativeMs('--broadcast-ms', f.broadcastMs);
  const heartbeatMs = f.heartbeatMs === undefined ? null : nonNegativeMs('--heartbeat-ms', f.heartbeatMs);
  if (heartbeatMs === 0) bad('--heartbeat-ms must be above 0 ms');
  const nodes = f.nodes === undefined ? 5 : positiveInt('--nodes', f.nodes);
  if (nodes < 3) bad(`--nodes: a crashed leader can only be replaced in a cluster of at least 3 nodes, got ${nodes}`);
  const capMs = f.capMs === undefined ? DEFAULT_CAP_MS : nonNegativeMs('--cap-ms', f.capMs);
  if (capMs === 0) bad('--cap-ms must be above 0 ms');
  const laggingNodes = laggingOf(f.lagging, mode, nodes);
  const plan: ElectionBenchPlan = { mode, ranges, trials, broadcastMs, heartbeatMs, nodes, seed: f.seed ?? '1', outDir: f.out ?? defaultOut, capMs, laggingNodes };
  for (const r of ranges) {
    const hb = heartbeatFor(plan, r);
    if (r.minMs <= hb) bad(`election timeout ${r.label} ms must be larger than the heartbeat interval (${hb} ms)`);
    if (mode === 'real' && r.minMs < 2) bad(`election timeout ${r.label} ms is below the runtime's 1 ms tick resolution`);
  }
  if (mode === 'sim' && heartbeatMs !== null && ranges.some((r) => r.minMs / 2 !== heartbeatMs)) {
    bad('--heartbeat-ms: the simulator always uses half the minimum election timeout (the paper); leave it out with --sim');
  }
  return plan;
}
