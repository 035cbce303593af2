/**
 * NTP packet header (RFC 5905 §7.3) encode/decode over Uint8Array. Only the 48-byte
 * header is interpreted; extension fields and MACs after it are ignored.
 */
import type { NtpTimestamp } from './timestamp';
import { msFromNtpShort, ntpShortFromMs } from './timestamp';

/** Length of the NTP header in bytes. */
export const NTP_PACKET_BYTES = 48;

/** Leap indicator: 0 none, 1 last minute has 61 s, 2 has 59 s, 3 alarm (unsynchronized). */
export type LeapIndicator = 0 | 1 | 2 | 3;

/** Association modes used here (RFC 5905 Figure 10). */
export const NtpMode = { symmetricActive: 1, symmetricPassive: 2, client: 3, server: 4, broadcast: 5 } as const;

/** A decoded NTP header. Times stay raw (`NtpTimestamp`) so nothing is rounded. */
export interface NtpPacket {
  leap: LeapIndicator;
  /** Protocol version, 1–4. */
  version: number;
  /** Association mode, 0–7 (3 client, 4 server). */
  mode: number;
  /** 0 kiss-o'-death, 1 primary, 2–15 secondary, 16 unsynchronized. */
  stratum: number;
  /** Poll exponent: log2 of the poll interval in seconds (signed 8-bit). */
  pollLog2: number;
  /** Precision exponent: log2 of the clock precision in seconds (signed 8-bit, e.g. -20 ≈ 1 µs). */
  precisionLog2: number;
  /** Root delay in ms (from the 16.16 short format). */
  rootDelayMs: number;
  /** Root dispersion in ms (from the 16.16 short format). */
  rootDispersionMs: number;
  /** Reference id as a raw 32-bit unsigned integer (ASCII code at stratum 0/1, an IPv4 address or hash above). */
  referenceId: number;
  referenceTs: NtpTimestamp;
  /** T1 echoed back by a server: the transmit timestamp of the request it answers. */
  originTs: NtpTimestamp;
  /** T2: when the server received the request (server clock). */
  receiveTs: NtpTimestamp;
  /** T3 in a reply (server clock), T1 in a request (client clock). */
  transmitTs: NtpTimestamp;
}

/** Result of decoding untrusted bytes. */
export type DecodeResult = { ok: true; packet: NtpPacket } | { ok: false; reason: string };

function readTs(view: DataView, at: number): NtpTimestamp {
  return { seconds: view.getUint32(at), fraction: view.getUint32(at + 4) };
}

function writeTs(view: DataView, at: number, ts: NtpTimestamp): void {
  view.setUint32(at, ts.seconds >>> 0);
  view.setUint32(at + 4, ts.fraction >>> 0);
}

/** Encode a header into a fresh 48-byte array (network byte order). */
export function encodePacket(p: NtpPacket): Uint8Array {
  const bytes = new Uint8Array(NTP_PACKET_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, ((p.leap & 3) << 6) | ((p.version & 7) << 3) | (p.mode & 7));
  view.setUint8(1, p.stratum & 0xff);
  view.setInt8(2, p.pollLog2);
  view.setInt8(3, p.precisionLog2);
  view.setUint32(4, ntpShortFromMs(p.rootDelayMs));
  view.setUint32(8, ntpShortFromMs(p.rootDispersionMs));
  view.setUint32(12, p.referenceId >>> 0);
  writeTs(view, 16, p.referenceTs);
  writeTs(view, 24, p.originTs);
  writeTs(view, 32, p.receiveTs);
  writeTs(view, 40, p.transmitTs);
  return bytes;
}

/**
 * Decode untrusted bytes. Refuses (with a one-line reason) anything shorter than a
 * header or with a version outside 1–4; mode, stratum and timestamps are checked by
 * `checkReply`, which knows what was asked.
 */
export function decodePacket(bytes: Uint8Array): DecodeResult {
  if (bytes.length < NTP_PACKET_BYTES) {
    return { ok: false, reason: `garbage: ${bytes.length} bytes, an NTP header needs ${NTP_PACKET_BYTES}` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b0 = view.getUint8(0);
  const version = (b0 >> 3) & 7;
  if (version < 1 || version > 4) return { ok: false, reason: `garbage: NTP version ${version}, expected 1–4` };
  return {
    ok: true,
    packet: {
      leap: ((b0 >> 6) & 3) as LeapIndicator,
      version,
      mode: b0 & 7,
      stratum: view.getUint8(1),
      pollLog2: view.getInt8(2),
      // Signed: 0xEC is -20 (≈ 1 µs), not 236. ntp-time-sync reads it unsigned.
      precisionLog2: view.getInt8(3),
      rootDelayMs: msFromNtpShort(view.getUint32(4)),
      rootDispersionMs: msFromNtpShort(view.getUint32(8)),
      referenceId: view.getUint32(12),
      referenceTs: readTs(view, 16),
      originTs: readTs(view, 24),
      receiveTs: readTs(view, 32),
      transmitTs: readTs(view, 40),
    },
  };
}

/** The reference id as text when it is printable ASCII (stratum 0/1 codes such as `GPS`, `RATE`), else dotted quad. */
export function referenceIdText(referenceId: number): string {
  const bytes = [(referenceId >>> 24) & 0xff, (referenceId >>> 16) & 0xff, (referenceId >>> 8) & 0xff, referenceId & 0xff];
  const trimmed = bytes.slice(0, bytes.findIndex((b) => b === 0) === -1 ? 4 : bytes.findIndex((b) => b === 0));
  if (trimmed.length > 0 && trimmed.every((b) => b >= 0x20 && b < 0x7f)) return String.fromCharCode(...trimmed);
  return bytes.join('.');
}

/** Pack up to four ASCII characters into a reference id (e.g. `'LAB'`). */
export function referenceIdFromText(text: string): number {
  let v = 0;
  for (let i = 0; i < 4; i++) v = (v << 8) | (i < text.length ? text.charCodeAt(i) & 0xff : 0);
  return v >>> 0;
}
