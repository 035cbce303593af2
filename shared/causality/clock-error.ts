/**
 * Per-node clock error: how far each node's wall clock was from the truth.
 * The truth is `data.true_ms` when an event carries it (the recorder knows the
 * true time when it takes the reading). `ref_ms` is not used by default: main
 * stamps it when a batch arrives, so it includes IPC and batching delay, and the
 * simulator's `ref_ms` is virtual time, not epoch ms. Pass {@link refTruthMs}
 * (or any function) when the reference is known to be exact.
 */
import { sortNodeIds } from '../clocks/index.js';
import type { CausalIndex } from './causal-index.js';
import type { CausalEvent } from './types.js';

/** Clock error figures for one node, in ms. */
export interface ClockErrorMs {
  /** Largest absolute error. */
  readonly max: number;
  /** 95th percentile (nearest rank) of the absolute error. */
  readonly p95: number;
  /** Signed error (wall − truth) at the node's last event with both readings. */
  readonly final: number;
}

/** Where the true time of an event comes from. */
export type TruthMs = (e: CausalEvent) => number | null;

/** `data.true_ms` if it is a finite number, else no truth. */
export const defaultTruthMs: TruthMs = (e) => {
  const t = e.data?.true_ms;
  return typeof t === 'number' && Number.isFinite(t) ? t : null;
};

/** `data.true_ms` if present, else the host reference time `ref_ms`. */
export const refTruthMs: TruthMs = (e) => defaultTruthMs(e) ?? e.ref_ms ?? null;

/**
 * Per node clock error, or null when no event has both a wall reading and a truth.
 * Pass the run's index to reuse its per-node seq order.
 */
export function clockErrorMs(events: readonly CausalEvent[], truth: TruthMs = defaultTruthMs, index?: CausalIndex): Record<string, ClockErrorMs> | null {
  const perNode = index ? index.nodes.map((node, j) => ({ node, order: index.byNode[j] })) : groupBySeq(events);
  const out: Record<string, ClockErrorMs> = {};
  let any = false;
  for (const { node, order } of perNode) {
    const errs = new Float64Array(order.length);
    let k = 0;
    let final = 0;
    for (let s = 0; s < order.length; s++) {
      const e = events[order[s]];
      const t = truth(e);
      if (t === null || e.wall_ms === null) continue;
      final = e.wall_ms - t;
      errs[k++] = Math.abs(final);
    }
    if (k === 0) continue;
    any = true;
    const abs = errs.subarray(0, k).sort();
    out[node] = { max: abs[k - 1], p95: abs[Math.max(0, Math.ceil(0.95 * k) - 1)], final };
  }
  return any ? out : null;
}

function groupBySeq(events: readonly CausalEvent[]): { node: string; order: number[] }[] {
  const by = new Map<string, number[]>();
  events.forEach((e, p) => {
    let list = by.get(e.node);
    if (!list) by.set(e.node, (list = []));
    list.push(p);
  });
  return sortNodeIds(by.keys()).map((node) => ({ node, order: by.get(node)!.sort((a, b) => events[a].seq - events[b].seq) }));
}
