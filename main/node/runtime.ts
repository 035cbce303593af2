/**
 * The node runtime (child side): the host's real clocks seen through the node's
 * clock model, a pure scenario core stepped with ticks and messages, the link model,
 * Lamport/vector stamping of every event, and batching to main. The only I/O is the
 * channel (via `NodeIo`) and the durable-state file.
 */
import { createNodeClock, type HostReading, type NodeClock, type RunStart } from '../../shared/clock-model';
import type { NewEvent } from '../../shared/events';
import { createRng } from '../../shared/rng';
import { findScenario, nodeSeed, Stamper, type CoreOutput, type LogicalStamp, type NodeCore, type NodeNow } from '../../shared/scenarios';
import { NtpPoller } from '../ntp/poller';
import { ntpEventRecord } from '../ntp/record';
import { hostedLeaseCore } from '../lease/hosted-core';
import { readDurable, writeDurable } from './durable';
import { hostReading } from './host-clock';
import { createLinkLayer, type AppEnvelope, type LinkLayer } from './link-layer';
import type { ChildMessage, MainMessage, NodeInit, WireIn, WireOut } from './wire';

/** How the runtime talks to main. */
export interface NodeIo {
  send(msg: ChildMessage): void;
  /** Flushes what was sent, then ends the process. */
  exit(code: number): void;
}

/** Flush a batch right away once it holds this many events. */
const FLUSH_EVENTS = 512;
/** Retransmission timer of the reliable links, ms. */
const LINK_TICK_MS = 20;

/** One node process's runtime. */
export class NodeRuntime {
  private clock!: NodeClock;
  private readonly stamper: Stamper;
  private readonly core: NodeCore;
  private readonly link: LinkLayer;
  private readonly tickMs: number;
  private events: NewEvent[] = [];
  private wire: WireOut[] = [];
  private flushQueued = false;
  private lastWriteMs = 0;
  private msgCount = 0;
  private ackedSeq = 0;
  private mainHold = false;
  private steppedMs = 0;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private stopped = false;
  private ntp: NtpPoller | null = null;

  constructor(
    readonly init: NodeInit,
    private readonly io: NodeIo,
  ) {
    const scenario = findScenario(init.scenario);
    if (!scenario) throw new Error(`unknown scenario '${init.scenario}'`);
    this.stamper = new Stamper(init.node, init.resume);
    this.ackedSeq = init.resume?.seq ?? 0;
    // A core that needs I/O (the etcd-backed lease store node) comes from main; else the pure one.
    this.core = hostedLeaseCore(init) ?? scenario.create({
      node: init.node,
      nodes: init.nodes,
      rng: createRng(nodeSeed(init.seed, init.node, init.incarnation)),
      options: init.options,
      durable: readDurable(init.durablePath),
      incarnation: init.incarnation,
    });
    const linkRng = createRng(nodeSeed(init.seed, `${init.node}/link`, init.incarnation));
    this.link = createLinkLayer(init.model.link, init.node, init.incarnation, linkRng, Buffer.from(init.linkKeyHex, 'hex'));
    this.tickMs = scenario.tickMs(init.options);
  }

  /** Handles one message from main. */
  onMessage(m: MainMessage): void {
    switch (m.t) {
      case 'go':
        return this.go({ wallMs: m.startWallMs, monoNs: BigInt(m.startMonoNs) });
      case 'd':
        for (const w of m.m) this.deliver(w);
        return;
      case 'ack':
        this.ackedSeq = Math.max(this.ackedSeq, m.seq);
        return;
      case 'hold':
        this.mainHold = true;
        return;
      case 'resume':
        this.mainHold = false;
        return;
      case 'step':
        return this.stepClock(m.byMs);
      case 'stop':
        return this.stop();
      default:
        return;
    }
  }

  /** True while back-pressure says: generate no new work. */
  get held(): boolean {
    return this.mainHold || this.stamper.current().seq - this.ackedSeq > this.init.windowEvents;
  }

  /** The node's clocks now: the clock model's reading, the wall clock disciplined by NTP when it runs. */
  private read(host: HostReading = hostReading()): { wallMs: number; monoNs: bigint } {
    const r = this.clock.read(host);
    return this.ntp ? { wallMs: this.ntp.sync.disciplinedMs(r.wallMs), monoNs: r.monoNs } : r;
  }

  private now(): NodeNow {
    const r = this.read();
    return { wallMs: r.wallMs, monoMs: Number(r.monoNs) / 1e6 };
  }

  /** NTP against the run's sources: exchanges become `ntp` events, steps and slews `clock` events. */
  private startNtp(): void {
    if (!this.init.ntpSources.length) return;
    this.ntp = new NtpPoller({
      rawClock: () => this.clock.wallMs(hostReading()),
      sources: this.init.ntpSources,
      pollIntervalMs: this.init.ntpPollMs,
      rng: createRng(nodeSeed(this.init.seed, `${this.init.node}/ntp`, this.init.incarnation)),
      referenceClock: () => performance.timeOrigin + performance.now(),
      onEvent: (e) => {
        if (this.stopped) return;
        const r = ntpEventRecord(e);
        this.record(r.kind, this.stamper.next(), { label: r.label, data: r.data });
        this.scheduleFlush();
      },
    });
    this.ntp.start();
  }

  private go(start: RunStart): void {
    if (this.started) return;
    this.started = true;
    this.clock = createNodeClock(this.init.clock, start, createRng(nodeSeed(this.init.seed, `${this.init.node}/clock`, this.init.incarnation)));
    this.steppedMs = this.clock.state(hostReading()).steppedMs;
    if (this.init.incarnation > 0) {
      this.record('recover', this.stamper.next(), { label: `restarted (incarnation ${this.init.incarnation}) with durable state only` });
    }
    this.startNtp();
    this.apply(this.core.start(this.now()));
    this.timers.push(setInterval(() => this.tick(), this.tickMs));
    if (this.init.model.link !== 'fair-loss') this.timers.push(setInterval(() => this.linkTick(), LINK_TICK_MS));
    this.timers.push(setInterval(() => this.heartbeat(), this.init.heartbeatMs));
  }

  private tick(): void {
    if (this.stopped) return;
    this.noticeScheduledSteps();
    if (this.held) return;
    this.apply(this.core.tick(this.now()));
  }

  private linkTick(): void {
    const nowMs = this.now().monoMs;
    if (this.link.nextDeadlineMs() > nowMs) return;
    const out = this.link.tick(nowMs);
    if (out.length) {
      for (const w of out) this.wire.push(w);
      this.scheduleFlush();
    }
  }

  private heartbeat(): void {
    if (performance.now() - this.lastWriteMs >= this.init.heartbeatMs) this.write({ t: 'hb' });
  }

  private deliver(w: WireIn): void {
    if (this.stopped || !this.started) return;
    const now = this.now();
    const arrival = this.link.receive(w, now.monoMs);
    for (const x of arrival.wire) this.wire.push(x);
    for (const r of arrival.rejected) {
      this.record(r.reason.startsWith('forged') ? 'forged' : 'drop', this.stamper.next(), { peer: r.from, label: r.reason, data: { claimedFrom: r.from, rejectedMsg: r.msg } });
    }
    for (const d of arrival.deliver) this.apply(this.core.receive(d.from, d.env.b, this.now()), d);
    this.scheduleFlush();
  }

  /** Carries out one step's output (see CoreOutput's contract). */
  private apply(out: CoreOutput, received?: { from: string; env: AppEnvelope }): void {
    if (received) {
      this.record('receive', this.stamper.receive(received.env.s), { msg: received.env.id, peer: received.from, label: out.receiveLabel, data: out.receiveData });
    }
    if (out.persist !== undefined) writeDurable(this.init.durablePath, out.persist);
    if (out.events) for (const e of out.events) this.record(e.kind, this.stamper.next(), { label: e.label, peer: e.peer, data: e.data });
    if (out.sends) {
      for (const s of out.sends) {
        const stamp = this.stamper.next();
        this.msgCount += 1;
        const id = this.init.incarnation ? `${this.init.node}.${this.init.incarnation}#${this.msgCount}` : `${this.init.node}#${this.msgCount}`;
        this.record('send', stamp, { msg: id, peer: s.to, label: s.label, data: s.data });
        const wire = this.link.send(s.to, { id, s: { lamport: stamp.lamport, vclock: stamp.vclock }, b: s.body }, this.now().monoMs);
        for (const w of wire) this.wire.push(w);
      }
    }
    this.scheduleFlush();
  }

  /**
   * Records one event with the node's readings. `data.true_ms` is the host's wall clock
   * read together with them: the truth the node's wall clock is judged against
   * (`ref_ms`, stamped by main on receipt, includes channel and batching delay).
   */
  private record(kind: string, stamp: LogicalStamp, f: { msg?: string; peer?: string; label?: string; data?: Record<string, unknown> }): void {
    const host = hostReading();
    const r = this.read(host);
    this.events.push({
      node: this.init.node,
      seq: stamp.seq,
      kind,
      wall_ms: r.wallMs,
      mono_ns: r.monoNs.toString(),
      ref_ms: null,
      lamport: stamp.lamport,
      vclock: stamp.vclock,
      msg: f.msg ?? null,
      peer: f.peer ?? null,
      label: f.label ?? null,
      data: f.data ? { ...f.data, true_ms: host.wallMs } : { true_ms: host.wallMs },
    });
    if (this.events.length >= FLUSH_EVENTS) this.flush();
  }

  private stepClock(byMs: number): void {
    this.clock.stepBy(byMs, hostReading());
    this.steppedMs = this.clock.state(hostReading()).steppedMs;
    this.record('clock', this.stamper.next(), { label: `wall clock stepped ${byMs >= 0 ? '+' : ''}${byMs} ms (fault)`, data: { stepMs: byMs, source: 'fault' } });
    this.scheduleFlush();
  }

  /** Scheduled steps fire inside the clock model; record them as `clock` events when seen. */
  private noticeScheduledSteps(): void {
    const stepped = this.clock.state(hostReading()).steppedMs;
    if (stepped === this.steppedMs) return;
    const by = stepped - this.steppedMs;
    this.steppedMs = stepped;
    this.record('clock', this.stamper.next(), { label: `wall clock stepped ${by >= 0 ? '+' : ''}${by} ms`, data: { stepMs: by, source: 'scheduled' } });
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** Sends what is buffered as one batch. */
  flush(): void {
    if (!this.events.length && !this.wire.length) return;
    const e = this.events;
    const m = this.wire;
    this.events = [];
    this.wire = [];
    this.write({ t: 'b', e, m });
  }

  private write(msg: ChildMessage): void {
    this.lastWriteMs = performance.now();
    this.io.send(msg);
  }

  /** Graceful stop: flush, say goodbye, exit. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    void this.ntp?.stop();
    this.flush();
    this.write({ t: 'bye' });
    this.io.exit(0);
  }
}
