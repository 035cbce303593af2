/**
 * NTP 64-bit timestamps (RFC 5905 §6): 32 bits of seconds since 1900-01-01 and
 * 32 bits of fraction. Converted to and from Unix milliseconds (fractional) without
 * rounding to whole milliseconds: one fraction unit is 2^-32 s ≈ 0.23 ns, and a
 * double holding Unix ms keeps ≈ 0.24 µs, so a round trip is exact to well under 1 µs.
 */

/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
export const NTP_UNIX_EPOCH_DELTA_S = 2_208_988_800;

const TWO_POW_32 = 4_294_967_296;

/** A raw NTP timestamp: both halves are unsigned 32-bit integers. */
export interface NtpTimestamp {
  /** Seconds since 1900-01-01 modulo 2^32 (the era is implied). */
  seconds: number;
  /** Fraction of a second in units of 2^-32 s. */
  fraction: number;
}

/** The all-zero timestamp, which NTP uses to mean "unknown / not set". */
export const NTP_ZERO: NtpTimestamp = { seconds: 0, fraction: 0 };

/** True when both halves are zero (RFC 5905: timestamp not available). */
export function isZeroTimestamp(ts: NtpTimestamp): boolean {
  return ts.seconds === 0 && ts.fraction === 0;
}

/** True when two raw timestamps are bit-for-bit equal. */
export function timestampsEqual(a: NtpTimestamp, b: NtpTimestamp): boolean {
  return a.seconds === b.seconds && a.fraction === b.fraction;
}

/** Encode Unix milliseconds (fractional) as an NTP timestamp, truncating below 2^-32 s. */
export function ntpFromUnixMs(unixMs: number): NtpTimestamp {
  if (!Number.isFinite(unixMs)) throw new RangeError(`cannot encode non-finite time ${unixMs} as an NTP timestamp`);
  const wholeS = Math.floor(unixMs / 1000);
  let remMs = unixMs - wholeS * 1000;
  if (remMs < 0) remMs = 0;
  let fraction = Math.floor((remMs / 1000) * TWO_POW_32);
  let carry = 0;
  if (fraction >= TWO_POW_32) { fraction -= TWO_POW_32; carry = 1; }
  const seconds = (((wholeS + carry + NTP_UNIX_EPOCH_DELTA_S) % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
  return { seconds, fraction };
}

/**
 * Decode an NTP timestamp to Unix milliseconds (fractional). Era is resolved as in
 * RFC 4330 §3: a seconds field with its top bit clear is taken to be in era 1
 * (after 2036-02-07), so the range covered is 1968–2104.
 */
export function unixMsFromNtp(ts: NtpTimestamp): number {
  const seconds = ts.seconds >= 0x8000_0000 ? ts.seconds : ts.seconds + TWO_POW_32;
  return (seconds - NTP_UNIX_EPOCH_DELTA_S) * 1000 + (ts.fraction * 1000) / TWO_POW_32;
}

/** NTP short format (16.16 unsigned seconds) to milliseconds. */
export function msFromNtpShort(raw: number): number {
  return ((raw >>> 0) * 1000) / 65536;
}

/** Milliseconds to NTP short format (16.16 unsigned seconds), clamped to its range. */
export function ntpShortFromMs(ms: number): number {
  const v = Math.round((Math.max(0, ms) / 1000) * 65536);
  return Math.min(v, 0xffff_ffff) >>> 0;
}

/** A stable string key for a raw timestamp (used to match replies to requests). */
export function timestampKey(ts: NtpTimestamp): string {
  return `${ts.seconds >>> 0}.${ts.fraction >>> 0}`;
}
