import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_SAMPLE_MS, meanDelayMs, sampleDelayMs } from '../../../shared/network';
import type { DelayDist } from '../../../shared/experiment';
import { createRng } from '../../../shared/rng';

function samples(dist: DelayDist, n: number, seed = 1): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sampleDelayMs(dist, rng));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('delay distributions', () => {
  it('constant and uniform stay in their range', () => {
    expect(samples({ kind: 'constant', ms: 7 }, 10)).toEqual(Array(10).fill(7));
    const u = samples({ kind: 'uniform', minMs: 5, maxMs: 50 }, 5000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...u)).toBeLessThan(50);
    expect(mean(u)).toBeCloseTo(27.5, 0);
  });

  it('exponential and normal have the right mean; normal is truncated at 0', () => {
    expect(mean(samples({ kind: 'exponential', meanMs: 20 }, 20_000))).toBeGreaterThan(19);
    expect(mean(samples({ kind: 'exponential', meanMs: 20 }, 20_000))).toBeLessThan(21);
    const nrm = samples({ kind: 'normal', meanMs: 20, stdMs: 5 }, 20_000);
    expect(mean(nrm)).toBeGreaterThan(19.8);
    expect(mean(nrm)).toBeLessThan(20.2);
    const sd = Math.sqrt(mean(nrm.map((x) => (x - 20) ** 2)));
    expect(sd).toBeGreaterThan(4.8);
    expect(sd).toBeLessThan(5.2);
    expect(Math.min(...samples({ kind: 'normal', meanMs: 1, stdMs: 10 }, 5000))).toBeGreaterThanOrEqual(0);
  });

  it('pareto starts at its scale and has a heavy tail', () => {
    const p = samples({ kind: 'pareto', scaleMs: 5, shape: 1.5 }, 20_000);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(5);
    // P(X > 10·scale) = 10^-1.5 ≈ 3.2 %
    const tail = p.filter((x) => x > 50).length / p.length;
    expect(tail).toBeGreaterThan(0.025);
    expect(tail).toBeLessThan(0.04);
    expect(meanDelayMs({ kind: 'pareto', scaleMs: 5, shape: 1.5 })).toBe(15);
    expect(meanDelayMs({ kind: 'pareto', scaleMs: 5, shape: 1 })).toBe(Infinity);
  });

  it('every sample is finite, ≥ 0 and at most MAX_SAMPLE_MS (property)', () => {
    const dist: fc.Arbitrary<DelayDist> = fc.oneof(
      fc.record({ kind: fc.constant('exponential' as const), meanMs: fc.double({ min: 0, max: 600_000, noNaN: true }) }),
      fc.record({ kind: fc.constant('normal' as const), meanMs: fc.double({ min: 0, max: 600_000, noNaN: true }), stdMs: fc.double({ min: 0, max: 600_000, noNaN: true }) }),
      fc.record({ kind: fc.constant('pareto' as const), scaleMs: fc.double({ min: 1e-3, max: 600_000, noNaN: true }), shape: fc.double({ min: 0.01, max: 100, noNaN: true }) }),
    );
    fc.assert(
      fc.property(dist, fc.integer(), (d, seed) => {
        for (const x of samples(d, 20, seed)) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(MAX_SAMPLE_MS);
        }
      }),
    );
  });
});
