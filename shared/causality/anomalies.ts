/**
 * Where the clocks disagree with causality: messages received "before" they were
 * sent by the nodes' wall clocks, causally ordered pairs the wall clocks order
 * the other way, and Lamport ties.
 */
import type { CausalIndex } from './causal-index.js';
import type { CausalEvent, Edge } from './types.js';

/** Messages whose receive has an earlier node wall-clock reading than its send. */
export function wallInversions(events: readonly CausalEvent[], edges: readonly Edge[]): number {
  let count = 0;
  for (const { from, to } of edges) {
    const s = events[from].wall_ms;
    const r = events[to].wall_ms;
    if (s !== null && r !== null && r < s) count++;
  }
  return count;
}

/** Unordered pairs of distinct events with equal Lamport timestamps. */
export function lamportTies(events: readonly CausalEvent[]): number {
  const ts = Float64Array.from(events, (e) => e.lamport);
  ts.sort();
  let pairs = 0;
  let run = 1;
  for (let k = 1; k <= ts.length; k++) {
    if (k < ts.length && ts[k] === ts[k - 1]) run++;
    else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/**
 * Pairs a → b (happened before) whose wall-clock readings say the opposite:
 * wall(a) > wall(b). Events without a reading are left out. For each event and
 * each node, the causal past on that node is a prefix of the node's events; a
 * prefix maximum answers most prefixes in O(1), a binary search the rest on
 * nodes whose clock never goes back, and an offline Fenwick sweep on nodes whose
 * clock stepped back. O(events × nodes) in the common case, × log otherwise.
 */
export function wallAgainstCausality(index: CausalIndex): number {
  const { events, width, clocks, byNode } = index;
  let total = 0;
  for (let j = 0; j < width; j++) {
    const seqs = byNode[j];
    const m = seqs.length;
    const walls = new Float64Array(m);
    const prefMax = new Float64Array(m);
    let monotone = true;
    let max = -Infinity;
    for (let s = 0; s < m; s++) {
      const w = events[seqs[s]].wall_ms ?? -Infinity;
      walls[s] = w;
      if (s > 0 && w < walls[s - 1]) monotone = false;
      if (w > max) max = w;
      prefMax[s] = max;
    }
    const pendingC: number[] = [];
    const pendingX: number[] = [];
    for (let p = 0; p < events.length; p++) {
      const x = events[p].wall_ms;
      if (x === null) continue;
      const c = clocks[p * width + j];
      if (c === 0 || prefMax[c - 1] <= x) continue;
      if (monotone) total += c - upperBound(walls, x, c);
      else {
        pendingC.push(c);
        pendingX.push(x);
      }
    }
    if (pendingC.length > 0) total += offlineGreaterCounts(walls, pendingC, pendingX);
  }
  return total;
}

/** First index in sorted a[0..end) whose value is > x. */
function upperBound(a: Float64Array, x: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Σ over queries q of #{k < c_q : walls[k] > x_q}, by a sweep over k with a Fenwick tree of ranks. */
function offlineGreaterCounts(walls: Float64Array, cs: number[], xs: number[]): number {
  const sorted = Float64Array.from(walls).sort();
  const m = walls.length;
  const tree = new Int32Array(m + 1);
  const byPrefix: number[][] = Array.from({ length: m + 1 }, () => []);
  for (let q = 0; q < cs.length; q++) byPrefix[cs[q]].push(q);
  let total = 0;
  for (let k = 0; k < m; k++) {
    for (let r = upperBound(sorted, walls[k], m); r <= m; r += r & -r) tree[r]++;
    for (const q of byPrefix[k + 1]) {
      let atMost = 0;
      for (let r = upperBound(sorted, xs[q], m); r > 0; r -= r & -r) atMost += tree[r];
      total += k + 1 - atMost;
    }
  }
  return total;
}
