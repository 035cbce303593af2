/**
 * The lab network's inputs and decisions. Times are run times: ms since the run
 * started (the runtime's and the simulator's shared time axis).
 */

/** What the network needs to know about a message. */
export interface RouteMessage {
  /** Message id (the same id on send, receive and drop events). */
  id: string;
  from: string;
  to: string;
}

/** Why a message was not delivered. */
export type DropReason = 'lost' | 'partitioned' | 'crashed' | 'unknown-node';

/**
 * The network's decision for one message: run times at which to deliver a copy
 * (ascending; empty when dropped; two when duplicated), and the drop reason.
 * Copies with equal times must be delivered in routing order (that keeps FIFO).
 */
export interface RouteDecision {
  deliverAtMs: number[];
  dropped: DropReason | null;
}

/** When a partition or spike is in force: [fromMs, untilMs); untilMs null = until healed. */
export interface TimeWindow {
  fromMs?: number;
  untilMs?: number | null;
}

/** A partition in force or scheduled. See `Fault` 'partition' for the group rules. */
export interface PartitionState {
  id: number;
  groups: string[][];
  oneWay: boolean;
  fromMs: number;
  untilMs: number | null;
}

/** Extra delay on messages from `from` to `to` ('*' = any node). */
export interface SpikeState {
  id: number;
  from: string;
  to: string;
  extraMs: number;
  fromMs: number;
  untilMs: number | null;
}

/** A snapshot of the network for the UI and fault events. */
export interface NetworkState {
  crashed: string[];
  partitions: PartitionState[];
  spikes: SpikeState[];
}
