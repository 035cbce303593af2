/**
 * The lab network: loss, duplication, delay distributions, timing models,
 * reordering or per-link FIFO, partitions (also one-way), delay spikes, crashes.
 */
export { createNetwork } from './network';
export type { LabNetwork } from './network';
export { sampleDelayMs, meanDelayMs } from './delay';
export type { RouteMessage, RouteDecision, DropReason, TimeWindow, PartitionState, SpikeState, NetworkState } from './types';
