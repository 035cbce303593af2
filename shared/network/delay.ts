/**
 * Sampling the delay distributions of the lab network.
 */
import type { Rng } from '../rng';
import type { DelayDist } from '../experiment/types';

/** Draw one delay in ms (≥ 0) from `dist`. Normal is truncated at 0 (redrawn, then clamped). */
export function sampleDelayMs(dist: DelayDist, rng: Rng): number {
  void dist; void rng;
  throw new Error('not implemented yet');
}

/** The mean of `dist` in ms (Infinity for a Pareto shape ≤ 1). */
export function meanDelayMs(dist: DelayDist): number {
  void dist;
  throw new Error('not implemented yet');
}
