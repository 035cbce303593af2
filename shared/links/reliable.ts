/**
 * Reliable link over a fair-loss one (perfect point-to-point link): every payload is
 * retransmitted with exponential backoff until acknowledged, and the receiver
 * de-duplicates by (sender incarnation, sequence number), so each payload is delivered
 * exactly once. Order is not guaranteed. A pure endpoint: `send`, `onFrame`, `tick`.
 */
import type { Rng } from '../rng';
import type { DataFrame, LinkFrame, LinkReady } from './types';
import { emptyLinkReady } from './types';

/** Retransmission parameters. */
export interface ReliableConfig {
  /** First retransmission after this long without an ack, ms. */
  retransmitMs: number;
  /** Cap on the doubled retransmission interval, ms. */
  retransmitMaxMs: number;
  /** Fraction of each wait that is randomized, 0–1. */
  jitter: number;
  /** This endpoint's incarnation (bump it when the node restarts). */
  epoch: number;
}

/** Defaults. */
export const DEFAULT_RELIABLE: ReliableConfig = { retransmitMs: 50, retransmitMaxMs: 1600, jitter: 0.2, epoch: 1 };

/** Validate; one line per problem. */
export function validateReliable(cfg: ReliableConfig): ReliableConfig {
  if (!(cfg.retransmitMs > 0)) throw new RangeError(`reliable link: retransmitMs must be > 0, got ${cfg.retransmitMs}`);
  if (!(cfg.retransmitMaxMs >= cfg.retransmitMs)) throw new RangeError(`reliable link: retransmitMaxMs (${cfg.retransmitMaxMs}) must be ≥ retransmitMs (${cfg.retransmitMs})`);
  if (!(cfg.jitter >= 0 && cfg.jitter <= 1)) throw new RangeError(`reliable link: jitter must be in [0, 1], got ${cfg.jitter}`);
  if (!(Number.isInteger(cfg.epoch) && cfg.epoch >= 0)) throw new RangeError(`reliable link: epoch must be an integer ≥ 0, got ${cfg.epoch}`);
  return cfg;
}

interface Outstanding<P> {
  frame: DataFrame<P>;
  nextAtMs: number;
  waitMs: number;
  transmissions: number;
}

interface Inbound {
  epoch: number;
  /** Every seq below this was delivered. */
  deliveredBelow: number;
  /** Delivered seqs at or above `deliveredBelow`. */
  above: Set<number>;
}

/** One node's endpoint of the reliable link, towards any number of peers. */
export class ReliableLink<P> {
  readonly config: ReliableConfig;
  private readonly nextSeq = new Map<string, number>();
  private readonly outstanding = new Map<string, Outstanding<P>>();
  private readonly inbound = new Map<string, Inbound>();

  constructor(readonly self: string, config: Partial<ReliableConfig>, private readonly rng: Rng) {
    this.config = validateReliable({ ...DEFAULT_RELIABLE, ...config });
  }

  /** Payloads not yet acknowledged. */
  get unacked(): number {
    return this.outstanding.size;
  }

  private jittered(waitMs: number): number {
    return waitMs * (1 - this.config.jitter * this.rng.next());
  }

  /** Send `payload` to `to`; returns the first transmission. */
  send(to: string, payload: P, nowMs: number): LinkReady<LinkFrame<P>, P> {
    const out = emptyLinkReady<LinkFrame<P>, P>();
    const seq = (this.nextSeq.get(to) ?? 0) + 1;
    this.nextSeq.set(to, seq);
    const frame: DataFrame<P> = { kind: 'Data', from: this.self, to, epoch: this.config.epoch, seq, payload };
    this.outstanding.set(`${to}\u0000${seq}`, { frame, nextAtMs: nowMs + this.jittered(this.config.retransmitMs), waitMs: this.config.retransmitMs, transmissions: 1 });
    out.transmit.push(frame);
    return out;
  }

  /** A frame arrived from the network. */
  onFrame(frame: LinkFrame<P>, _nowMs: number): LinkReady<LinkFrame<P>, P> {
    const out = emptyLinkReady<LinkFrame<P>, P>();
    if (frame.to !== this.self) {
      out.rejected.push({ from: frame.from, reason: `misaddressed: frame for ${frame.to} reached ${this.self}` });
      return out;
    }
    if (frame.kind === 'Ack') {
      if (frame.epoch === this.config.epoch) this.outstanding.delete(`${frame.from}\u0000${frame.seq}`);
      return out;
    }
    let inb = this.inbound.get(frame.from);
    if (!inb || frame.epoch > inb.epoch) {
      inb = { epoch: frame.epoch, deliveredBelow: 1, above: new Set() };
      this.inbound.set(frame.from, inb);
    } else if (frame.epoch < inb.epoch) {
      out.rejected.push({ from: frame.from, reason: `stale: frame from incarnation ${frame.epoch} after ${inb.epoch}` });
      return out;
    }
    out.transmit.push({ kind: 'Ack', from: this.self, to: frame.from, epoch: frame.epoch, seq: frame.seq });
    if (frame.seq < inb.deliveredBelow || inb.above.has(frame.seq)) {
      out.duplicates++;
      return out;
    }
    inb.above.add(frame.seq);
    while (inb.above.delete(inb.deliveredBelow)) inb.deliveredBelow++;
    out.deliver.push({ from: frame.from, seq: frame.seq, payload: frame.payload });
    return out;
  }

  /** Retransmit what is due at `nowMs`. */
  tick(nowMs: number): LinkReady<LinkFrame<P>, P> {
    const out = emptyLinkReady<LinkFrame<P>, P>();
    for (const o of this.outstanding.values()) {
      if (nowMs < o.nextAtMs) continue;
      o.waitMs = Math.min(this.config.retransmitMaxMs, o.waitMs * 2);
      o.nextAtMs = nowMs + this.jittered(o.waitMs);
      o.transmissions++;
      out.transmit.push(o.frame);
    }
    return out;
  }

  /** Earliest retransmission time, or Infinity. */
  nextDeadlineMs(): number {
    let t = Infinity;
    for (const o of this.outstanding.values()) t = Math.min(t, o.nextAtMs);
    return t;
  }
}
