/**
 * The lab time server: answers NTP client requests over UDP on 127.0.0.1 from the host
 * clock, or from an injected-error clock to show what a bad source does. It can also
 * misbehave on purpose (`fault`) so the client's sanity checks can be exercised and
 * demonstrated: silence, garbage, an unsynchronized (stratum 16) answer, a reply to a
 * request nobody sent, a reply from the future.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decodePacket, encodePacket, LAB_SERVER_IDENTITY, NtpMode, ntpFromUnixMs, serverReply, type ServerIdentity } from '../../shared/ntp';
import { hostWallMs } from './hostClock';

/** Ways the lab server can misbehave. */
export type LabServerFault = 'none' | 'silent' | 'garbage' | 'stratum16' | 'unsolicited' | 'future';

/** Options of the lab server. */
export interface LabTimeServerOptions {
  /** Bind address; loopback only by default. */
  host?: string;
  /** UDP port; 0 picks a free one. */
  port?: number;
  /** The server's clock (Unix ms, fractional); defaults to the host clock. */
  clock?: () => number;
  identity?: Partial<ServerIdentity>;
  fault?: LabServerFault;
  /**
   * Extra delay in ms, split evenly before T2 and after T3, so the exchange looks like
   * a symmetric network path of this round trip (offset unaffected, delay grows).
   */
  symmetricDelayMs?: number;
}

/** A running lab server. */
export interface LabTimeServer {
  readonly host: string;
  readonly port: number;
  /** Requests answered (or deliberately mangled) so far. */
  readonly requests: number;
  setFault(fault: LabServerFault): void;
  setClock(clock: () => number): void;
  close(): Promise<void>;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Start a lab time server; resolves once it is bound. */
export async function startLabTimeServer(options: LabTimeServerOptions = {}): Promise<LabTimeServer> {
  const host = options.host ?? '127.0.0.1';
  let clock = options.clock ?? hostWallMs;
  let fault: LabServerFault = options.fault ?? 'none';
  const identity: ServerIdentity = { ...LAB_SERVER_IDENTITY, ...options.identity };
  const halfDelayMs = (options.symmetricDelayMs ?? 0) / 2;
  let requests = 0;
  const socket: Socket = createSocket('udp4');

  const answer = async (msg: Buffer, rinfo: RemoteInfo): Promise<void> => {
    let receiveMs = clock();
    const request = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    const decoded = decodePacket(request);
    if (!decoded.ok || decoded.packet.mode !== NtpMode.client) return;
    requests++;
    if (fault === 'silent') return;
    if (halfDelayMs > 0) { await wait(halfDelayMs); receiveMs = clock(); }
    let reply: Uint8Array | null;
    switch (fault) {
      case 'garbage':
        reply = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
        break;
      case 'stratum16':
        reply = serverReply(request, receiveMs, clock(), { ...identity, stratum: 16, leap: 3 });
        break;
      case 'future': {
        const yearMs = 365 * 86_400_000;
        reply = serverReply(request, receiveMs + yearMs, clock() + yearMs, identity);
        break;
      }
      case 'unsolicited': {
        const genuine = serverReply(request, receiveMs, clock(), identity);
        const d = genuine && decodePacket(genuine);
        reply = d && d.ok ? encodePacket({ ...d.packet, originTs: ntpFromUnixMs(clock() - 12_345.678) }) : null;
        break;
      }
      default:
        reply = serverReply(request, receiveMs, clock(), identity);
    }
    if (!reply) return;
    if (halfDelayMs > 0) await wait(halfDelayMs); // the return half of the simulated path
    socket.send(reply, rinfo.port, rinfo.address);
  };

  socket.on('message', (msg, rinfo) => { void answer(msg, rinfo); });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, host, () => { socket.off('error', reject); resolve(); });
  });
  const port = socket.address().port;
  return {
    host,
    port,
    get requests() { return requests; },
    setFault: (f) => { fault = f; },
    setClock: (c) => { clock = c; },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
