/**
 * Phi accrual failure detector (Hayashibara, Défago, Yared, Katayama 2004), shaped as
 * Akka runs it: suspicion is a continuous level phi computed from a
 * sliding window of heartbeat inter-arrival times fitted with a normal distribution;
 * a threshold (Cassandra's default 8) turns the level into a verdict.
 */
import type { DetectorMessage, DetectorReady, FailureDetector } from './types';
import { emptyReady } from './types';
import { DetectorConfigError, requirePositive } from './errors';
import { elapsedForPhi, phiOf } from './phiMath';
import { ArrivalWindow } from './window';

/** Phi accrual parameters. */
export interface PhiConfig {
  /** Suspect when phi ≥ this (default 8). */
  threshold: number;
  /** Inter-arrival samples kept (default 200). */
  windowSize: number;
  /** Floor on the fitted standard deviation, ms, so a very regular sender is not judged by σ ≈ 0 (default 10). */
  minStdDevMs: number;
  /** Added to the mean: a pause length considered normal, ms (Akka's acceptable-heartbeat-pause; default 0). */
  acceptablePauseMs: number;
  /** Expected heartbeat interval, ms, used to seed the window before real samples arrive. */
  firstIntervalMs: number;
  /** Gaps longer than this are not learned (a crash-recovery gap would poison the fit), ms; default Infinity. */
  maxSampleMs: number;
}

/** Defaults (threshold as in Cassandra). */
export const DEFAULT_PHI: Omit<PhiConfig, 'firstIntervalMs'> = { threshold: 8, windowSize: 200, minStdDevMs: 10, acceptablePauseMs: 0, maxSampleMs: Infinity };

/** Validate; throws `DetectorConfigError` with one line. */
export function validatePhiConfig(cfg: PhiConfig): PhiConfig {
  if (!(Number.isFinite(cfg.threshold) && cfg.threshold > 0)) throw new DetectorConfigError('phi', `threshold must be > 0, got ${cfg.threshold}`);
  if (!(Number.isInteger(cfg.windowSize) && cfg.windowSize >= 1)) throw new DetectorConfigError('phi', `windowSize must be an integer ≥ 1, got ${cfg.windowSize}`);
  requirePositive('phi', 'minStdDevMs', cfg.minStdDevMs);
  requirePositive('phi', 'firstIntervalMs', cfg.firstIntervalMs);
  if (!(cfg.acceptablePauseMs >= 0)) throw new DetectorConfigError('phi', `acceptablePauseMs must be ≥ 0, got ${cfg.acceptablePauseMs}`);
  if (!(cfg.maxSampleMs > cfg.firstIntervalMs)) throw new DetectorConfigError('phi', `maxSampleMs (${cfg.maxSampleMs}) must exceed firstIntervalMs (${cfg.firstIntervalMs})`);
  return cfg;
}

/** Monitor side of phi accrual; the watched side is `HeartbeatSender`. */
export class PhiAccrualDetector implements FailureDetector {
  readonly name = 'phi' as const;
  readonly config: PhiConfig;
  private readonly window: ArrivalWindow;
  private lastHeardMs: number;
  private suspecting = false;

  constructor(config: Partial<PhiConfig> & { firstIntervalMs: number }, startMs: number) {
    this.config = validatePhiConfig({ ...DEFAULT_PHI, ...config });
    this.window = new ArrivalWindow(this.config.windowSize);
    // Seed like Akka: two samples at mean ± σ with σ = mean/4.
    const first = this.config.firstIntervalMs;
    this.window.push(first - first / 4);
    this.window.push(first + first / 4);
    this.lastHeardMs = startMs;
  }

  get suspected(): boolean {
    return this.suspecting;
  }

  /** Mean the current gap is judged against, ms. */
  meanMs(): number {
    return this.window.meanMs + this.config.acceptablePauseMs;
  }

  /** Standard deviation used, ms. */
  stdDevMs(): number {
    return Math.max(this.window.stdDevMs, this.config.minStdDevMs);
  }

  level(nowMs: number): number {
    return phiOf(Math.max(0, nowMs - this.lastHeardMs), this.meanMs(), this.stdDevMs());
  }

  /** When phi will reach the threshold if no heartbeat comes (Infinity while suspecting). */
  nextDeadlineMs(): number {
    return this.suspecting ? Infinity : this.lastHeardMs + elapsedForPhi(this.config.threshold, this.meanMs(), this.stdDevMs());
  }

  onMessage(msg: DetectorMessage, nowMs: number): DetectorReady {
    const out = emptyReady();
    if (msg.kind !== 'Heartbeat') return out;
    const phiBefore = this.level(nowMs);
    const gapMs = nowMs - this.lastHeardMs;
    if (gapMs > 0 && gapMs <= this.config.maxSampleMs) this.window.push(gapMs);
    this.lastHeardMs = Math.max(this.lastHeardMs, nowMs);
    out.observations.push({ atMs: nowMs, phiBefore, meanMs: this.meanMs(), stdDevMs: this.stdDevMs() });
    if (this.suspecting) {
      this.suspecting = false;
      out.transitions.push({ kind: 'trust', atMs: nowMs, level: this.level(nowMs), cause: `heartbeat ${msg.seq} after ${gapMs.toFixed(0)} ms (phi was ${phiBefore.toFixed(2)})` });
    }
    return out;
  }

  tick(nowMs: number): DetectorReady {
    const out = emptyReady();
    if (this.suspecting) return out;
    const phi = this.level(nowMs);
    if (phi >= this.config.threshold) {
      this.suspecting = true;
      out.transitions.push({ kind: 'suspect', atMs: nowMs, level: phi, cause: `phi ${phi.toFixed(2)} ≥ ${this.config.threshold} after ${(nowMs - this.lastHeardMs).toFixed(0)} ms silent (mean ${this.meanMs().toFixed(0)} ms, σ ${this.stdDevMs().toFixed(1)} ms)` });
    }
    return out;
  }
}
