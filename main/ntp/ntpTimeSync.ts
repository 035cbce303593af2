/**
 * ntp-time-sync (0.5.0), used the way issue 5 asks: for the packet exchange where it
 * fits and as the comparison baseline, with offset and delay computed by us. Each bug
 * below was verified by reading node_modules/ntp-time-sync/src/NtpTimeSync.ts and
 * node_modules/ntp-packet-parser/src/NtpPacketParser.ts, and each workaround is tested
 * in test/integration/ntp-lab.test.ts.
 *
 * 1. Offset formula (collectSamples): offset = ((|T2 − T1| + |T3 − T4|) / 2) · sign,
 *    sign = T3 > T4 ? 1 : −1. Taking absolute values is only right when the offset
 *    dominates; when |θ| < δ/2 the two terms have opposite signs, and the result is
 *    −δ/2 whatever θ is (e.g. θ = +3 ms over a 20 ms round trip gives −10 ms).
 *    Workaround: `libraryExchange` takes the library's four timestamps and applies the
 *    RFC 5905 formula from shared/ntp (`offsetMs`, `delayMs`).
 * 2. Millisecond rounding: T1 is `new Date()` written into the request, T4 is
 *    `new Date()` on arrival, and T2/T3 are turned into `Date` objects (whole ms). An
 *    estimate from them is off by up to ~1 ms. Workaround: none possible through the
 *    library; `NtpUdpClient` (client.ts) does the exchange itself with 64-bit
 *    timestamps and a sub-ms clock. `libraryExchange` is kept for the comparison.
 * 3. Precision field: the parser reads the 8-bit precision with parseInt(bits, 2), so
 *    a server precision of −20 (0xEC) comes back as 236 and 2^precision explodes in the
 *    library's dispersion. Workaround: `signedPrecisionLog2` re-reads it as signed.
 * 4. Shared cache: `lastPoll`/`lastResult` are module-level, so every instance's
 *    getTime() within 2^minPoll = 16 s returns whatever result any instance fetched
 *    last, even from other servers. Workaround: `libraryGetTimeOffsetMs` always calls
 *    getTime(true) (force) on a fresh instance.
 * Also: `client.on("error", (err) => errorCallback)` never calls the callback, so
 * socket errors surface only as the 3 s reply timeout; and the origin timestamp is
 * only checked for being "not in the future", not for matching the request.
 */
import { NtpTimeSync } from 'ntp-time-sync';
import { delayMs, offsetMs } from '../../shared/ntp';

/** The precision exponent as the signed 8-bit value it is (bug 3). */
export function signedPrecisionLog2(libraryValue: number): number {
  return libraryValue > 127 ? libraryValue - 256 : libraryValue;
}

/** The library's own offset formula, reproduced to show bug 1 next to the fix. */
export function libraryOffsetFormulaMs(t: { t1Ms: number; t2Ms: number; t3Ms: number; t4Ms: number }): number {
  const sign = t.t3Ms > t.t4Ms ? 1 : -1;
  return ((Math.abs(t.t2Ms - t.t1Ms) + Math.abs(t.t3Ms - t.t4Ms)) / 2) * sign;
}

/** One exchange through `getNetworkTime`, with the arithmetic done right. */
export interface LibraryExchange {
  t1Ms: number;
  t2Ms: number;
  t3Ms: number;
  t4Ms: number;
  /** RFC 5905 offset from the library's (whole-ms) timestamps. */
  offsetMs: number;
  delayMs: number;
  /** What the library's own formula says for the same timestamps. */
  libraryFormulaOffsetMs: number;
  stratum: number;
  /** As the library parsed it (unsigned) and as it is (signed). */
  precisionRaw: number;
  precisionLog2: number;
}

/** Exchange with `host:port` via ntp-time-sync's `getNetworkTime`, computing offset and delay per RFC 5905. */
export async function libraryExchange(host: string, port: number, replyTimeoutMs = 1000): Promise<LibraryExchange> {
  const lib = new NtpTimeSync({ servers: [`${host}:${port}`], replyTimeout: replyTimeoutMs });
  const p = await lib.getNetworkTime(host, port);
  if (!p.originTimestamp || !p.receiveTimestamp || !p.transmitTimestamp) throw new Error(`ntp-time-sync: incomplete reply from ${host}:${port}`);
  const t = { t1Ms: p.originTimestamp.getTime(), t2Ms: p.receiveTimestamp.getTime(), t3Ms: p.transmitTimestamp.getTime(), t4Ms: p.destinationTimestamp.getTime() };
  return {
    ...t,
    offsetMs: offsetMs(t),
    delayMs: delayMs(t),
    libraryFormulaOffsetMs: libraryOffsetFormulaMs(t),
    stratum: p.stratum ?? -1,
    precisionRaw: p.precision ?? NaN,
    precisionLog2: signedPrecisionLog2(p.precision ?? NaN),
  };
}

/**
 * The library's own answer: `getTime(true).offset` (ms) from a fresh instance, forced so
 * the module-level 16 s cache shared by all instances cannot answer instead (bug 4).
 * Its offset still carries bugs 1 and 2; that is the point of the baseline.
 */
export async function libraryGetTimeOffsetMs(host: string, port: number, samples = 8, replyTimeoutMs = 1000): Promise<number> {
  const lib = new NtpTimeSync({ servers: [`${host}:${port}`], sampleCount: samples, replyTimeout: replyTimeoutMs });
  return (await lib.getTime(true)).offset;
}
