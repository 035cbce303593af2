/**
 * Per-node clock error: how far each node's wall clock was from the truth.
 * The truth defaults to `data.true_ms` when the event carries it, else the host
 * reference time `ref_ms`; a caller can pass its own.
 */
import { sortNodeIds } from '../clocks/index.js';
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

/** `data.true_ms` if it is a number, else `ref_ms`. */
export const defaultTruthMs: TruthMs = (e) => {
  const t = e.data?.true_ms;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  return e.ref_ms ?? null;
};

/** Per node clock error, or null when no event has both a wall reading and a truth. */
export function clockErrorMs(events: readonly CausalEvent[], truth: TruthMs = defaultTruthMs): Record<string, ClockErrorMs> | null {
  const errs = new Map<string, { seq: number; err: number }[]>();
  for (const e of events) {
    const t = truth(e);
    if (t === null || e.wall_ms === null) continue;
    let list = errs.get(e.node);
    if (!list) errs.set(e.node, (list = []));
    list.push({ seq: e.seq, err: e.wall_ms - t });
  }
  if (errs.size === 0) return null;
  const out: Record<string, ClockErrorMs> = {};
  for (const node of sortNodeIds(errs.keys())) {
    const list = errs.get(node)!;
    list.sort((a, b) => a.seq - b.seq);
    const abs = Float64Array.from(list, (x) => Math.abs(x.err)).sort();
    out[node] = { max: abs[abs.length - 1], p95: abs[Math.max(0, Math.ceil(0.95 * abs.length) - 1)], final: list[list.length - 1].err };
  }
  return out;
}
