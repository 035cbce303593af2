/**
 * Drives NTP for one node: polls its sources every `pollIntervalMs` through one
 * `NtpUdpClient`, feeds `shared/ntp`'s `NtpSync` (filter, selection, discipline), and
 * reports every exchange, rejection, step and slew as an event. The node's wall clock
 * is `wallMs()` = its raw clock (host time through the injected offset/drift) plus the
 * discipline's correction; the client measures T1/T4 on that clock.
 */
import { NtpSync, type DisciplineAction, type DisciplineConfig, type NtpRejection, type NtpSample } from '../../shared/ntp';
import type { Rng } from '../../shared/rng';
import { NtpUdpClient } from './client';

/** One source, e.g. the lab server or `chrony:123`. */
export interface NtpSourceAddress {
  host: string;
  port: number;
}

/** What the poller reports (the runtime records each as an `ntp` or `clock` event). */
export type NtpPollerEvent =
  | { kind: 'exchange'; sample: NtpSample; chosen: string | null; falsetickers: string[]; trueOffsetMs: number | null }
  | { kind: 'rejected'; rejection: NtpRejection; trueOffsetMs?: number | null }
  | { kind: 'step' | 'slew'; action: DisciplineAction; trueOffsetMs: number | null };

/** Options of a poller. */
export interface NtpPollerOptions {
  /** The node's undisciplined clock, Unix ms (fractional). */
  rawClock: () => number;
  sources: NtpSourceAddress[];
  pollIntervalMs?: number;
  replyTimeoutMs?: number;
  discipline?: Partial<DisciplineConfig>;
  rng?: Rng;
  /** The reference (host) clock, if known, so events carry the true offset next to the estimate. */
  referenceClock?: () => number;
  onEvent?: (e: NtpPollerEvent) => void;
}

/** NTP for one node. */
export class NtpPoller {
  readonly sync: NtpSync;
  private readonly client: NtpUdpClient;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: NtpPollerOptions) {
    if (options.pollIntervalMs !== undefined && !(options.pollIntervalMs > 0)) throw new RangeError(`pollIntervalMs must be > 0, got ${options.pollIntervalMs}`);
    this.sync = new NtpSync({ discipline: options.discipline });
    this.client = new NtpUdpClient({
      clock: () => this.wallMs(),
      replyTimeoutMs: options.replyTimeoutMs,
      rng: options.rng,
      onStray: (rejection) => {
        const t = this.trueOffsetMs();
        this.emit({ kind: 'rejected', rejection, ...(t !== null ? { trueOffsetMs: t } : {}) });
      },
    });
  }

  /** The node's disciplined wall clock now. */
  wallMs(): number {
    return this.sync.disciplinedMs(this.options.rawClock());
  }

  private trueOffsetMs(): number | null {
    return this.options.referenceClock ? this.options.referenceClock() - this.wallMs() : null;
  }

  private emit(e: NtpPollerEvent): void {
    this.options.onEvent?.(e);
  }

  /**
   * Poll every source once (concurrently), then apply the round's samples together
   * (`NtpSync.onRound`: selection sees every answer, so a lone falseticker that answers
   * first cannot move the clock).
   */
  async pollOnce(): Promise<void> {
    const results = await Promise.all(this.options.sources.map(({ host, port }) => this.client.query(host, port)));
    const round: { sample: NtpSample; rawAtT4Ms: number; trueBeforeMs: number | null }[] = [];
    const trueBeforeMs = this.trueOffsetMs();
    for (const r of results) {
      if (!r.ok) {
        this.sync.onRejection(r.rejection);
        this.emit({ kind: 'rejected', rejection: r.rejection, ...(trueBeforeMs !== null ? { trueOffsetMs: trueBeforeMs } : {}) });
        continue;
      }
      round.push({ sample: r.sample, rawAtT4Ms: this.sync.discipline.rawFromDisciplinedMs(r.sample.t4Ms), trueBeforeMs });
    }
    if (!round.length) return;
    const updates = this.sync.onRound(round, this.options.rawClock());
    updates.forEach((u, i) => {
      // The truth the estimate is measured against: before this round moved the clock.
      this.emit({ kind: 'exchange', sample: round[i].sample, chosen: u.selection.chosen?.source ?? null, falsetickers: u.selection.falsetickers.map((c) => c.source), trueOffsetMs: round[i].trueBeforeMs });
    });
    for (const u of updates) if (u.action) this.emit({ kind: u.action.kind, action: u.action, trueOffsetMs: this.trueOffsetMs() });
  }

  /** Poll now and then every `pollIntervalMs` (default 16 s) until `stop()`. */
  start(): void {
    if (this.timer) return;
    const loop = (): void => {
      this.running = this.pollOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(loop, this.options.pollIntervalMs ?? 16_000);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stop polling and close the socket. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.client.close();
  }
}
