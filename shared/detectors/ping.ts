/**
 * Ping detector: the monitor asks "are you there?" every `intervalMs` and waits
 * `timeoutMs` for the answer. A missed answer is retried after an exponential backoff
 * with jitter; only when the whole retry budget is spent is the peer suspected. Any
 * answer to the current round trusts it again.
 */
import type { Rng } from '../rng';
import type { DetectorMessage, DetectorReady, FailureDetector } from './types';
import { emptyReady } from './types';
import { DetectorConfigError, requirePositive } from './errors';

/** Ping detector parameters. */
export interface PingConfig {
  /** Start a new round this often, ms. */
  intervalMs: number;
  /** Wait this long for each answer, ms. */
  timeoutMs: number;
  /** Retries after the first attempt before suspecting (0: suspect on the first miss). */
  retries: number;
  /** Backoff before the first retry, ms; doubled for each further retry. */
  backoffBaseMs: number;
  /** Cap on the backoff, ms. */
  backoffMaxMs: number;
  /** Fraction of the backoff that is randomized, 0–1: the wait is uniform in [b·(1−jitter), b]. */
  jitter: number;
}

/** Defaults: ping every second, 200 ms timeout, 2 retries with 50→100 ms backoff. */
export const DEFAULT_PING: PingConfig = { intervalMs: 1000, timeoutMs: 200, retries: 2, backoffBaseMs: 50, backoffMaxMs: 1000, jitter: 0.5 };

/** Validate; throws `DetectorConfigError` with one line. */
export function validatePingConfig(cfg: PingConfig): PingConfig {
  requirePositive('ping', 'intervalMs', cfg.intervalMs);
  requirePositive('ping', 'timeoutMs', cfg.timeoutMs);
  requirePositive('ping', 'backoffBaseMs', cfg.backoffBaseMs);
  if (!(Number.isInteger(cfg.retries) && cfg.retries >= 0)) throw new DetectorConfigError('ping', `retries must be an integer ≥ 0, got ${cfg.retries}`);
  if (!(cfg.backoffMaxMs >= cfg.backoffBaseMs)) throw new DetectorConfigError('ping', `backoffMaxMs (${cfg.backoffMaxMs}) must be ≥ backoffBaseMs (${cfg.backoffBaseMs})`);
  if (!(cfg.jitter >= 0 && cfg.jitter <= 1)) throw new DetectorConfigError('ping', `jitter must be in [0, 1], got ${cfg.jitter}`);
  return cfg;
}

/** The backoff before retry number `retry` (1-based), before jitter, ms. */
export function backoffMs(cfg: Pick<PingConfig, 'backoffBaseMs' | 'backoffMaxMs'>, retry: number): number {
  return Math.min(cfg.backoffMaxMs, cfg.backoffBaseMs * 2 ** (retry - 1));
}

type Phase = { kind: 'idle'; untilMs: number } | { kind: 'waiting'; untilMs: number } | { kind: 'backoff'; untilMs: number };

/** Monitor side. The watched side answers with `pongFor`. */
export class PingDetector implements FailureDetector {
  readonly name = 'ping' as const;
  readonly config: PingConfig;
  private readonly rng: Rng;
  private phase: Phase;
  private seq = 0;
  private attempt = 0;
  private roundStartMs = 0;
  private suspecting = false;
  private failedAttempts = 0;

  constructor(config: Partial<PingConfig>, rng: Rng, startMs: number) {
    this.config = validatePingConfig({ ...DEFAULT_PING, ...config });
    this.rng = rng;
    this.phase = { kind: 'idle', untilMs: startMs };
  }

  get suspected(): boolean {
    return this.suspecting;
  }

  level(_nowMs: number): number {
    return this.failedAttempts / (this.config.retries + 1);
  }

  nextDeadlineMs(): number {
    return this.phase.untilMs;
  }

  onMessage(msg: DetectorMessage, nowMs: number): DetectorReady {
    const out = emptyReady();
    if (msg.kind !== 'Pong' || msg.seq !== this.seq || this.phase.kind === 'idle') return out;
    const rttMs = nowMs - this.roundStartMs;
    this.failedAttempts = 0;
    this.phase = { kind: 'idle', untilMs: Math.max(nowMs, this.roundStartMs + this.config.intervalMs) };
    if (this.suspecting) {
      this.suspecting = false;
      out.transitions.push({ kind: 'trust', atMs: nowMs, level: 0, cause: `pong ${msg.seq}/${msg.attempt} ${rttMs.toFixed(0)} ms after the round began` });
    }
    return out;
  }

  tick(nowMs: number): DetectorReady {
    const out = emptyReady();
    const cfg = this.config;
    for (let guard = 0; guard < 64 && nowMs >= this.phase.untilMs; guard++) {
      if (this.phase.kind === 'idle') {
        this.seq++;
        this.attempt = 1;
        this.roundStartMs = nowMs;
        out.send.push({ kind: 'Ping', seq: this.seq, attempt: 1 });
        this.phase = { kind: 'waiting', untilMs: nowMs + cfg.timeoutMs };
      } else if (this.phase.kind === 'waiting') {
        const missedAtMs = this.phase.untilMs;
        this.failedAttempts = Math.min(this.failedAttempts + 1, cfg.retries + 1);
        if (this.attempt > cfg.retries) {
          if (!this.suspecting) {
            this.suspecting = true;
            out.transitions.push({ kind: 'suspect', atMs: nowMs, level: this.level(nowMs), cause: `no pong to ${this.attempt} ping(s) of round ${this.seq} (timeout ${cfg.timeoutMs} ms, ${cfg.retries} retries)` });
          }
          this.phase = { kind: 'idle', untilMs: Math.max(missedAtMs, this.roundStartMs + cfg.intervalMs) };
        } else {
          const b = backoffMs(cfg, this.attempt);
          const waitMs = b * (1 - cfg.jitter * this.rng.next());
          this.phase = { kind: 'backoff', untilMs: missedAtMs + waitMs };
        }
      } else {
        this.attempt++;
        out.send.push({ kind: 'Ping', seq: this.seq, attempt: this.attempt });
        this.phase = { kind: 'waiting', untilMs: nowMs + cfg.timeoutMs };
      }
    }
    return out;
  }
}

/** Watched side: the answer to a ping (null for anything else). */
export function pongFor(msg: DetectorMessage): DetectorMessage | null {
  return msg.kind === 'Ping' ? { kind: 'Pong', seq: msg.seq, attempt: msg.attempt } : null;
}
