/**
 * The lab network in main (DESIGN.md step 3): every node message goes through
 * shared/network's decisions; this driver carries them out with real timers —
 * it holds copies until their delivery time, drops what the network drops, and
 * hands due messages to the receivers in batches.
 */
import type { LabNetwork, DropReason } from '../../shared/network';
import type { WireIn, WireOut } from '../node/wire';
import { DeliveryQueue } from './delivery-queue';

/** Where the driver's decisions go. */
export interface NetworkSinks {
  /** Hand these messages to `to` now (in order). */
  deliver(to: string, msgs: WireIn[]): void;
  /** A copy of a message was not delivered. */
  dropped(from: string, to: string, msg: string | null, reason: DropReason): void;
}

interface Copy {
  to: string;
  w: WireIn;
}

/** Drives a LabNetwork on real time. `nowMs` reads run time. */
export class NetworkDriver {
  private readonly queue = new DeliveryQueue<Copy>();
  private timer: NodeJS.Timeout | null = null;
  private timerAtMs = Infinity;
  private immediate: NodeJS.Immediate | null = null;
  private closed = false;
  /** Counters for the run's result. */
  readonly stats = { routed: 0, delivered: 0, dropped: 0 };

  constructor(
    readonly net: LabNetwork,
    private readonly nowMs: () => number,
    private readonly sinks: NetworkSinks,
  ) {}

  /** Messages in flight. */
  get inFlight(): number {
    return this.queue.size;
  }

  /** Routes the messages a node sent. */
  send(from: string, outs: readonly WireOut[]): void {
    if (this.closed || !outs.length) return;
    const now = this.nowMs();
    for (const o of outs) {
      this.stats.routed++;
      const d = this.net.route({ id: o.msg ?? '', from, to: o.to }, now);
      if (d.dropped || !d.deliverAtMs.length) {
        this.stats.dropped++;
        this.sinks.dropped(from, o.to, o.msg, d.dropped ?? 'lost');
        continue;
      }
      const w: WireIn = { from, msg: o.msg, p: o.p };
      for (const at of d.deliverAtMs) this.queue.push(at, { to: o.to, w });
    }
    this.arm();
  }

  private arm(): void {
    if (this.closed) return;
    const next = this.queue.peekMs();
    if (next === Infinity) return;
    const wait = next - this.nowMs();
    if (wait <= 0.5) {
      if (!this.immediate) this.immediate = setImmediate(() => this.fire());
      return;
    }
    if (this.timer && this.timerAtMs <= next) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAtMs = next;
    this.timer = setTimeout(() => this.fire(), Math.max(1, Math.floor(wait)));
  }

  private fire(): void {
    this.immediate = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAtMs = Infinity;
    if (this.closed) return;
    const now = this.nowMs();
    const due = this.queue.popDue(now + 0.5);
    const byTarget = new Map<string, WireIn[]>();
    for (const c of due) {
      const gone = this.net.checkDelivery({ id: c.w.msg ?? '', from: c.w.from, to: c.to }, now);
      if (gone) {
        this.stats.dropped++;
        this.sinks.dropped(c.w.from, c.to, c.w.msg, gone);
        continue;
      }
      let list = byTarget.get(c.to);
      if (!list) byTarget.set(c.to, (list = []));
      list.push(c.w);
    }
    for (const [to, list] of byTarget) {
      this.stats.delivered += list.length;
      this.sinks.deliver(to, list);
    }
    this.arm();
  }

  /** Stops delivering; returns how many copies were still in flight. */
  close(): number {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    return this.queue.size;
  }
}
