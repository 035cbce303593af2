/**
 * The client side of NTP exchanges with one source, as a pure state machine: it makes
 * request bytes, remembers what it sent, matches replies by origin timestamp, and
 * expires requests that got no answer. The runtime does the socket I/O and reads the
 * node's clock (T1 just before sending, T4 as soon as a datagram arrives).
 */
import type { Rng } from '../rng';
import { decodePacket, encodePacket, NtpMode } from './packet';
import type { NtpTimestamp } from './timestamp';
import { ntpFromUnixMs, NTP_ZERO, timestampKey } from './timestamp';
import type { PendingRequest, SanityLimits } from './sanity';
import { checkReply, DEFAULT_SANITY_LIMITS } from './sanity';
import type { NtpExchangeResult, NtpRejection } from './sample';

/** Options of an exchange state machine. */
export interface NtpExchangeOptions {
  /** Source name used in samples and rejections, e.g. `127.0.0.1:12300`. */
  source: string;
  /** How long to wait for a reply, ms of client clock. */
  replyTimeoutMs?: number;
  /**
   * Randomizes the low 12 bits of the transmit fraction (< 1 µs) so an off-path sender
   * cannot guess the origin timestamp. T1 itself is kept exactly on our side.
   */
  rng?: Rng;
  limits?: Partial<SanityLimits>;
}

/** A request ready to send. */
export interface NtpRequest {
  bytes: Uint8Array;
  originTs: NtpTimestamp;
  t1Ms: number;
}

/** Pure client state for one source. */
export class NtpExchange {
  readonly source: string;
  readonly replyTimeoutMs: number;
  private readonly rng: Rng | undefined;
  private readonly limits: SanityLimits;
  private readonly pending = new Map<string, PendingRequest & { deadlineMs: number }>();

  constructor(options: NtpExchangeOptions) {
    this.source = options.source;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 1000;
    if (!(this.replyTimeoutMs > 0)) throw new RangeError(`replyTimeoutMs must be > 0, got ${this.replyTimeoutMs}`);
    this.rng = options.rng;
    this.limits = { ...DEFAULT_SANITY_LIMITS, ...options.limits };
  }

  /** Number of requests still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Build a client-mode request whose transmit timestamp is `t1Ms` (client clock, ms). */
  request(t1Ms: number): NtpRequest {
    const ts = ntpFromUnixMs(t1Ms);
    const originTs = this.rng ? { seconds: ts.seconds, fraction: (ts.fraction ^ this.rng.int(0, 0xfff)) >>> 0 } : ts;
    const bytes = encodePacket({
      leap: 0, version: 4, mode: NtpMode.client, stratum: 0, pollLog2: 0, precisionLog2: this.limits.clientPrecisionLog2,
      rootDelayMs: 0, rootDispersionMs: 0, referenceId: 0, referenceTs: NTP_ZERO, originTs: NTP_ZERO, receiveTs: NTP_ZERO, transmitTs: originTs,
    });
    this.pending.set(timestampKey(originTs), { source: this.source, originTs, t1Ms, deadlineMs: t1Ms + this.replyTimeoutMs });
    return { bytes, originTs, t1Ms };
  }

  /**
   * Handle a datagram that arrived at client time `t4Ms`. A reply matches at most one
   * request and consumes it, so a duplicate or replayed reply is refused as unsolicited.
   */
  onReply(bytes: Uint8Array, t4Ms: number): NtpExchangeResult {
    const decoded = decodePacket(bytes);
    if (!decoded.ok) return { ok: false, rejection: { source: this.source, kind: 'garbage', reason: decoded.reason, atMs: t4Ms } };
    const key = timestampKey(decoded.packet.originTs);
    const req = this.pending.get(key);
    if (!req) {
      return { ok: false, rejection: { source: this.source, kind: 'unsolicited', reason: 'unsolicited: origin timestamp does not match any request we sent', atMs: t4Ms } };
    }
    this.pending.delete(key);
    return checkReply(decoded.packet, req, t4Ms, this.limits);
  }

  /** Expire requests whose reply deadline passed; each becomes a `timeout` rejection. */
  expire(nowMs: number): NtpRejection[] {
    const out: NtpRejection[] = [];
    for (const [key, req] of this.pending) {
      if (nowMs >= req.deadlineMs) {
        this.pending.delete(key);
        out.push({ source: this.source, kind: 'timeout', reason: `timeout: no reply from ${this.source} within ${this.replyTimeoutMs} ms`, atMs: nowMs });
      }
    }
    return out;
  }
}
