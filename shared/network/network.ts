/**
 * The lab network's decision logic (STYLE.md: the network decides, nodes never
 * talk around it). The runtime moves bytes; this decides drop, copies and times.
 */
import type { Rng } from '../rng';
import type { SystemModel } from '../experiment/types';
import type { NetworkState, RouteDecision, RouteMessage, TimeWindow } from './types';

/** The network of one run. */
export interface LabNetwork {
  /**
   * Decide the fate of `msg` sent at run time `nowMs`: crashed ends, partitions,
   * loss, duplication, delay (distribution, timing model, spikes) and per-link FIFO
   * unless the model allows reordering.
   */
  route(msg: RouteMessage, nowMs: number): RouteDecision;
  /** At delivery time: should a copy still be delivered? (null = yes; 'crashed' if the receiver crashed since). */
  checkDelivery(msg: RouteMessage, nowMs: number): 'crashed' | null;
  /** Cut the network into `groups` (one-way: only groups[0] → groups[1]); returns the partition's id. */
  partition(groups: string[][], oneWay?: boolean, window?: TimeWindow): number;
  /** Heal one partition by id, or all of them. */
  heal(id?: number): void;
  /** Add extra delay on a link ('*' = any node); returns the spike's id. */
  spike(from: string, to: string, extraMs: number, window?: TimeWindow): number;
  /** End one delay spike by id, or all of them. */
  clearSpike(id?: number): void;
  /** Messages to and from a crashed node are dropped ('crashed'). */
  crash(node: string): void;
  recover(node: string): void;
  /** Would a message from → to be cut by a partition at `nowMs`? */
  isPartitioned(from: string, to: string, nowMs: number): boolean;
  state(): NetworkState;
}

/** Create the network for `nodes` under `model`; `rng` draws every random choice. */
export function createNetwork(model: SystemModel, nodes: string[], rng: Rng): LabNetwork {
  void model; void nodes; void rng;
  throw new Error('not implemented yet');
}
