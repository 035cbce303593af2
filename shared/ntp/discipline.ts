/**
 * Clock discipline: turns filtered offsets into corrections of the node's wall clock.
 * The disciplined clock is `raw + correctionMs(raw)`, where `raw` is the node's
 * undisciplined reading (host clock through its injected offset/drift). A large offset
 * is stepped (the wall clock jumps, possibly backwards); a small one is slewed at a
 * bounded rate; a least-squares frequency estimate cancels the drift.
 */
import type { DriftFit, DriftPoint } from './drift';
import { fitDrift, predictRawOffsetMs } from './drift';

/** Discipline parameters. */
export interface DisciplineConfig {
  /** Step when |offset| exceeds this, ms (RFC 5905 STEPT: 128 ms). */
  stepThresholdMs: number;
  /** Largest slew rate, ppm (Linux adjtime: 500 ppm). */
  maxSlewPpm: number;
  /** Largest frequency correction, ppm. */
  maxFreqPpm: number;
  /** How many recent samples the frequency fit uses. */
  freqWindow: number;
  /** Samples needed before the frequency correction is applied. */
  minFreqSamples: number;
}

/** RFC 5905 / Linux defaults. */
export const DEFAULT_DISCIPLINE: DisciplineConfig = { stepThresholdMs: 128, maxSlewPpm: 500, maxFreqPpm: 500, freqWindow: 16, minFreqSamples: 3 };

/** What one update did to the clock; every action is an event in the record. */
export type DisciplineAction =
  | { kind: 'step'; offsetMs: number; stepMs: number; freqPpm: number; driftPpm: number | null }
  | { kind: 'slew'; offsetMs: number; slewPpm: number; slewDurationMs: number; freqPpm: number; driftPpm: number | null };

/** Check a discipline configuration; throws one clear line per problem. */
export function validateDiscipline(cfg: DisciplineConfig): DisciplineConfig {
  if (!(cfg.stepThresholdMs > 0)) throw new RangeError(`stepThresholdMs must be > 0, got ${cfg.stepThresholdMs}`);
  if (!(cfg.maxSlewPpm > 0 && cfg.maxSlewPpm < 1e6)) throw new RangeError(`maxSlewPpm must be in (0, 1e6), got ${cfg.maxSlewPpm}`);
  if (!(cfg.maxFreqPpm >= 0 && cfg.maxFreqPpm < 1e6)) throw new RangeError(`maxFreqPpm must be in [0, 1e6), got ${cfg.maxFreqPpm}`);
  if (!Number.isInteger(cfg.freqWindow) || cfg.freqWindow < 2) throw new RangeError(`freqWindow must be an integer ≥ 2, got ${cfg.freqWindow}`);
  if (!Number.isInteger(cfg.minFreqSamples) || cfg.minFreqSamples < 2) throw new RangeError(`minFreqSamples must be an integer ≥ 2, got ${cfg.minFreqSamples}`);
  return cfg;
}

/** The discipline state of one node's clock. Pure: time is the raw reading passed in. */
export class ClockDiscipline {
  readonly config: DisciplineConfig;
  private baseMs = 0;
  private baseRawMs = 0;
  private freqPpm = 0;
  private slewPendingMs = 0;
  private slewPpm = 0;
  private readonly history: DriftPoint[] = [];
  private fit: DriftFit | null = null;

  constructor(config: Partial<DisciplineConfig> = {}) {
    this.config = validateDiscipline({ ...DEFAULT_DISCIPLINE, ...config });
  }

  /** Correction to add to the raw reading `rawMs`, ms. */
  correctionMs(rawMs: number): number {
    const sinceMs = Math.max(0, rawMs - this.baseRawMs);
    const slewDoneMs = Math.sign(this.slewPendingMs) * Math.min(Math.abs(this.slewPendingMs), this.slewPpm * 1e-6 * sinceMs);
    return this.baseMs + this.freqPpm * 1e-6 * (rawMs - this.baseRawMs) + slewDoneMs;
  }

  /** The disciplined wall clock for raw reading `rawMs`. */
  disciplinedMs(rawMs: number): number {
    return rawMs + this.correctionMs(rawMs);
  }

  /**
   * The raw reading at which the disciplined clock shows `wallMs` (fixed-point
   * iteration; the correction changes by at most ~1e-3 per ms, so three rounds are exact
   * to well under a nanosecond).
   */
  rawFromDisciplinedMs(wallMs: number): number {
    let raw = wallMs - this.correctionMs(wallMs);
    for (let i = 0; i < 3; i++) raw = wallMs - this.correctionMs(raw);
    return raw;
  }

  /** Estimated drift of the raw clock against the source, ppm (positive: raw runs fast); null until fitted. */
  get driftPpm(): number | null {
    return this.fit ? -this.fit.slope * 1e6 : null;
  }

  /** Frequency correction currently applied, ppm. */
  get freqCorrectionPpm(): number {
    return this.freqPpm;
  }

  /**
   * Use an offset measured just now: `offsetMs` is server minus disciplined clock,
   * `rawMs` the raw reading at the same instant.
   */
  update(offsetMs: number, rawMs: number): DisciplineAction {
    return this.updateRaw({ rawAtMs: rawMs, rawOffsetMs: offsetMs + this.correctionMs(rawMs) }, rawMs);
  }

  /**
   * Add a measurement to the frequency fit only (no phase correction): `point` is the
   * raw offset (server minus undisciplined clock) at `rawAtMs`; the new frequency takes
   * effect from `rawNowMs`. Every accepted exchange of the chosen source should be
   * observed, not only the clock filter's picks: the fit weights each by its delay.
   */
  observe(point: DriftPoint, rawNowMs: number): void {
    const cfg = this.config;
    this.history.push(point);
    if (this.history.length > cfg.freqWindow) this.history.shift();
    this.fit = this.history.length >= cfg.minFreqSamples ? fitDrift(this.history) : null;
    // Fold what has been applied so far into the base, so changing the frequency keeps the clock continuous.
    const nowCorrectionMs = this.correctionMs(rawNowMs);
    const elapsedMs = Math.max(0, rawNowMs - this.baseRawMs);
    const slewDoneMs = Math.sign(this.slewPendingMs) * Math.min(Math.abs(this.slewPendingMs), this.slewPpm * 1e-6 * elapsedMs);
    this.slewPendingMs -= slewDoneMs;
    this.baseMs = nowCorrectionMs;
    this.baseRawMs = rawNowMs;
    if (this.fit) this.freqPpm = Math.max(-cfg.maxFreqPpm, Math.min(cfg.maxFreqPpm, this.fit.slope * 1e6));
  }

  /**
   * Correct the phase from a (possibly older, filtered) measurement, applying the
   * result at `rawNowMs`: step if the offset predicted for now exceeds the threshold,
   * else slew it at the bounded rate. Does not add to the frequency fit (see `observe`).
   */
  correctPhase(point: DriftPoint, rawNowMs: number): DisciplineAction {
    const cfg = this.config;
    const nowCorrectionMs = this.correctionMs(rawNowMs);
    const slope = this.fit ? this.fit.slope : 0;
    const offsetMs = point.rawOffsetMs + slope * (rawNowMs - point.rawAtMs) - nowCorrectionMs;
    this.baseMs = nowCorrectionMs;
    this.baseRawMs = rawNowMs;
    const driftPpm = this.driftPpm;
    if (Math.abs(offsetMs) > cfg.stepThresholdMs) {
      this.baseMs += offsetMs;
      this.slewPendingMs = 0;
      this.slewPpm = 0;
      return { kind: 'step', offsetMs, stepMs: offsetMs, freqPpm: this.freqPpm, driftPpm };
    }
    this.slewPendingMs = offsetMs;
    this.slewPpm = cfg.maxSlewPpm;
    return { kind: 'slew', offsetMs, slewPpm: cfg.maxSlewPpm, slewDurationMs: Math.abs(offsetMs) / (cfg.maxSlewPpm * 1e-6), freqPpm: this.freqPpm, driftPpm };
  }

  /** `observe` then `correctPhase` with the same measurement. */
  updateRaw(point: DriftPoint, rawNowMs: number): DisciplineAction {
    this.observe(point, rawNowMs);
    return this.correctPhase(point, rawNowMs);
  }

  /** The fitted raw offset at `rawAtMs`, for analysis; null until fitted. */
  predictedRawOffsetMs(rawAtMs: number): number | null {
    return this.fit ? predictRawOffsetMs(this.fit, rawAtMs) : null;
  }
}
