/**
 * The three orderings of a run the lab contrasts: by each node's wall clock,
 * the Lamport total order (ties by node id), and the vector partial order with
 * its concurrency classes.
 */
import { compareNodeIds } from '../clocks/index.js';
import type { CausalIndex } from './causal-index.js';
import type { CausalEvent } from './types.js';

function nodeRanks(events: readonly CausalEvent[]): Map<string, number> {
  const names = [...new Set(events.map((e) => e.node))].sort(compareNodeIds);
  return new Map(names.map((n, i) => [n, i]));
}

/**
 * Event ids ordered by the node's own wall-clock reading (what a naive merge of
 * logs shows); ties by node id then seq; events without a reading come last.
 */
export function wallOrder(events: readonly CausalEvent[]): number[] {
  const rank = nodeRanks(events);
  const pos = events.map((_, p) => p);
  pos.sort((a, b) => {
    const x = events[a];
    const y = events[b];
    const wx = x.wall_ms ?? Infinity;
    const wy = y.wall_ms ?? Infinity;
    if (wx !== wy) return wx < wy ? -1 : 1;
    return rank.get(x.node)! - rank.get(y.node)! || x.seq - y.seq;
  });
  return pos.map((p) => events[p].id);
}

/** Event ids in the Lamport total order: by timestamp, ties broken by node id (natural order). */
export function lamportOrder(events: readonly CausalEvent[]): number[] {
  const rank = nodeRanks(events);
  const pos = events.map((_, p) => p);
  pos.sort((a, b) => {
    const x = events[a];
    const y = events[b];
    return x.lamport - y.lamport || rank.get(x.node)! - rank.get(y.node)! || x.seq - y.seq;
  });
  return pos.map((p) => events[p].id);
}

/** The vector partial order, laid out. */
export interface VectorOrder {
  /** Event ids in a linear extension of happened-before (by causal history size, then node, seq). */
  readonly order: number[];
  /**
   * Concurrency classes: layer k holds the events whose longest causal chain has
   * k + 1 events. Events in one layer are pairwise concurrent (an antichain).
   */
  readonly layers: number[][];
  /** Longest-chain depth per event position (1 for events with an empty past). */
  readonly depth: Int32Array;
}

/**
 * Longest-chain depth of every event (1 for an empty past), in O(events × nodes):
 * the smallest Lamport clock consistent with the run, each event ticking once.
 */
export function causalDepth(index: CausalIndex): Int32Array {
  const { events, width, clocks, byNode, nodeOf, clockSum } = index;
  const n = events.length;
  // Counting sort by clock sum: a → b implies sum(a) < sum(b), so this is topological.
  const bucketStart = new Int32Array(n + 2);
  for (let p = 0; p < n; p++) bucketStart[clockSum[p] + 1]++;
  for (let s = 1; s < bucketStart.length; s++) bucketStart[s] += bucketStart[s - 1];
  const topo = new Int32Array(n);
  for (let p = 0; p < n; p++) topo[bucketStart[clockSum[p]]++] = p;
  const depth = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const p = topo[t];
    const i = nodeOf[p];
    const base = p * width;
    const seq = events[p].seq;
    const prev = seq > 1 ? byNode[i][seq - 2] : -1;
    let d = prev >= 0 ? depth[prev] : 0;
    const prevBase = prev >= 0 ? prev * width : -1;
    for (let j = 0; j < width; j++) {
      if (j === i) continue;
      const v = clocks[base + j];
      if (v > 0 && v > (prevBase < 0 ? 0 : clocks[prevBase + j])) d = Math.max(d, depth[byNode[j][v - 1]]);
    }
    depth[p] = d + 1;
  }
  return depth;
}

/** Lay out the vector partial order in O(events × nodes) plus a sort. */
export function vectorOrder(index: CausalIndex): VectorOrder {
  const { events, nodeOf, clockSum } = index;
  const depth = causalDepth(index);
  let maxDepth = 0;
  for (const d of depth) if (d > maxDepth) maxDepth = d;
  const layers: number[][] = Array.from({ length: maxDepth }, () => []);
  // index.nodes is in natural node order, so node positions compare like node ids.
  const pos = Array.from(events, (_, p) => p).sort((a, b) => clockSum[a] - clockSum[b] || nodeOf[a] - nodeOf[b] || events[a].seq - events[b].seq);
  const order: number[] = [];
  for (const p of pos) {
    order.push(events[p].id);
    layers[depth[p] - 1].push(events[p].id);
  }
  return { order, layers, depth };
}
