/**
 * Deterministic discrete-event simulation of pure cores on virtual time: seeded
 * network delays, loss, duplication, partitions, crashes, restarts and pauses.
 */
export { Simulator, type SimOptions } from './simulator';
export type { SimCore, SimOutput, SimProgram, SimRecord } from './program';
export { sampleDelay, validateDelay, SimConfigError, type DelayDist } from './delay';
export { raftProgram, type RaftProgram, type RaftProgramOptions } from './raft-program';
export { randomFaults, describeFault, type RandomFaultOptions } from './faults';
export { summarize, cdfPoints, percentile, type Summary } from './stats';
export {
  runElectionBench, runElectionTrial, parseTimeoutRange, validateElectionBench, electionJson,
  type ElectionBenchOptions, type ElectionRangeResult, type TimeoutRange,
} from './election-bench';
export { PAPER_FIGURES, PAPER_RANGES, compareWithPaper, type PaperFigure, type PaperComparison } from './election-paper';
export { renderCdfSvg, type CdfSeries, type CdfPlotOptions } from './cdf-svg';
