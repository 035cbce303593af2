/**
 * The three orders of a set of events side by side, with their disagreements:
 * node wall clock (what merged logs show), Lamport (a total order consistent with
 * causality that also orders concurrent events), and causal (by causal-past size,
 * a linear extension of happened-before where concurrency is what it is).
 */
import type { VClock } from '../events.js';

export interface OrderEvent {
  id: number;
  node: string;
  lane: number;
  seq: number;
  wall: number | null;
  lamport: number;
  /** Causal-past size (Σ V(e) − 1). */
  causal: number;
  vclock: VClock;
}

/** One row of an order list. */
export interface OrderRow {
  id: number;
  /** 1-based rank in this order. */
  rank: number;
  /** Wall list: this event comes before one of its own causes (both with a wall-clock reading). */
  violation: boolean;
  /** Lamport list: ordered against its predecessor in the list although the two are concurrent. */
  arbitrary: boolean;
  /** This event's rank differs between the three lists. */
  disagrees: boolean;
}

export interface ThreeOrders {
  wall: OrderRow[];
  lamport: OrderRow[];
  causal: OrderRow[];
  /** Events whose position differs between the lists. */
  disagreements: number;
  /** Events listed by wall clock before one of their causes. */
  violations: number;
}

/** e happened before f (e ≠ f), from clocks: V(e)[node(e)] ≤ V(f)[node(e)]. */
export function happenedBefore(e: OrderEvent, f: OrderEvent): boolean {
  if (e.id === f.id) return false;
  return (f.vclock[e.node] ?? 0) >= e.seq;
}

const byLane = (a: OrderEvent, b: OrderEvent) => a.lane - b.lane || a.seq - b.seq;

/** Sorts the events three ways and marks where the orders disagree. O(n²) in the violation check: meant for a screenful. */
export function threeOrders(events: readonly OrderEvent[]): ThreeOrders {
  const wall = [...events].sort((a, b) => (a.wall ?? Infinity) - (b.wall ?? Infinity) || byLane(a, b));
  const lamport = [...events].sort((a, b) => a.lamport - b.lamport || byLane(a, b));
  const causal = [...events].sort((a, b) => a.causal - b.causal || byLane(a, b));
  const rank = (list: OrderEvent[]) => new Map(list.map((e, i) => [e.id, i]));
  const rw = rank(wall);
  const rl = rank(lamport);
  const rc = rank(causal);
  // Without any wall-clock reading the wall list is just lane order: leave it out of the comparison.
  const useWall = events.some((e) => e.wall !== null);
  const disagrees = (id: number) => (useWall && rw.get(id) !== rl.get(id)) || rl.get(id) !== rc.get(id);
  let disagreements = 0;
  for (const e of events) if (disagrees(e.id)) disagreements++;
  let violations = 0;
  const wallRows = wall.map((e, i): OrderRow => {
    let violation = false;
    // Only events with a reading are ordered by it (the rest trail the list unordered).
    for (let k = i + 1; k < wall.length && !violation && e.wall !== null; k++) violation = wall[k].wall !== null && happenedBefore(wall[k], e);
    if (violation) violations++;
    return { id: e.id, rank: i + 1, violation, arbitrary: false, disagrees: disagrees(e.id) };
  });
  const lamportRows = lamport.map((e, i): OrderRow => {
    const prev = i > 0 ? lamport[i - 1] : null;
    const arbitrary = !!prev && !happenedBefore(prev, e);
    return { id: e.id, rank: i + 1, violation: false, arbitrary, disagrees: disagrees(e.id) };
  });
  const causalRows = causal.map((e, i): OrderRow => ({ id: e.id, rank: i + 1, violation: false, arbitrary: false, disagrees: disagrees(e.id) }));
  return { wall: wallRows, lamport: lamportRows, causal: causalRows, disagreements, violations };
}
