/**
 * The clock model of a lab node: pure functions of the host's clock readings,
 * the injected clock fault and the node's NTP corrections.
 */
export { createNodeClock } from './node-clock';
export type { NodeClock, RunStart } from './node-clock';
export { MAX_CORRECTION_PPM } from './rate';
export type { HostReading, NodeReading, StepSource, ClockStep, ClockSlew, ClockState } from './types';
