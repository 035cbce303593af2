/**
 * Happened-before on an indexed run: pairwise questions and per-event causal
 * past and future, read straight off the clocks.
 */
import type { VClockOrder } from '../clocks/index.js';
import { positionOfId, type CausalIndex } from './causal-index.js';

/** Whether the event at position a happened before the one at position b. */
export function happenedBeforeAt(index: CausalIndex, a: number, b: number): boolean {
  if (a === b) return false;
  const i = index.nodeOf[a];
  return index.clocks[b * index.width + i] >= index.events[a].seq;
}

/** Whether event `idA` happened before event `idB` (by event id). */
export function happenedBefore(index: CausalIndex, idA: number, idB: number): boolean {
  return happenedBeforeAt(index, positionOfId(index, idA), positionOfId(index, idB));
}

/** How two events relate: before, after, concurrent, or equal (the same event). */
export function relate(index: CausalIndex, idA: number, idB: number): VClockOrder {
  const a = positionOfId(index, idA);
  const b = positionOfId(index, idB);
  if (a === b) return 'equal';
  if (happenedBeforeAt(index, a, b)) return 'before';
  if (happenedBeforeAt(index, b, a)) return 'after';
  return 'concurrent';
}

/** Ids of the events in the causal past of `id` (itself excluded), node by node in seq order. */
export function causalPast(index: CausalIndex, id: number): number[] {
  const p = positionOfId(index, id);
  const out: number[] = [];
  const base = p * index.width;
  for (let j = 0; j < index.width; j++) {
    const upTo = index.clocks[base + j];
    const seqs = index.byNode[j];
    for (let s = 0; s < upTo; s++) if (seqs[s] !== p) out.push(index.events[seqs[s]].id);
  }
  return out;
}

/** Ids of the events in the causal future of `id` (itself excluded), node by node in seq order. */
export function causalFuture(index: CausalIndex, id: number): number[] {
  const p = positionOfId(index, id);
  const i = index.nodeOf[p];
  const seq = index.events[p].seq;
  const out: number[] = [];
  for (let j = 0; j < index.width; j++) {
    const seqs = index.byNode[j];
    // Clock entries for node i never decrease along node j: binary search the first that covers p.
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.clocks[seqs[mid] * index.width + i] >= seq) hi = mid;
      else lo = mid + 1;
    }
    for (let s = lo; s < seqs.length; s++) if (seqs[s] !== p) out.push(index.events[seqs[s]].id);
  }
  return out;
}

/** Size of the causal past of the event at position p: Σ of its clock − 1. */
export function pastSizeAt(index: CausalIndex, p: number): number {
  return index.clockSum[p] - 1;
}
