/**
 * Vector clocks (Fidge 1988, Mattern 1989) over node names, zero entries left out
 * (the `vclock` field of DESIGN.md). Immutable: operations return new objects.
 */
import type { VClock } from '../events.js';

export type { VClock } from '../events.js';

/** How two vector clocks relate. */
export type VClockOrder = 'before' | 'after' | 'concurrent' | 'equal';

/** The counter for `node` (0 when absent). */
export function vcGet(clock: VClock, node: string): number {
  return clock[node] ?? 0;
}

/** A copy with zero (and non-positive) entries removed. */
export function vcNormalize(clock: VClock): VClock {
  const out: VClock = {};
  for (const k in clock) if (clock[k] > 0) out[k] = clock[k];
  return out;
}

/** A local event (or a send) on `node`: its own entry + 1. */
export function vcTick(clock: VClock, node: string): VClock {
  return { ...clock, [node]: vcGet(clock, node) + 1 };
}

/** Entry-wise maximum of two clocks. */
export function vcMerge(a: VClock, b: VClock): VClock {
  const out: VClock = { ...a };
  for (const k in b) if (b[k] > (out[k] ?? 0)) out[k] = b[k];
  return out;
}

/** A receive on `node` of a message carrying `remote`: merge, then tick. */
export function vcReceive(local: VClock, remote: VClock, node: string): VClock {
  return vcTick(vcMerge(local, remote), node);
}

/**
 * Compare two clocks: `before` when a ≤ b entry-wise and a ≠ b (a happened before b),
 * `after` for the converse, `equal`, or `concurrent` when neither covers the other.
 */
export function vcCompare(a: VClock, b: VClock): VClockOrder {
  let less = false;
  let greater = false;
  for (const k in a) {
    const x = a[k];
    const y = b[k] ?? 0;
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  for (const k in b) {
    if (k in a) continue;
    if (b[k] > 0) less = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** Σ of all entries: the number of events in the causal history, the event included. */
export function vcSum(clock: VClock): number {
  let s = 0;
  for (const k in clock) s += clock[k];
  return s;
}
