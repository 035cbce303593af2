/**
 * Delay distributions of the simulated network (the Experiment's `DelayDist`).
 */
import type { DelayDist } from '../experiment/types';
import type { Rng } from '../rng';

export type { DelayDist };

/** Thrown for a network model that makes no sense; the message is one line. */
export class SimConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimConfigError';
  }
}

/** Refuse negative or non-finite parameters with a one-line `SimConfigError`. */
export function validateDelay(d: DelayDist): void {
  const nonNeg = (name: string, v: number): void => {
    if (!Number.isFinite(v) || v < 0) throw new SimConfigError(`invalid delay: ${d.kind} ${name} must be a non-negative number of ms, got ${v}`);
  };
  switch (d.kind) {
    case 'constant': return nonNeg('ms', d.ms);
    case 'uniform':
      nonNeg('minMs', d.minMs);
      nonNeg('maxMs', d.maxMs);
      if (d.maxMs < d.minMs) throw new SimConfigError(`invalid delay: uniform range ${d.minMs}..${d.maxMs} ms is reversed`);
      return;
    case 'exponential': return nonNeg('meanMs', d.meanMs);
    case 'normal':
      nonNeg('meanMs', d.meanMs);
      nonNeg('stdMs', d.stdMs);
      return;
    case 'pareto':
      nonNeg('scaleMs', d.scaleMs);
      if (!(d.shape > 0)) throw new SimConfigError(`invalid delay: pareto shape must be positive, got ${d.shape}`);
      return;
  }
}

/** Draw one delay in ms (≥ 0). A normal draw below 0 is redrawn a few times, then clamped. */
export function sampleDelay(d: DelayDist, rng: Rng): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'uniform':
      return rng.range(d.minMs, d.maxMs);
    case 'exponential':
      return -d.meanMs * Math.log(1 - rng.next());
    case 'normal': {
      for (let i = 0; i < 8; i++) {
        const v = d.meanMs + d.stdMs * gaussian(rng);
        if (v >= 0) return v;
      }
      return 0;
    }
    case 'pareto':
      return d.scaleMs * Math.pow(1 - rng.next(), -1 / d.shape);
  }
}

function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
