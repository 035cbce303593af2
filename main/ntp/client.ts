/**
 * The NTP client's socket side: sends requests built by `shared/ntp` over node:dgram
 * and reads T1/T4 on an injected clock — the node's own (drifted, disciplined) wall
 * clock in fractional ms — so offsets are measured as that node sees time. T2/T3 come
 * from the reply's 64-bit fields, so nothing is rounded to whole milliseconds.
 *
 * Why not ntp-time-sync for the exchange: its `getNetworkTime()` stamps T1 and T4 with
 * `new Date()` and converts T2/T3 to `Date`, i.e. whole milliseconds, and it exposes
 * neither the raw packet nor a clock hook (see `ntpTimeSync.ts` for the list of its
 * bugs, each verified in node_modules/ntp-time-sync/src/NtpTimeSync.ts). It remains the
 * comparison baseline in bench/ntp.ts.
 */
import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NtpExchange, type NtpExchangeResult, type NtpRejection, type SanityLimits } from '../../shared/ntp';
import type { Rng } from '../../shared/rng';
import { hostWallMs } from './hostClock';

/** Options of a client. */
export interface NtpUdpClientOptions {
  /** The node's wall clock, Unix ms (fractional). Defaults to the host clock. */
  clock?: () => number;
  /** Wait this long for a reply, ms. */
  replyTimeoutMs?: number;
  /** Seeds the random low bits of the origin timestamp. */
  rng?: Rng;
  limits?: Partial<SanityLimits>;
  /** Called for datagrams that answer nothing we are waiting for (garbage, unsolicited, duplicates). */
  onStray?: (rejection: NtpRejection) => void;
}

interface Waiter {
  exchange: NtpExchange;
  resolve: (r: NtpExchangeResult) => void;
  timer: NodeJS.Timeout;
  deadlineMs: number;
}

/** One UDP socket, any number of servers, at most one outstanding request per server. */
export class NtpUdpClient {
  private readonly clock: () => number;
  private readonly options: NtpUdpClientOptions;
  private socket: Socket | null = null;
  private ready: Promise<Socket> | null = null;
  private readonly exchanges = new Map<string, NtpExchange>();
  private readonly waiting = new Map<string, Waiter>();
  /** Stray datagrams refused so far (also passed to `onStray`). */
  readonly strays: NtpRejection[] = [];

  constructor(options: NtpUdpClientOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? hostWallMs;
  }

  private open(): Promise<Socket> {
    if (this.ready) return this.ready;
    this.ready = new Promise<Socket>((resolve, reject) => {
      const s = createSocket('udp4');
      s.on('message', (msg, rinfo) => {
        const t4Ms = this.clock(); // first thing: the arrival time on the node's clock
        this.onDatagram(`${rinfo.address}:${rinfo.port}`, new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), t4Ms);
      });
      // ntp-time-sync registers `(err) => errorCallback` here, which never calls it; we do handle errors.
      s.on('error', (err) => {
        for (const [key, w] of this.waiting) this.finish(key, w, { ok: false, rejection: { source: w.exchange.source, kind: 'network', reason: `network: ${err.message}`, atMs: this.clock() } });
      });
      s.once('listening', () => resolve(s));
      s.once('error', reject);
      s.once('close', () => reject(new Error('client closed')));
      s.bind(0, '0.0.0.0');
      this.socket = s;
    });
    return this.ready;
  }

  private onDatagram(key: string, bytes: Uint8Array, t4Ms: number): void {
    const waiter = this.waiting.get(key);
    const exchange = waiter?.exchange ?? this.exchanges.get(key) ?? new NtpExchange({ source: key });
    const result = exchange.onReply(bytes, t4Ms);
    // A reply that matches none of our requests must not end the wait for the genuine one.
    if (!waiter || (!result.ok && (result.rejection.kind === 'unsolicited' || result.rejection.kind === 'garbage'))) {
      if (!result.ok) {
        this.strays.push(result.rejection);
        this.options.onStray?.(result.rejection);
      }
      return;
    }
    this.finish(key, waiter, result);
  }

  private finish(key: string, w: Waiter, r: NtpExchangeResult): void {
    clearTimeout(w.timer);
    this.waiting.delete(key);
    w.resolve(r);
  }

  /**
   * One exchange with `host:port` (an IPv4 address or a name, resolved once per query).
   * Resolves with an
   * accepted sample or a rejection with its reason (timeouts included); never rejects.
   */
  async query(host: string, port: number): Promise<NtpExchangeResult> {
    const source = `${host}:${port}`;
    let socket: Socket;
    try {
      socket = await this.open();
    } catch (e) {
      return { ok: false, rejection: { source, kind: 'network', reason: `network: ${(e as Error).message}`, atMs: this.clock() } };
    }
    let address = host;
    if (isIP(host) === 0) {
      try {
        address = (await lookup(host, { family: 4 })).address;
      } catch (e) {
        return { ok: false, rejection: { source, kind: 'network', reason: `network: cannot resolve ${host}: ${(e as Error).message}`, atMs: this.clock() } };
      }
    }
    if (this.socket !== socket) return { ok: false, rejection: { source, kind: 'network', reason: 'network: client closed', atMs: this.clock() } };
    // Replies are matched by the address they come from.
    const key = `${address}:${port}`;
    if (this.waiting.has(key)) throw new Error(`a request to ${source} is already outstanding`);
    let exchange = this.exchanges.get(key);
    if (!exchange) {
      exchange = new NtpExchange({ source, replyTimeoutMs: this.options.replyTimeoutMs ?? 1000, rng: this.options.rng, limits: this.options.limits });
      this.exchanges.set(key, exchange);
    }
    const ex = exchange;
    return new Promise<NtpExchangeResult>((resolve) => {
      const req = ex.request(this.clock());
      const deadlineMs = req.t1Ms + ex.replyTimeoutMs;
      const timer = setTimeout(() => {
        const w = this.waiting.get(key);
        if (!w) return;
        const [rej] = ex.expire(w.deadlineMs);
        this.finish(key, w, { ok: false, rejection: rej ?? { source, kind: 'timeout', reason: `timeout: no reply from ${source} within ${ex.replyTimeoutMs} ms`, atMs: this.clock() } });
      }, ex.replyTimeoutMs);
      this.waiting.set(key, { exchange: ex, resolve, timer, deadlineMs });
      socket.send(req.bytes, port, address, (err) => {
        const w = this.waiting.get(key);
        if (err && w) this.finish(key, w, { ok: false, rejection: { source, kind: 'network', reason: `network: ${err.message}`, atMs: this.clock() } });
      });
    });
  }

  /** Close the socket; outstanding queries resolve as `network: client closed`. */
  async close(): Promise<void> {
    for (const [key, w] of this.waiting) this.finish(key, w, { ok: false, rejection: { source: w.exchange.source, kind: 'network', reason: 'network: client closed', atMs: this.clock() } });
    const s = this.socket;
    this.socket = null;
    this.ready = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}
