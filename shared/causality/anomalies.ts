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

/** Unordered pairs of distinct events with equal Lamport timestamps (counting, O(events + max timestamp)). */
export function lamportTies(events: readonly CausalEvent[]): number {
  let max = 0;
  let integral = true;
  for (const e of events) {
    if (e.lamport > max) max = e.lamport;
    if (!Number.isInteger(e.lamport) || e.lamport < 0) integral = false;
  }
  let pairs = 0;
  if (integral && max <= 4 * events.length + 1024) {
    const counts = new Int32Array(max + 1);
    for (const e of events) pairs += counts[e.lamport]++;
    return pairs;
  }
  const ts = Float64Array.from(events, (e) => e.lamport).sort();
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
  const n = events.length;
  // Per node j, its wall readings in seq order at walls[offset[j] + s], and their prefix maxima.
  const offset = new Int32Array(width + 1);
  for (let j = 0; j < width; j++) offset[j + 1] = offset[j] + byNode[j].length;
  const walls = new Float64Array(n);
  const prefMax = new Float64Array(n);
  const monotone = new Uint8Array(width);
  for (let j = 0; j < width; j++) {
    const seqs = byNode[j];
    const o = offset[j];
    let max = -Infinity;
    let mono = 1;
    for (let s = 0; s < seqs.length; s++) {
      const w = events[seqs[s]].wall_ms ?? -Infinity;
      walls[o + s] = w;
      if (s > 0 && w < walls[o + s - 1]) mono = 0;
      if (w > max) max = w;
      prefMax[o + s] = max;
    }
    monotone[j] = mono;
  }
  let total = 0;
  const pendingC: number[][] = Array.from({ length: width }, () => []);
  const pendingX: number[][] = Array.from({ length: width }, () => []);
  for (let p = 0; p < n; p++) {
    const x = events[p].wall_ms;
    if (x === null) continue;
    const base = p * width;
    for (let j = 0; j < width; j++) {
      const c = clocks[base + j];
      if (c === 0 || prefMax[offset[j] + c - 1] <= x) continue;
      if (monotone[j] === 1) total += c - (upperBound(walls, x, offset[j], offset[j] + c) - offset[j]);
      else {
        pendingC[j].push(c);
        pendingX[j].push(x);
      }
    }
  }
  for (let j = 0; j < width; j++) {
    if (pendingC[j].length > 0) total += offlineGreaterCounts(walls.subarray(offset[j], offset[j + 1]), pendingC[j], pendingX[j]);
  }
  return total;
}

/** First index in sorted a[start..end) whose value is > x. */
function upperBound(a: Float64Array, x: number, start: number, end: number): number {
  let lo = start;
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
    for (let r = upperBound(sorted, walls[k], 0, m); r <= m; r += r & -r) tree[r]++;
    for (const q of byPrefix[k + 1]) {
      let atMost = 0;
      for (let r = upperBound(sorted, xs[q], 0, m); r > 0; r -= r & -r) atMost += tree[r];
      total += k + 1 - atMost;
    }
  }
  return total;
}
