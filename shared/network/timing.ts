/**
 * Timing models (the chapter's System Models): how long a message may take.
 * - sync: every delay is clipped to the bound;
 * - async: no bound; a heavy (Pareto) tail is added to some messages;
 * - partial: async until GST; a message sent before GST arrives by GST + bound at
 *   the latest, one sent after GST within the bound (Dwork, Lynch, Stockmeyer).
 */
import type { Rng } from '../rng';
import type { DelayDist, TimingModel } from '../experiment/types';
import { meanDelayMs, paretoMs } from './delay';

/** Share of messages that get a heavy-tail extra delay in the asynchronous model. */
export const ASYNC_TAIL_PROBABILITY = 0.05;
/** Tail index of that extra delay (1 < shape < 2: finite mean, infinite variance). */
export const ASYNC_TAIL_SHAPE = 1.5;

/** The scale of the asynchronous tail for `dist`: its mean, kept within 1 ms..1 s. */
export function asyncTailScaleMs(dist: DelayDist): number {
  const mean = meanDelayMs(dist);
  return Math.min(1_000, Math.max(1, Number.isFinite(mean) ? mean : dist.kind === 'pareto' ? dist.scaleMs : 1));
}

/**
 * Turn a sampled base delay into the model's delay for a message sent at run
 * time `nowMs`. `tailScaleMs` from asyncTailScaleMs.
 */
export function timedDelayMs(timing: TimingModel, baseMs: number, nowMs: number, tailScaleMs: number, rng: Rng): number {
  const withTail = (): number => (rng.chance(ASYNC_TAIL_PROBABILITY) ? baseMs + paretoMs(tailScaleMs, ASYNC_TAIL_SHAPE, rng) : baseMs);
  switch (timing.kind) {
    case 'sync':
      return Math.min(baseMs, timing.boundMs);
    case 'async':
      return withTail();
    case 'partial':
      if (nowMs >= timing.gstMs) return Math.min(baseMs, timing.boundMs);
      return Math.min(withTail(), timing.gstMs + timing.boundMs - nowMs);
  }
}
