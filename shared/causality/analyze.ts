/**
 * `analyze`: the figures `coordlab analyze --json` prints (DESIGN.md), all in
 * O(events × nodes): a vector clock already counts its event's causal past.
 */
import { buildCausalIndex, type CausalIndex } from './causal-index.js';
import { lamportTies, wallAgainstCausality, wallInversions } from './anomalies.js';
import { clockErrorMs, type ClockErrorMs, type TruthMs } from './clock-error.js';
import { clockEdges, hasMessageIds, matchedMessageCounts } from './messages.js';
import type { CausalEvent } from './types.js';

/** Per-node counts. */
export interface NodeCounts {
  readonly events: number;
  readonly sends: number;
  readonly receives: number;
}

/** The analysis of one run. Field names are the `analyze --json` contract. */
export interface Analysis {
  readonly events: number;
  readonly nodes: number;
  readonly node_names: string[];
  /** Matched send → receive pairs; for logs without message ids, the direct cross-node edges the clocks imply. */
  readonly messages: number;
  /** Where `messages` came from: `msg` ids or `clocks`. */
  readonly messages_from: 'msg' | 'clocks';
  /** Receives whose message id matches no send (0 for clock-implied edges). */
  readonly unmatched_receives: number;
  /** Unordered event pairs ordered by happened-before. */
  readonly hb_pairs: number;
  /** events·(events−1)/2 − hb_pairs. */
  readonly concurrent_pairs: number;
  /** Messages received at an earlier node wall-clock time than they were sent. */
  readonly wall_inversions: number;
  /** Pairs a → b with wall(a) > wall(b): the wall clock orders them against causality. */
  readonly wall_against_causality: number;
  /** Unordered pairs of events with equal Lamport timestamps (concurrent by construction). */
  readonly lamport_ties: number;
  readonly per_node: Record<string, NodeCounts>;
  /** Events the clocks refer to that the run did not record (present when > 0; see `missing`). */
  readonly missing_events?: number;
  /** Per node wall-clock error (wall − truth), present when events carry the truth (`data.true_ms`). */
  readonly clock_error_ms?: Record<string, ClockErrorMs>;
}

/** Options for {@link analyze}. */
export interface AnalyzeOptions {
  /** Where the true time comes from for `clock_error_ms` (default: `data.true_ms`; see `refTruthMs`). */
  readonly truthMs?: TruthMs;
  /** An index already built for these events. */
  readonly index?: CausalIndex;
  /**
   * Clock entries that refer to unrecorded events: `error` (default) or `clamp` to what
   * was recorded (a node's lost tail, e.g. after a crash); counted in `missing_events`.
   */
  readonly missing?: 'error' | 'clamp';
}

/**
 * Analyse a run from its events (any order; each node's `seq` runs 1..n and the
 * clocks must be consistent, else a `CausalityError` names the offending event).
 */
export function analyze(events: readonly CausalEvent[], options: AnalyzeOptions = {}): Analysis {
  const index = options.index ?? buildCausalIndex(events, { missing: options.missing });
  const n = events.length;
  let hb = 0;
  for (let p = 0; p < n; p++) hb += index.clockSum[p] - 1;
  let messages: number;
  let unmatched = 0;
  let inversions: number;
  let from: Analysis['messages_from'];
  if (hasMessageIds(events)) {
    const m = matchedMessageCounts(events);
    messages = m.messages;
    unmatched = m.unmatchedReceives;
    inversions = m.wallInversions;
    from = 'msg';
  } else {
    const edges = clockEdges(index);
    messages = edges.length;
    inversions = wallInversions(events, edges);
    from = 'clocks';
  }
  const sends = new Int32Array(index.width);
  const receives = new Int32Array(index.width);
  for (let p = 0; p < n; p++) {
    const kind = events[p].kind;
    if (kind === 'send') sends[index.nodeOf[p]]++;
    else if (kind === 'receive') receives[index.nodeOf[p]]++;
  }
  const perNode: Record<string, NodeCounts> = {};
  index.nodes.forEach((name, j) => (perNode[name] = { events: index.byNode[j].length, sends: sends[j], receives: receives[j] }));
  const result: Analysis = {
    events: n,
    nodes: index.width,
    node_names: [...index.nodes],
    messages,
    messages_from: from,
    unmatched_receives: unmatched,
    hb_pairs: hb,
    concurrent_pairs: (n * (n - 1)) / 2 - hb,
    wall_inversions: inversions,
    wall_against_causality: wallAgainstCausality(index),
    lamport_ties: lamportTies(events),
    per_node: perNode,
  };
  const err = clockErrorMs(events, options.truthMs, index);
  return {
    ...result,
    ...(index.missingEvents > 0 ? { missing_events: index.missingEvents } : {}),
    ...(err ? { clock_error_ms: err } : {}),
  };
}
