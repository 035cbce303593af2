/**
 * Validate an Experiment given as JSON (a config file, a stored run, the UI) and
 * fill in its defaults. One clear line per problem, each naming its field.
 */
import type { ExperimentResult } from './types';

/** Options of `validateExperiment`. */
export interface ValidateOptions {
  /** Seed to use when the input has none (default DEFAULT_SEED). */
  defaultSeed?: number;
}

/**
 * Check `input` and fill defaults (nodes n1..n3, seed, 10 s, fair-loss, no loss,
 * uniform 1–5 ms, async, FIFO, crash-recovery). Returns the complete Experiment, or
 * every problem found as `field: what is wrong` lines.
 */
export function validateExperiment(input: unknown, opts: ValidateOptions = {}): ExperimentResult {
  void input; void opts;
  throw new Error('not implemented yet');
}
