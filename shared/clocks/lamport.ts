/**
 * Lamport clocks (Lamport 1978). Every event ticks; a receive takes
 * max(local, received) + 1. The total order breaks timestamp ties by node id.
 */
import { compareNodeIds } from './node-order';

/** One node's Lamport clock. Immutable: operations return a new clock. */
export interface LamportClock {
  readonly node: string;
  /** Timestamp of the node's latest event (0 before the first). */
  readonly time: number;
}

/** A new clock for `node`, before its first event. */
export function lamportStart(node: string): LamportClock {
  return { node, time: 0 };
}

/** A local event: time + 1. */
export function lamportLocal(clock: LamportClock): LamportClock {
  return { node: clock.node, time: clock.time + 1 };
}

/** A send: ticks, and the new time is the stamp the message carries. */
export function lamportSend(clock: LamportClock): { clock: LamportClock; stamp: number } {
  const next = lamportLocal(clock);
  return { clock: next, stamp: next.time };
}

/** A receive of a message stamped `stamp`: max(local, stamp) + 1. */
export function lamportReceive(clock: LamportClock, stamp: number): LamportClock {
  return { node: clock.node, time: Math.max(clock.time, stamp) + 1 };
}

/** An event as the Lamport total order sees it. */
export interface LamportStamped {
  readonly lamport: number;
  readonly node: string;
}

/**
 * The Lamport total order: by timestamp, ties broken by node id (natural order).
 * Returns <0, 0 or >0. Distinct events of one node never tie on a valid run.
 */
export function compareLamport(a: LamportStamped, b: LamportStamped): number {
  if (a.lamport !== b.lamport) return a.lamport - b.lamport;
  return compareNodeIds(a.node, b.node);
}
