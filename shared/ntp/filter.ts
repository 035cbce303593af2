/**
 * The clock filter of RFC 5905 §10: keep the last 8 samples of one source and trust
 * the one with the lowest delay, since the least-delayed exchange has the least room
 * for asymmetry. A sample is handed on only if it is newer than the last one used.
 */
import type { NtpSample } from './sample';
import { NTP_TOLERANCE_PPM } from './arithmetic';

/** Number of stages in the RFC 5905 clock filter. */
export const CLOCK_FILTER_STAGES = 8;

/** What the filter says about its source after a new sample. */
export interface FilterOutput {
  /** The lowest-delay sample among the last 8, with dispersion aged to now. */
  best: NtpSample;
  /** RMS of the other samples' offsets from the best one, ms (RFC 5905 jitter). */
  jitterMs: number;
  /** True if `best` was not handed on before (the discipline should use it). */
  fresh: boolean;
}

/** Minimum-delay clock filter for one source. */
export class ClockFilter {
  private readonly samples: NtpSample[] = [];
  private lastUsedAtMs = -Infinity;

  constructor(readonly stages: number = CLOCK_FILTER_STAGES) {
    if (!Number.isInteger(stages) || stages < 1) throw new RangeError(`clock filter needs at least 1 stage, got ${stages}`);
  }

  /** The samples held, oldest first. */
  get held(): readonly NtpSample[] {
    return this.samples;
  }

  /** Add a sample; returns the filter's choice. `nowMs` ages dispersion by φ·age. */
  add(sample: NtpSample, nowMs: number = sample.atMs): FilterOutput {
    this.samples.push(sample);
    if (this.samples.length > this.stages) this.samples.shift();
    let best = this.samples[0];
    for (const s of this.samples) if (s.delayMs < best.delayMs) best = s;
    const others = this.samples.filter((s) => s !== best);
    const jitterMs = others.length === 0 ? 0 : Math.sqrt(others.reduce((a, s) => a + (s.offsetMs - best.offsetMs) ** 2, 0) / others.length);
    const fresh = best.atMs > this.lastUsedAtMs;
    if (fresh) this.lastUsedAtMs = best.atMs;
    const agedMs = Math.max(0, nowMs - best.atMs);
    return { best: { ...best, dispersionMs: best.dispersionMs + NTP_TOLERANCE_PPM * 1e-6 * agedMs }, jitterMs, fresh };
  }
}
