/**
 * What the simulator runs on each node: any pure core with step/tick/ready. Raft
 * is one program (`raft-program.ts`); failure detectors can be others.
 */
import type { EventKind } from '../events.js';
import type { Rng } from '../rng';

/** A record a core wants in the run's event log (besides send/receive). */
export interface SimRecord {
  kind: EventKind;
  label: string;
  peer: string | null;
  data: Record<string, unknown> | null;
}

/** One batch of a core's output. `persist` (if not null) is written before sending. */
export interface SimOutput<M> {
  messages: readonly M[];
  persist: unknown | null;
  records: readonly SimRecord[];
}

/** A running core, as the simulator drives it. */
export interface SimCore<M> {
  /** Deliver one message (untrusted: the core validates it). */
  step(message: unknown): void;
  /** Advance by `ticks` ticks. */
  tick(ticks: number): void;
  /** Ticks until the core's own timers next fire (Infinity: never). */
  ticksToNextTimer(): number;
  /** Take and clear the pending output. */
  drain(): SimOutput<M>;
}

/** How to run one kind of core in the simulator. */
export interface SimProgram<M> {
  /** Start a node: fresh (`persisted` null) or restarted from what it persisted. */
  start(id: string, persisted: unknown | null, rng: Rng): SimCore<M>;
  /** The destination of a message. */
  to(message: M): string;
  /** A stable one-line description (the event label). */
  describe(message: M): string;
  /** The `data` of send/receive events. */
  data(message: M): Record<string, unknown> | null;
}
