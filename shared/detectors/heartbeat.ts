/**
 * Fixed-timeout heartbeat detector: the watched process sends a heartbeat every
 * `intervalMs`; suspect it when none arrived for `timeoutMs`, trust it again on the
 * next heartbeat. The sender side is `HeartbeatSender`.
 */
import type { DetectorMessage, DetectorReady, FailureDetector } from './types';
import { emptyReady } from './types';
import { DetectorConfigError, requirePositive } from './errors';

/** Heartbeat detector parameters. */
export interface HeartbeatConfig {
  /** The period the watched process sends at, ms. */
  intervalMs: number;
  /** Suspect after this long without a heartbeat, ms; must exceed the interval. */
  timeoutMs: number;
}

/** Validate; throws `DetectorConfigError` with one line. */
export function validateHeartbeatConfig(cfg: HeartbeatConfig): HeartbeatConfig {
  requirePositive('heartbeat', 'intervalMs', cfg.intervalMs);
  requirePositive('heartbeat', 'timeoutMs', cfg.timeoutMs);
  if (cfg.timeoutMs <= cfg.intervalMs) {
    throw new DetectorConfigError('heartbeat', `timeoutMs (${cfg.timeoutMs}) must exceed intervalMs (${cfg.intervalMs}), or every gap between heartbeats is a suspicion`);
  }
  return cfg;
}

/** Monitor side. `startMs` counts as a heartbeat so the peer gets one timeout to show up. */
export class HeartbeatDetector implements FailureDetector {
  readonly name = 'heartbeat' as const;
  readonly config: HeartbeatConfig;
  private lastHeardMs: number;
  private suspecting = false;

  constructor(config: HeartbeatConfig, startMs: number) {
    this.config = validateHeartbeatConfig({ ...config });
    this.lastHeardMs = startMs;
  }

  get suspected(): boolean {
    return this.suspecting;
  }

  level(nowMs: number): number {
    return Math.max(0, nowMs - this.lastHeardMs) / this.config.timeoutMs;
  }

  nextDeadlineMs(): number {
    return this.suspecting ? Infinity : this.lastHeardMs + this.config.timeoutMs;
  }

  onMessage(msg: DetectorMessage, nowMs: number): DetectorReady {
    const out = emptyReady();
    if (msg.kind !== 'Heartbeat') return out;
    const gapMs = nowMs - this.lastHeardMs;
    this.lastHeardMs = Math.max(this.lastHeardMs, nowMs);
    if (this.suspecting) {
      this.suspecting = false;
      out.transitions.push({ kind: 'trust', atMs: nowMs, level: 0, cause: `heartbeat ${msg.seq} after ${gapMs.toFixed(0)} ms` });
    }
    return out;
  }

  tick(nowMs: number): DetectorReady {
    const out = emptyReady();
    const silentMs = nowMs - this.lastHeardMs;
    if (!this.suspecting && silentMs > this.config.timeoutMs) {
      this.suspecting = true;
      out.transitions.push({ kind: 'suspect', atMs: nowMs, level: silentMs / this.config.timeoutMs, cause: `no heartbeat for ${silentMs.toFixed(0)} ms (timeout ${this.config.timeoutMs} ms)` });
    }
    return out;
  }
}

/** Watched side: emits a heartbeat every `intervalMs` of its own clock. */
export class HeartbeatSender {
  private nextAtMs: number;
  private seq = 0;

  constructor(readonly intervalMs: number, startMs: number) {
    requirePositive('heartbeat', 'intervalMs', intervalMs);
    this.nextAtMs = startMs;
  }

  /** When the next heartbeat is due. */
  nextDeadlineMs(): number {
    return this.nextAtMs;
  }

  /** Heartbeats due by `nowMs` (at most one: a sender that was paused does not burst). */
  tick(nowMs: number): DetectorMessage[] {
    if (nowMs < this.nextAtMs) return [];
    this.seq++;
    this.nextAtMs = Math.max(this.nextAtMs + this.intervalMs, nowMs);
    if (this.nextAtMs <= nowMs) this.nextAtMs = nowMs + this.intervalMs;
    return [{ kind: 'Heartbeat', seq: this.seq }];
  }
}
