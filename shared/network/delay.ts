/**
 * Sampling the delay distributions of the lab network.
 */
import type { Rng } from '../rng';
import type { DelayDist } from '../experiment/types';

/** No single sampled delay exceeds this (a heavy tail still has to end inside a run): 10 minutes. */
export const MAX_SAMPLE_MS = 600_000;

/** Uniform in (0, 1]: safe for logarithms and negative powers. */
function openUnit(rng: Rng): number {
  return 1 - rng.next();
}

/** A standard normal draw (Box–Muller). */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(openUnit(rng))) * Math.cos(2 * Math.PI * rng.next());
}

/** A Pareto draw with minimum `scaleMs` and tail index `shape`, capped at MAX_SAMPLE_MS. */
export function paretoMs(scaleMs: number, shape: number, rng: Rng): number {
  return Math.min(MAX_SAMPLE_MS, scaleMs * openUnit(rng) ** (-1 / shape));
}

/**
 * Draw one delay in ms (≥ 0) from `dist`. Normal is truncated at 0 (redrawn up to
 * 16 times, then clamped); Pareto is capped at MAX_SAMPLE_MS.
 */
export function sampleDelayMs(dist: DelayDist, rng: Rng): number {
  switch (dist.kind) {
    case 'constant':
      return dist.ms;
    case 'uniform':
      return dist.minMs === dist.maxMs ? dist.minMs : rng.range(dist.minMs, dist.maxMs);
    case 'exponential':
      return Math.min(MAX_SAMPLE_MS, -dist.meanMs * Math.log(openUnit(rng)));
    case 'normal': {
      for (let i = 0; i < 16; i++) {
        const x = dist.meanMs + dist.stdMs * standardNormal(rng);
        if (x >= 0) return Math.min(MAX_SAMPLE_MS, x);
      }
      return 0;
    }
    case 'pareto':
      return paretoMs(dist.scaleMs, dist.shape, rng);
  }
}

/** The mean of `dist` in ms (normal: before truncation; Pareto: Infinity for shape ≤ 1). */
export function meanDelayMs(dist: DelayDist): number {
  switch (dist.kind) {
    case 'constant':
      return dist.ms;
    case 'uniform':
      return (dist.minMs + dist.maxMs) / 2;
    case 'exponential':
      return dist.meanMs;
    case 'normal':
      return dist.meanMs;
    case 'pareto':
      return dist.shape > 1 ? (dist.shape * dist.scaleMs) / (dist.shape - 1) : Infinity;
  }
}
