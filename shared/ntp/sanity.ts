/**
 * Sanity checks on a server reply (RFC 5905 §8 and §11.2 tests, plus the lab's own):
 * everything that must be refused before a sample may touch the clock.
 */
import type { NtpPacket } from './packet';
import { NtpMode, referenceIdText } from './packet';
import type { NtpTimestamp } from './timestamp';
import { isZeroTimestamp, timestampsEqual, unixMsFromNtp } from './timestamp';
import { delayMs, dispersionMs, offsetMs, rootDistanceMs } from './arithmetic';
import type { NtpExchangeResult, NtpRejection } from './sample';

/** Limits applied by `checkReply`. */
export interface SanityLimits {
  /** Largest |offset| believed, ms. RFC 5905's panic threshold is 1000 s. */
  panicThresholdMs: number;
  /** Largest root distance accepted, ms (RFC 5905 MAXDIST = 1.5 s). */
  maxRootDistanceMs: number;
  /** Client clock precision exponent (log2 s). */
  clientPrecisionLog2: number;
}

/** Defaults from RFC 5905. */
export const DEFAULT_SANITY_LIMITS: SanityLimits = { panicThresholdMs: 1_000_000, maxRootDistanceMs: 1500, clientPrecisionLog2: -20 };

/** What the client knew when it sent the request this reply claims to answer. */
export interface PendingRequest {
  source: string;
  /** The exact transmit timestamp we put in the request; a genuine reply echoes it as origin. */
  originTs: NtpTimestamp;
  /** T1 on the client clock, full precision (the wire copy may carry random low bits). */
  t1Ms: number;
}

/**
 * Check a decoded reply against the request it answers and turn it into a sample,
 * or refuse it with a one-line reason. `t4Ms` is the client clock at arrival.
 */
export function checkReply(packet: NtpPacket, request: PendingRequest, t4Ms: number, limits: SanityLimits = DEFAULT_SANITY_LIMITS): NtpExchangeResult {
  const reject = (kind: NtpRejection['kind'], reason: string): NtpExchangeResult => ({ ok: false, rejection: { source: request.source, kind, reason, atMs: t4Ms } });
  if (packet.mode !== NtpMode.server) return reject('garbage', `garbage: mode ${packet.mode}, expected 4 (server)`);
  if (!timestampsEqual(packet.originTs, request.originTs)) {
    return reject('unsolicited', 'unsolicited: origin timestamp does not match the request we sent');
  }
  if (packet.stratum === 0) return reject('kiss-of-death', `kiss-o'-death from server: ${referenceIdText(packet.referenceId)}`);
  if (packet.leap === 3) return reject('unsynchronized', 'unsynchronized: leap indicator 3 (server clock not synchronized)');
  if (packet.stratum >= 16) return reject('unsynchronized', `unsynchronized: stratum ${packet.stratum}`);
  if (isZeroTimestamp(packet.receiveTs) || isZeroTimestamp(packet.transmitTs)) {
    return reject('absurd', 'absurd timestamps: server receive or transmit time is zero');
  }
  const times = { t1Ms: request.t1Ms, t2Ms: unixMsFromNtp(packet.receiveTs), t3Ms: unixMsFromNtp(packet.transmitTs), t4Ms };
  const holdMs = times.t3Ms - times.t2Ms;
  const roundTripMs = times.t4Ms - times.t1Ms;
  if (holdMs < 0) return reject('absurd', `absurd timestamps: server transmit is ${(-holdMs).toFixed(3)} ms before its receive`);
  if (roundTripMs < 0) return reject('absurd', `absurd timestamps: reply arrived ${(-roundTripMs).toFixed(3)} ms before the request left (client clock stepped?)`);
  if (holdMs > roundTripMs) {
    return reject('absurd', `absurd timestamps: server held the request ${holdMs.toFixed(3)} ms, longer than our ${roundTripMs.toFixed(3)} ms round trip`);
  }
  const theta = offsetMs(times);
  if (Math.abs(theta) > limits.panicThresholdMs) {
    const where = theta > 0 ? 'the future' : 'the past';
    return reject('absurd', `reply from ${where}: offset ${(theta / 1000).toFixed(3)} s exceeds the panic threshold of ${limits.panicThresholdMs / 1000} s`);
  }
  if (!isZeroTimestamp(packet.referenceTs) && unixMsFromNtp(packet.referenceTs) > times.t3Ms + 1000) {
    return reject('absurd', 'reply from the future: server reference time is after its transmit time');
  }
  const delta = delayMs(times);
  const epsilon = dispersionMs(times, packet.precisionLog2, limits.clientPrecisionLog2);
  const distance = rootDistanceMs({ delayMs: delta, dispersionMs: epsilon, rootDelayMs: packet.rootDelayMs, rootDispersionMs: packet.rootDispersionMs });
  if (distance > limits.maxRootDistanceMs) {
    return reject('distance', `root distance ${distance.toFixed(1)} ms exceeds ${limits.maxRootDistanceMs} ms`);
  }
  return {
    ok: true,
    sample: {
      source: request.source,
      offsetMs: theta,
      delayMs: Math.max(0, delta),
      dispersionMs: epsilon,
      rootDelayMs: packet.rootDelayMs,
      rootDispersionMs: packet.rootDispersionMs,
      stratum: packet.stratum,
      referenceId: packet.referenceId,
      precisionLog2: packet.precisionLog2,
      atMs: t4Ms,
      ...times,
    },
  };
}
