/**
 * The Raft paper's leader-election experiment (§9.3, Figure 16) on the simulator.
 *
 * Each trial: five servers start at term 1 with logs of different lengths; n1 (one
 * of the most up to date) campaigns and leads. The AppendEntries that reach n4 and n5
 * arrive without their entries (they are kept behind, as slow servers would be), so
 * after the crash they cannot win: voters with longer logs refuse them. They still
 * hear from the leader and follow it. At a settled moment the leader broadcasts a synchronous heartbeat round, then
 * crashes at a uniformly random time within its heartbeat interval (half the minimum
 * election timeout). Downtime = crash → a new node becomes leader.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import { ticksFromMs, type HardState, type Message } from '../raft';
import { SimConfigError, type DelayDist } from './delay';
import { raftProgram } from './raft-program';
import { Simulator } from './simulator';
import { cdfPoints, summarize, type Summary } from './stats';


/** An election timeout range, ms. */
export interface TimeoutRange {
  /** As written, e.g. `150-155`. */
  label: string;
  minMs: number;
  maxMs: number;
}

/** Parse `150-155`, `150-155ms` or `150..155ms`; throws a one-line SimConfigError. */
export function parseTimeoutRange(text: string): TimeoutRange {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:ms)?\s*(?:-|\.\.)\s*(\d+(?:\.\d+)?)\s*(?:ms)?\s*$/.exec(text);
  if (!m) throw new SimConfigError(`invalid timeout range "${text}": expected MIN-MAX in ms, e.g. 150-300`);
  const minMs = Number(m[1]);
  const maxMs = Number(m[2]);
  if (minMs <= 0) throw new SimConfigError(`invalid timeout range "${text}": the minimum must be positive`);
  if (maxMs < minMs) throw new SimConfigError(`invalid timeout range "${text}": the maximum is below the minimum`);
  return { label: `${m[1]}-${m[2]}`, minMs, maxMs };
}

/** Options of the election benchmark. */
export interface ElectionBenchOptions {
  ranges: readonly TimeoutRange[];
  /** Trials per range (1000 in the paper). */
  trials: number;
  seed: number | string;
  /** Round trip of an RPC, ms (the paper: about 15). One-way delay is uniform in [bt/3, 2bt/3]. */
  broadcastTimeMs?: number;
  /** Override the one-way delay distribution. */
  delay?: DelayDist;
  /** Servers (5 in the paper). */
  nodes?: number;
  /** How many servers are kept behind (cannot win). Default 2 of 5. */
  laggingNodes?: number;
  /** Tick length of the cores, ms. Default 0.1. */
  tickMs?: number;
  /** A trial that has no leader after this long counts as this long (censored). Default 10 000. */
  capMs?: number;
  /** Called after each trial. */
  onProgress?: (done: number, total: number) => void;
}

/** The result for one range. `range` … `max_ms` are the `bench election --json` contract. */
export interface ElectionRangeResult extends Summary {
  range: string;
  minMs: number;
  maxMs: number;
  /** Trials that hit `capMs` without a leader (their downtime counts as capMs). */
  censored: number;
  /** Empirical CDF: [downtime ms, fraction of trials ≤ it]. */
  cdf: [number, number][];
  /** Every trial's downtime, ms, in trial order. */
  downtimesMs: number[];
}

/** Refuse nonsense with a one-line SimConfigError. */
export function validateElectionBench(o: ElectionBenchOptions): void {
  const bad = (msg: string): never => { throw new SimConfigError(`invalid election bench: ${msg}`); };
  if (o.ranges.length === 0) bad('no timeout ranges given');
  if (!Number.isInteger(o.trials) || o.trials < 1) bad(`trials must be a positive integer, got ${o.trials}`);
  const bt = o.broadcastTimeMs ?? 15;
  if (!Number.isFinite(bt) || bt < 0) bad(`broadcast time must be a non-negative number of ms, got ${bt}`);
  const nodes = o.nodes ?? 5;
  if (!Number.isInteger(nodes) || nodes < 1) bad(`a cluster needs at least 1 node, got ${nodes}`);
  const lag = o.laggingNodes ?? 2;
  if (!Number.isInteger(lag) || lag < 0 || lag > nodes - 2) bad(`laggingNodes must be between 0 and ${Math.max(0, nodes - 2)}, got ${lag}`);
  if (o.tickMs !== undefined && !(o.tickMs > 0)) bad(`tickMs must be positive, got ${o.tickMs}`);
  if (o.capMs !== undefined && !(o.capMs > 0)) bad(`capMs must be positive, got ${o.capMs}`);
  for (const r of o.ranges) {
    if (!(r.minMs > 0) || r.maxMs < r.minMs) bad(`timeout range ${r.label} is not MIN-MAX with 0 < MIN <= MAX`);
  }
}

/** One trial's downtime in ms (capMs if no leader emerged in time). */
export function runElectionTrial(range: TimeoutRange, o: ElectionBenchOptions, rng: Rng): number {
  const nodes = o.nodes ?? 5;
  const lagging = o.laggingNodes ?? 2;
  const bt = o.broadcastTimeMs ?? 15;
  const tickMs = o.tickMs ?? 0.1;
  const capMs = o.capMs ?? 10_000;
  const heartbeatMs = range.minMs / 2;
  const ids = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const behind = new Set(ids.slice(nodes - lagging));
  // Logs of different lengths: 3 entries on the up-to-date servers, fewer behind.
  const initial = (id: string): HardState => {
    const k = ids.indexOf(id);
    const len = behind.has(id) ? Math.max(0, 2 - (k - (nodes - lagging))) : 3;
    return { term: 1, votedFor: null, log: Array.from({ length: len }, () => ({ term: 1 })) };
  };
  const program = raftProgram({
    peers: ids,
    timing: ticksFromMs({ electionTimeoutMinMs: range.minMs, electionTimeoutMaxMs: range.maxMs, heartbeatIntervalMs: heartbeatMs, tickMs }),
    initialHardState: initial,
  });
  let crashAtMs = Infinity;
  let newLeaderAtMs = Infinity;
  let leader = 'n1';
  let synced = false;
  const sim = new Simulator<Message>({
    nodes: ids,
    program,
    seed: rng.int(0, 2 ** 31),
    tickMs,
    delay: o.delay ?? { kind: 'uniform', minMs: bt / 3, maxMs: (2 * bt) / 3 },
    record: false,
    // Servers behind get AppendEntries without their entries. After the synchronous
    // heartbeat round the leader's catch-up attempts are lost entirely, so that round
    // is the last word every follower hears (as in the paper's script).
    intercept: (_from, to, m) => {
      if (!behind.has(to) || m.type !== 'AppendEntries' || m.entries.length === 0) return m;
      return synced ? null : { ...m, entries: [] };
    },
    observe: (node, t, r) => {
      if (r.kind !== 'state' || r.data?.role !== 'leader' || r.data.prevRole === 'leader') return;
      if (t < crashAtMs) leader = node;
      else if (newLeaderAtMs === Infinity) newLeaderAtMs = t;
    },
  });
  sim.poke('n1', () => program.node('n1')?.campaign());
  // Settle: a leader is elected, everyone follows it, and it has sent a few heartbeats.
  let syncAtMs = 4 * range.maxMs + 10 * bt + 50;
  sim.runUntil(syncAtMs);
  const settled = (): boolean => ids.every((id) => {
    const s = program.node(id)?.status();
    return s !== undefined && s.leader === leader && s.term === program.node(leader)?.status().term;
  });
  for (let i = 0; i < 1000 && !settled(); i++) sim.runUntil((syncAtMs += heartbeatMs));
  if (!settled()) throw new Error(`election bench ${range.label}: the cluster never settled on a leader before the crash`);
  synced = true;
  sim.poke(leader, () => program.node(leader)?.broadcastHeartbeat());
  crashAtMs = syncAtMs + rng.range(0, heartbeatMs);
  sim.at(crashAtMs, () => sim.crash(leader));
  sim.runUntil(crashAtMs + capMs, () => newLeaderAtMs !== Infinity);
  return Math.min(newLeaderAtMs - crashAtMs, capMs);
}

/** Run every range; results in the order of `ranges`. */
export function runElectionBench(o: ElectionBenchOptions): ElectionRangeResult[] {
  validateElectionBench(o);
  const rng = createRng(o.seed);
  const capMs = o.capMs ?? 10_000;
  const total = o.ranges.length * o.trials;
  let done = 0;
  return o.ranges.map((range) => {
    const r = rng.fork();
    const downtimesMs: number[] = [];
    for (let i = 0; i < o.trials; i++) {
      downtimesMs.push(runElectionTrial(range, o, r));
      o.onProgress?.(++done, total);
    }
    return {
      range: range.label,
      minMs: range.minMs,
      maxMs: range.maxMs,
      ...summarize(downtimesMs),
      censored: downtimesMs.filter((d) => d >= capMs).length,
      cdf: cdfPoints(downtimesMs),
      downtimesMs,
    };
  });
}

/** The public `bench election --json` object of one range. */
export function electionJson(r: ElectionRangeResult): { range: string; trials: number; median_ms: number; mean_ms: number; p99_ms: number; max_ms: number; censored: number } {
  return { range: r.range, trials: r.trials, median_ms: r.median_ms, mean_ms: r.mean_ms, p99_ms: r.p99_ms, max_ms: r.max_ms, censored: r.censored };
}
