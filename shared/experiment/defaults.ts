/**
 * Defaults an Experiment is filled with: the chapter's working assumption of
 * fair-loss links and an asynchronous network, no loss, 1–5 ms uniform delay.
 */
import type { ClockFault, SystemModel } from './types';

/** Default node names: n1..nN. */
export function defaultNodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

/** The default system model (a fresh object each call). */
export function defaultSystemModel(): SystemModel {
  return {
    link: 'fair-loss',
    loss: 0,
    dup: 0,
    delay: { kind: 'uniform', minMs: 1, maxMs: 5 },
    timing: { kind: 'async' },
    reorder: false,
  };
}

/** A perfect clock (a fresh object each call). */
export function perfectClock(): ClockFault {
  return { offsetMs: 0, driftPpm: 0, steps: [], jitterMs: 0 };
}
