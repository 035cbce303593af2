/**
 * The host's wall clock with sub-millisecond resolution. `Date.now()` has whole
 * milliseconds only; `performance.timeOrigin + performance.now()` is the wall time of
 * process start (read with µs resolution) advanced by the monotonic clock, so it is
 * fractional. It does not follow steps of the system clock made after the process
 * started; call `resyncHostClock()` if that matters (tests run in seconds, it does not).
 */
import { performance } from 'node:perf_hooks';

let originMs = performance.timeOrigin;

/** Host wall-clock time, Unix ms (fractional). */
export function hostWallMs(): number {
  return originMs + performance.now();
}

/** Re-anchor on the system clock (averages Date.now() around a monotonic read; ±0.5 ms). */
export function resyncHostClock(): void {
  const before = Date.now();
  const mono = performance.now();
  const after = Date.now();
  originMs = (before + after) / 2 + 0.5 - mono;
}

/**
 * A clock with an injected error: `offsetMs` ahead of `base` plus `driftPpm` of rate
 * error from `epochMs` on. Used for the lab server's "bad source" and for simulated nodes.
 */
export function skewedClock(base: () => number, offsetMs: number, driftPpm = 0, epochMs = base()): () => number {
  return () => {
    const t = base();
    return t + offsetMs + (t - epochMs) * driftPpm * 1e-6;
  };
}
