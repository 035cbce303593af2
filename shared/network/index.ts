/**
 * The lab network: loss, duplication, delay distributions, timing models,
 * reordering or per-link FIFO, partitions (also one-way), delay spikes, crashes.
 */
export { createNetwork } from './network';
export type { LabNetwork } from './network';
export { sampleDelayMs, meanDelayMs, MAX_SAMPLE_MS } from './delay';
export { timedDelayMs, asyncTailScaleMs, ASYNC_TAIL_PROBABILITY, ASYNC_TAIL_SHAPE } from './timing';
export { groupOf, cuts } from './partitions';
export type { RouteMessage, RouteDecision, DropReason, TimeWindow, PartitionState, SpikeState, NetworkState } from './types';
