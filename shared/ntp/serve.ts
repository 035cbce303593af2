/**
 * The server side of one exchange, pure: given a client request and the server clock's
 * receive/transmit readings, build the reply (RFC 5905 server mode). Used by the lab
 * time server in main/ntp and by simulations.
 */
import { decodePacket, encodePacket, NtpMode, referenceIdFromText } from './packet';
import { ntpFromUnixMs } from './timestamp';

/** How the server describes itself. */
export interface ServerIdentity {
  stratum: number;
  /** Up to four ASCII characters (e.g. `LAB`). */
  referenceText: string;
  precisionLog2: number;
  rootDelayMs: number;
  rootDispersionMs: number;
  leap: 0 | 1 | 2 | 3;
}

/** A lab server at stratum 1 with microsecond precision. */
export const LAB_SERVER_IDENTITY: ServerIdentity = { stratum: 1, referenceText: 'LAB', precisionLog2: -20, rootDelayMs: 0, rootDispersionMs: 0.01, leap: 0 };

/**
 * Reply to `request` (bytes as received) with T2 = `receiveMs` and T3 = `transmitMs`
 * (server clock, Unix ms). Returns null for anything that is not a client request.
 */
export function serverReply(request: Uint8Array, receiveMs: number, transmitMs: number, id: ServerIdentity = LAB_SERVER_IDENTITY): Uint8Array | null {
  const d = decodePacket(request);
  if (!d.ok || d.packet.mode !== NtpMode.client) return null;
  return encodePacket({
    leap: id.leap, version: d.packet.version, mode: NtpMode.server, stratum: id.stratum, pollLog2: d.packet.pollLog2, precisionLog2: id.precisionLog2,
    rootDelayMs: id.rootDelayMs, rootDispersionMs: id.rootDispersionMs, referenceId: referenceIdFromText(id.referenceText),
    referenceTs: ntpFromUnixMs(receiveMs - 1000), originTs: d.packet.transmitTs, receiveTs: ntpFromUnixMs(receiveMs), transmitTs: ntpFromUnixMs(transmitMs),
  });
}
