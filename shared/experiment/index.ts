/**
 * Experiments: the definition of a run, its validation with one clear line per
 * problem, the `coordlab run` flags that build one, and its fault timeline.
 */
export type {
  ScenarioName, DelayDist, LinkModel, TimingModel, SystemModel, ClockFault, Fault, Experiment,
  ExperimentResult, RunFlags, RunOptions,
} from './types';
export { validateExperiment } from './validate';
export type { ValidateOptions } from './validate';
export { experimentFromFlags } from './flags';
export { flagsFromArgv } from './argv';
export { RUN_FLAGS, RUNTIME_FLAGS } from './flag-spec';
export type { RunFlagSpec } from './flag-spec';
export { faultTimeline } from './timeline';
export type { FaultAction } from './timeline';
export { parseDurationMs, parseSignedDurationMs, formatDurationMs } from './duration';
export { defaultNodeNames, defaultSystemModel, perfectClock } from './defaults';
export {
  MAX_NODES, DEFAULT_NODE_COUNT, DEFAULT_DURATION_MS, MAX_DURATION_MS, DEFAULT_SEED, MAX_DRIFT_PPM,
  MAX_OFFSET_MS, MAX_JITTER_MS, MAX_DELAY_MS, NODE_NAME_RE, LEADER, LAB_NODE, ANY_NODE,
} from './limits';
