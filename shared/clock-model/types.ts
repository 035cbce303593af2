/**
 * The inputs and outputs of a node's clock model. Host readings are what the
 * child process reads from the real OS (or the simulator's virtual time).
 */

/** One reading of the host's clocks, taken together. */
export interface HostReading {
  /** Host wall clock, ms since the epoch (the child's system-clock reading). */
  wallMs: number;
  /** Host monotonic clock, ns (process.hrtime.bigint() in the child). */
  monoNs: bigint;
}

/** A node's clock reading: what the node believes the time is. */
export interface NodeReading {
  /** The node's wall clock, ms since the epoch, fractional (offset, drift, steps, NTP, jitter applied). */
  wallMs: number;
  /** The node's monotonic clock, ns: drifted rate, never backwards, blind to steps and jitter. */
  monoNs: bigint;
}

/** Where a wall-clock step came from. */
export type StepSource = 'scheduled' | 'fault' | 'ntp';

/** A wall-clock step at a run time (ms since the run start, on the host's monotonic clock). */
export interface ClockStep {
  atMs: number;
  byMs: number;
  source: StepSource;
}

/** A slew: the clock runs `ratePpm` faster (negative: slower) for `durationMs` from `atMs`. */
export interface ClockSlew {
  atMs: number;
  ratePpm: number;
  durationMs: number;
}

/** A snapshot of the model for `clock` events and the UI. */
export interface ClockState {
  /** Run time of the snapshot, ms since start (host monotonic). */
  elapsedMs: number;
  /** The injected error right now: node wall − host wall without jitter, ms. */
  errorMs: number;
  /** Fixed injected offset, ms. */
  offsetMs: number;
  /** Injected drift, ppm. */
  driftPpm: number;
  /** Frequency correction the node applied (NTP), ppm. */
  frequencyPpm: number;
  /** Slew rate in effect right now, ppm (0 when not slewing). */
  slewPpm: number;
  /** Effective rate error right now: drift + frequency + slew, ppm. */
  rateErrorPpm: number;
  /** Sum of all steps fired so far (scheduled, fault, NTP), ms. */
  steppedMs: number;
}
