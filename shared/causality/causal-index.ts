/**
 * A dense, validated view of a run's vector clocks: one row of `nodes.length`
 * counters per event. Everything in this folder works on it in O(events × nodes).
 */
import { sortNodeIds } from '../clocks/index.js';
import { CausalityError, type CausalEvent } from './types.js';

/** The run, its nodes in natural order, and its clocks as one typed array. */
export interface CausalIndex {
  readonly events: readonly CausalEvent[];
  /** Node names, sorted with `compareNodeIds`. */
  readonly nodes: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Number of nodes (row width of `clocks`). */
  readonly width: number;
  /** Event position → node index. */
  readonly nodeOf: Int32Array;
  /** Row-major clocks: `clocks[p * width + j]` is event p's counter for node j. */
  readonly clocks: Int32Array;
  /** Node index → event positions in `seq` order (`byNode[j][s - 1]` has seq s). */
  readonly byNode: readonly Int32Array[];
  /** Σ of each event's clock row: its causal history size, itself included. */
  readonly clockSum: Float64Array;
  /**
   * Events the clocks refer to that the run did not record (always 0 unless built with
   * `missing: 'clamp'`): the unrecorded tail of a node, e.g. a batch lost in a crash.
   */
  readonly missingEvents: number;
}

/** Options for {@link buildCausalIndex}. */
export interface CausalIndexOptions {
  /**
   * What to do with clock entries that refer to events the run did not record:
   * `error` (default, as ShiViz) or `clamp` them to the node's last recorded event.
   * Recorded events of a node are always seq 1..n, so the missing ones are its tail and
   * clamping keeps the clocks exact over the recorded events (a causal past restricted
   * to what was recorded is still downward closed).
   */
  readonly missing?: 'error' | 'clamp';
}

/**
 * Build the index, checking what the counts rely on: each node's `seq` runs 1..n,
 * each event's own clock entry equals its `seq`, every entry names an existing
 * event, and clocks are causally consistent (see {@link checkConsistency}).
 * @throws CausalityError naming the first offending event.
 */
export function buildCausalIndex(events: readonly CausalEvent[], options: CausalIndexOptions = {}): CausalIndex {
  const clamp = options.missing === 'clamp';
  const beyond = new Map<string, number>(); // node → highest unrecorded counter referenced
  const n = events.length;
  const names = new Set<string>();
  for (let p = 0; p < n; p++) names.add(events[p].node);
  const nodes = sortNodeIds(names);
  const nodeIndex = new Map(nodes.map((name, j) => [name, j]));
  // A prototype-less object: keyed loads on it are cheaper than Map.get in the hot loop.
  const column: Record<string, number> = Object.create(null) as Record<string, number>;
  nodes.forEach((name, j) => (column[name] = j));
  const width = nodes.length;
  const nodeOf = new Int32Array(n);
  const counts = new Int32Array(width);
  for (let p = 0; p < n; p++) {
    const j = column[events[p].node];
    nodeOf[p] = j;
    counts[j]++;
  }
  const byNode = Array.from(counts, (c) => new Int32Array(c).fill(-1));
  for (let p = 0; p < n; p++) {
    const e = events[p];
    const row = byNode[nodeOf[p]];
    if (!Number.isInteger(e.seq) || e.seq < 1 || e.seq > row.length) {
      throw new CausalityError(`event ${e.id} on ${e.node} has seq ${e.seq}; ${e.node} has ${row.length} events, so seq must run 1..${row.length}`, e.id);
    }
    if (row[e.seq - 1] !== -1) throw new CausalityError(`event ${e.id}: ${e.node} has two events with seq ${e.seq}`, e.id);
    row[e.seq - 1] = p;
  }
  const clocks = new Int32Array(n * width);
  const clockSum = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const e = events[p];
    const vc = e.vclock;
    const base = p * width;
    let sum = 0;
    for (const k in vc) {
      const v = vc[k];
      if (v === 0) continue;
      const j = column[k];
      if (!Number.isInteger(v) || v < 0) throw new CausalityError(`event ${e.id} on ${e.node}: clock entry ${k}:${v} is not a non-negative integer`, e.id);
      const recorded = j === undefined ? 0 : counts[j];
      if (v > recorded) {
        if (!clamp) {
          throw new CausalityError(
            j === undefined
              ? `event ${e.id} on ${e.node}: clock entry ${k}:${v} names a node with no events`
              : `event ${e.id} on ${e.node}: clock entry ${k}:${v} refers to an event that does not exist (${k} has ${counts[j]})`,
            e.id,
          );
        }
        if (v > (beyond.get(k) ?? recorded)) beyond.set(k, v);
        if (j === undefined) continue;
        clocks[base + j] = recorded;
        sum += recorded;
        continue;
      }
      clocks[base + j] = v;
      sum += v;
    }
    if (clocks[base + nodeOf[p]] !== e.seq) {
      throw new CausalityError(`event ${e.id} on ${e.node}: own clock entry is ${clocks[base + nodeOf[p]]}, expected its seq ${e.seq}`, e.id);
    }
    clockSum[p] = sum;
  }
  let missingEvents = 0;
  for (const [k, v] of beyond) missingEvents += v - (column[k] === undefined ? 0 : counts[column[k]]);
  const index: CausalIndex = { events, nodes, nodeIndex, width, nodeOf, clocks, byNode, clockSum, missingEvents };
  checkConsistency(index);
  return index;
}

/**
 * Check that the clocks describe a real happened-before relation: along each node
 * clocks never go back, and every event's clock covers the clock of each event it
 * newly learns of, with a strictly smaller history (so each clock is the exact
 * size of its causal past and there are no cycles).
 *
 * Fast path, O(nodes) per event: when one newly learned event g (the one with the
 * largest history, usually the message's sender) is covered and itself carries
 * every other newly learned entry, those entries are covered through g: by
 * induction on history size, g's own past is consistent. Otherwise each newly
 * learned event is checked (O(nodes) each). O(events × nodes) overall.
 * @throws CausalityError naming the first offending event.
 */
export function checkConsistency(index: CausalIndex): void {
  const { events, width, clocks, byNode, clockSum, nodes } = index;
  for (let i = 0; i < width; i++) {
    const seqs = byNode[i];
    let prevBase = -1;
    for (let s = 0; s < seqs.length; s++) {
      const p = seqs[s];
      const base = p * width;
      let best = -1;
      let candidates = 0;
      for (let j = 0; j < width; j++) {
        const prevV = prevBase < 0 ? 0 : clocks[prevBase + j];
        const v = clocks[base + j];
        if (v === prevV || j === i) continue;
        if (v < prevV) throw goesBack(events[p], nodes[j], prevV, v);
        candidates++;
        const f = byNode[j][v - 1];
        if (best < 0 || clockSum[f] > clockSum[best]) best = f;
      }
      if (candidates > 0 && (!coversThrough(clocks, base, prevBase, best * width, width, i) || clockSum[best] >= clockSum[p])) {
        checkEachLearned(index, p, prevBase);
      }
      prevBase = base;
    }
  }
}

/** Whether g's clock ≤ e's and g carries e's value for every newly learned entry. */
function coversThrough(clocks: Int32Array, base: number, prevBase: number, gBase: number, width: number, own: number): boolean {
  for (let k = 0; k < width; k++) {
    const gv = clocks[gBase + k];
    const ev = clocks[base + k];
    if (gv > ev) return false;
    if (gv < ev && k !== own && ev > (prevBase < 0 ? 0 : clocks[prevBase + k])) return false;
  }
  return true;
}

/** The slow path: every newly learned event must be covered, with a smaller history. */
function checkEachLearned(index: CausalIndex, p: number, prevBase: number): void {
  const { events, width, clocks, byNode, clockSum, nodes, nodeOf } = index;
  const base = p * width;
  for (let j = 0; j < width; j++) {
    const v = clocks[base + j];
    if (j === nodeOf[p] || v === (prevBase < 0 ? 0 : clocks[prevBase + j])) continue;
    const f = byNode[j][v - 1];
    const k = firstExceeding(clocks, f * width, base, width);
    if (k >= 0) throw notCovered(events[p], events[f], nodes[j], v, nodes[k], clocks[f * width + k], clocks[base + k]);
    if (clockSum[f] >= clockSum[p]) throw new CausalityError(`events ${events[f].id} and ${events[p].id} each claim to have seen the other`, events[p].id);
  }
}

/** First k with clocks[a + k] > clocks[b + k], or -1. */
function firstExceeding(clocks: Int32Array, a: number, b: number, width: number): number {
  for (let k = 0; k < width; k++) if (clocks[a + k] > clocks[b + k]) return k;
  return -1;
}

function goesBack(e: CausalEvent, node: string, from: number, to: number): CausalityError {
  return new CausalityError(`event ${e.id} on ${e.node}: clock entry ${node} goes back from ${from} to ${to}`, e.id);
}

function notCovered(e: CausalEvent, f: CausalEvent, fNode: string, v: number, kNode: string, fk: number, ek: number): CausalityError {
  return new CausalityError(`event ${e.id} on ${e.node} has seen ${fNode}#${v} (event ${f.id}) but not all of that event's past (${kNode}: ${fk} > ${ek})`, e.id);
}

/** Position of the event with this id (ids are usually 1..n in order: O(1); else a scan). */
export function positionOfId(index: CausalIndex, id: number): number {
  const { events } = index;
  if (id >= 1 && id <= events.length && events[id - 1].id === id) return id - 1;
  const p = events.findIndex((e) => e.id === id);
  if (p < 0) throw new CausalityError(`no event with id ${id}`, id);
  return p;
}
