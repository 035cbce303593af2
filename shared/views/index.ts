/**
 * Pure view-model builders for the topic views of a recorded run (Raft, failure
 * detection, clocks, leases): main builds them from the run's events and ships the
 * compact result to the renderer; tests build them from hand-made histories.
 */
export * from './common';
export * from './raft';
export * from './detectors';
export * from './clocks';
export * from './leases';
export * from './topics';
export * from './bench';
