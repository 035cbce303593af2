/**
 * The causal cone of one event, from vector clocks alone: e ≤ f iff
 * V(e)[node(e)] ≤ V(f)[node(e)]. Along one node the past of e is a prefix
 * (seq ≤ V(e)[j]) and the future a suffix (the first f with V(f)[node(e)] ≥ seq(e)
 * onwards, found by binary search since clocks only grow along a node), so
 * the cone is one seq interval per lane and costs O(nodes · log events).
 */
import type { VClock } from '../events.js';

/** Random access to a run's clocks, one node at a time. */
export interface ClockSource {
  /** Node names of the run. */
  readonly nodes: readonly string[];
  /** Number of events recorded on a node (its largest seq). */
  length(node: string): number;
  /** Vector clock of the event with this seq on this node (1-based). */
  clock(node: string, seq: number): VClock;
}

export interface Cone {
  node: string;
  seq: number;
  /** Per node, the largest seq in the causal past (0: none). */
  pastMaxSeq: Record<string, number>;
  /** Per node, the smallest seq in the causal future (length + 1: none). */
  futureMinSeq: Record<string, number>;
  /** Events in the causal past / future (the event itself excluded) and concurrent with it. */
  past: number;
  future: number;
  concurrent: number;
}

/** Relation of an event (node, seq) to the cone's event. */
export type ConeRelation = 'self' | 'past' | 'future' | 'concurrent';

/**
 * Computes the cone of (node, seq). `vclock` is that event's clock.
 * @throws Error when the node is unknown.
 */
export function causalCone(src: ClockSource, node: string, seq: number, vclock: VClock): Cone {
  if (!src.nodes.includes(node)) throw new Error(`no node ${node} in this run`);
  const pastMaxSeq: Record<string, number> = {};
  const futureMinSeq: Record<string, number> = {};
  let past = 0;
  let future = 0;
  let total = 0;
  for (const j of src.nodes) {
    const len = src.length(j);
    total += len;
    if (j === node) {
      pastMaxSeq[j] = seq - 1;
      futureMinSeq[j] = seq + 1;
    } else {
      pastMaxSeq[j] = Math.min(vclock[j] ?? 0, len);
      // First s on j with clock(j, s)[node] >= seq.
      let lo = 1;
      let hi = len + 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((src.clock(j, mid)[node] ?? 0) >= seq) hi = mid;
        else lo = mid + 1;
      }
      futureMinSeq[j] = lo;
    }
    past += pastMaxSeq[j];
    future += len + 1 - futureMinSeq[j];
  }
  return { node, seq, pastMaxSeq, futureMinSeq, past, future, concurrent: total - 1 - past - future };
}

/** Where (node, seq) stands relative to the cone's event. */
export function coneRelation(cone: Cone, node: string, seq: number): ConeRelation {
  if (node === cone.node && seq === cone.seq) return 'self';
  if (seq <= (cone.pastMaxSeq[node] ?? 0)) return 'past';
  if (seq >= (cone.futureMinSeq[node] ?? Infinity)) return 'future';
  return 'concurrent';
}

/** A ClockSource over events held in memory (for small runs and tests). */
export function memoryClockSource(events: readonly { node: string; seq: number; vclock: VClock }[]): ClockSource {
  const byNode = new Map<string, VClock[]>();
  for (const e of events) {
    let row = byNode.get(e.node);
    if (!row) byNode.set(e.node, (row = []));
    row[e.seq - 1] = e.vclock;
  }
  return {
    nodes: [...byNode.keys()],
    length: (n) => byNode.get(n)?.length ?? 0,
    clock: (n, s) => byNode.get(n)?.[s - 1] ?? {},
  };
}

/** Size of an event's causal past from its clock alone (Σ entries − 1). */
export function pastSize(vclock: VClock): number {
  let s = 0;
  for (const k in vclock) s += vclock[k];
  return s - 1;
}
