/**
 * A deterministic discrete-event simulator on virtual time (TigerBeetle VOPR style).
 * Nodes run pure cores (`SimProgram`); a seeded network delays, loses, duplicates
 * and partitions their messages; nodes crash, restart and pause; delay spikes and
 * wall-clock steps of the Experiment's fault list apply too. Everything that
 * happens becomes a LabEvent, so the checks read simulated and real runs alike.
 *
 * Ticks: node i ticks at `phase_i + k·tickMs` (phases drawn at random, as real
 * processes' timers are not aligned). Idle stretches are skipped: the simulator asks
 * the core when its next timer fires and wakes it exactly then.
 */
import type { LabEvent } from '../events.js';
import type { Fault } from '../experiment/types';
import { createRng, type Rng } from '../rng';
import { sampleDelay, SimConfigError, validateDelay, type DelayDist } from './delay';
import { LinkState } from './links';
import type { SimCore, SimProgram, SimRecord } from './program';
import { TimeQueue } from './queue';
import { Recorder, type Stamp } from './recorder';

/** Options of a simulation. */
export interface SimOptions<M> {
  nodes: readonly string[];
  program: SimProgram<M>;
  seed: number | string;
  /** Tick length of every node, in ms. */
  tickMs: number;
  /** One-way message delay. */
  delay: DelayDist;
  /** Probability a message is lost (0..1). Default 0. */
  lossRate?: number;
  /** Probability a message is delivered twice (0..1). Default 0. */
  duplicateRate?: number;
  /** Run id of the recorded events. Default `sim-<seed>`. */
  run?: string;
  /** Wall-clock reading at virtual time 0, ms since the epoch. Default 0. */
  epochMs?: number;
  /** Keep LabEvents (default true). Off for fast many-trial benchmarks. */
  record?: boolean;
  /** Called for every record a core emits (cheap; works with `record: false`). */
  observe?: (node: string, timeMs: number, record: SimRecord) => void;
  /**
   * See each message on the wire: return it (possibly changed) to send it on, or
   * null to drop it ('filtered'). For experiments such as keeping a server behind.
   */
  intercept?: (from: string, to: string, message: M) => M | null;
  /** Resolve a fault's node name such as `leader`; null if none. */
  resolveNode?: (name: string) => string | null;
}

type Item<M> =
  | { type: 'deliver'; from: string; to: string; message: M; msgId: string; stamp: Stamp | null; label: string | null; data: Record<string, unknown> | null }
  | { type: 'wake'; node: string; gen: number }
  | { type: 'action'; run: () => void };

type Delivery<M> = Extract<Item<M>, { type: 'deliver' }>;

interface Slot<M> {
  id: string;
  core: SimCore<M> | null;
  persisted: unknown | null;
  phaseMs: number;
  tickIndex: number;
  wakeGen: number;
  paused: boolean;
  inbox: Delivery<M>[];
}

/** One simulated run. */
export class Simulator<M> {
  private readonly queue = new TimeQueue<Item<M>>();
  private readonly slots = new Map<string, Slot<M>>();
  private readonly links: LinkState;
  private readonly rng: Rng;
  private readonly netRng: Rng;
  private readonly recorder: Recorder | null;
  private msgCounter = 0;
  private now = 0;
  private spikes: { from: string; to: string; extraMs: number }[] = [];

  constructor(private readonly o: SimOptions<M>) {
    if (o.nodes.length === 0) throw new SimConfigError('invalid simulation: a cluster needs at least 1 node, got 0');
    if (new Set(o.nodes).size !== o.nodes.length) throw new SimConfigError(`invalid simulation: duplicate node names in ${o.nodes.join(',')}`);
    if (!(o.tickMs > 0) || !Number.isFinite(o.tickMs)) throw new SimConfigError(`invalid simulation: tickMs must be a positive number, got ${o.tickMs}`);
    for (const [name, p] of [['lossRate', o.lossRate ?? 0], ['duplicateRate', o.duplicateRate ?? 0]] as const) {
      if (!(p >= 0 && p <= 1)) throw new SimConfigError(`invalid simulation: ${name} must be between 0 and 1, got ${p}`);
    }
    validateDelay(o.delay);
    this.links = new LinkState(o.nodes);
    this.rng = createRng(o.seed);
    this.netRng = this.rng.fork();
    this.recorder = o.record === false ? null : new Recorder(o.run ?? `sim-${o.seed}`, o.epochMs ?? 0);
    for (const id of o.nodes) {
      this.slots.set(id, { id, core: null, persisted: null, phaseMs: this.rng.range(0, o.tickMs), tickIndex: 0, wakeGen: 0, paused: false, inbox: [] });
    }
    for (const id of o.nodes) this.boot(this.slot(id));
  }

  /** Current virtual time, ms. */
  get nowMs(): number {
    return this.now;
  }

  /** The recorded events (empty when `record` is false). */
  get events(): readonly LabEvent[] {
    return this.recorder?.events ?? [];
  }

  /** Is the node running (not crashed)? */
  isUp(id: string): boolean {
    return this.slot(id).core !== null;
  }

  /** Is the node paused? */
  isPaused(id: string): boolean {
    return this.slot(id).paused;
  }

  /** What the node last persisted (survives crashes). */
  persisted(id: string): unknown | null {
    return this.slot(id).persisted;
  }

  /** Run `action` at virtual time `timeMs` (not before now). */
  at(timeMs: number, action: () => void): void {
    this.queue.push(Math.max(timeMs, this.now), { type: 'action', run: action });
  }

  /**
   * Act on a running node now (e.g. tell a Raft core to campaign): the node's ticks
   * are brought up to date, `action` runs, and its output is sent.
   */
  poke(id: string, action: () => void): void {
    const s = this.slot(id);
    if (!s.core || s.paused) return;
    this.advance(s);
    action();
    this.flush(s);
    this.scheduleWake(s);
  }

  /** Schedule a fault of the Experiment's fault list. */
  schedule(f: Fault): void {
    const node = (name: string): string | null => (name === 'leader' ? this.o.resolveNode?.(name) ?? null : name);
    switch (f.kind) {
      case 'crash':
        return this.at(f.atMs, () => { const n = node(f.node); if (n) this.crash(n); });
      case 'restart':
        return this.at(f.atMs, () => { const n = node(f.node); if (n) this.restart(n); });
      case 'pause':
        return this.at(f.atMs, () => { const n = node(f.node); if (n) this.pause(n, f.forMs); });
      case 'partition':
        return this.at(f.atMs, () => {
          const id = this.links.partition(f.groups, f.oneWay ?? false);
          if (f.untilMs !== null) this.at(f.untilMs, () => this.links.heal(id));
        });
      case 'delay-spike':
        return this.at(f.atMs, () => {
          const spike = { from: f.from, to: f.to, extraMs: f.extraMs };
          this.spikes.push(spike);
          this.at(f.untilMs, () => { this.spikes = this.spikes.filter((x) => x !== spike); });
        });
      case 'clock-step':
        // Cores count ticks of the (perfect) monotonic clock; only recorded wall readings jump.
        return this.at(f.atMs, () => {
          this.recorder?.stepWallClock(f.node, f.byMs);
          this.record(f.node, { kind: 'clock', label: `wall clock stepped by ${f.byMs} ms`, peer: null, data: { stepMs: f.byMs } });
        });
      default:
        throw new SimConfigError(`the simulator does not model fault kind '${f.kind}'`);
    }
  }

  /** Cut the network into groups (Experiment rules); returns an id for `heal`. */
  partition(groups: string[][], oneWay = false): number {
    return this.links.partition(groups, oneWay);
  }

  /** Cut a node off from all others; returns an id for `heal`. */
  isolate(id: string): number {
    return this.links.isolate(id);
  }

  /** Heal one partition, or all. */
  heal(id?: number): void {
    this.links.heal(id);
  }

  /** Crash a node now: memory and in-flight input are lost; persisted state stays. */
  crash(id: string): void {
    const s = this.slot(id);
    if (!s.core) return;
    s.core = null;
    s.paused = false;
    s.wakeGen++;
    for (const d of s.inbox) this.dropped(d, 'crashed');
    s.inbox = [];
    this.record(id, { kind: 'crash', label: 'crash', peer: null, data: null });
  }

  /** Restart a crashed node from what it persisted. */
  restart(id: string): void {
    const s = this.slot(id);
    if (s.core) return;
    this.record(id, { kind: 'recover', label: 'restart from persisted state', peer: null, data: null });
    this.boot(s);
  }

  /** Pause a node for `forMs` (a stopped process: no ticks; input waits; missed ticks are lost). */
  pause(id: string, forMs: number): void {
    const s = this.slot(id);
    if (!s.core || s.paused) return;
    s.paused = true;
    s.wakeGen++;
    this.record(id, { kind: 'pause', label: `pause ${forMs} ms`, peer: null, data: { forMs } });
    this.at(this.now + forMs, () => this.resume(id));
  }

  private resume(id: string): void {
    const s = this.slot(id);
    if (!s.core || !s.paused) return;
    s.paused = false;
    s.tickIndex = this.tickIndexAt(s, this.now);
    this.record(id, { kind: 'resume', label: 'resume', peer: null, data: null });
    const inbox = s.inbox;
    s.inbox = [];
    for (const d of inbox) this.deliver(s, d);
    this.scheduleWake(s);
  }

  /**
   * Process events up to virtual time `endMs` (inclusive), or until `stop()` returns
   * true after some event. Returns true if stopped early.
   */
  runUntil(endMs: number, stop?: () => boolean): boolean {
    while (this.queue.peekTime() <= endMs) {
      const next = this.queue.pop() as { timeMs: number; item: Item<M> };
      this.now = next.timeMs;
      this.handle(next.item);
      if (stop?.()) return true;
    }
    this.now = Math.max(this.now, endMs);
    return false;
  }

  // ---- internals ------------------------------------------------------------

  private slot(id: string): Slot<M> {
    const s = this.slots.get(id);
    if (!s) throw new SimConfigError(`unknown node ${id}`);
    return s;
  }

  private boot(s: Slot<M>): void {
    s.core = this.o.program.start(s.id, s.persisted, this.rng.fork());
    s.tickIndex = this.tickIndexAt(s, this.now);
    this.flush(s);
    this.scheduleWake(s);
  }

  private tickIndexAt(s: Slot<M>, t: number): number {
    return Math.floor((t - s.phaseMs) / this.o.tickMs + 1e-9);
  }

  private handle(item: Item<M>): void {
    switch (item.type) {
      case 'action':
        return item.run();
      case 'wake': {
        const s = this.slot(item.node);
        if (item.gen !== s.wakeGen || !s.core || s.paused) return;
        this.advance(s);
        this.flush(s);
        return this.scheduleWake(s);
      }
      case 'deliver': {
        const s = this.slot(item.to);
        if (!s.core) return this.dropped(item, 'crashed');
        if (this.links.isCut(item.from, item.to)) return this.dropped(item, 'partitioned');
        if (s.paused) {
          s.inbox.push(item);
          return;
        }
        this.deliver(s, item);
        return this.scheduleWake(s);
      }
    }
  }

  private deliver(s: Slot<M>, d: Delivery<M>): void {
    const core = s.core as SimCore<M>;
    this.advance(s);
    if (this.recorder) {
      const p = this.o.program;
      this.recorder.add(this.now, { node: s.id, kind: 'receive', msg: d.msgId, peer: d.from, label: d.label ?? p.describe(d.message), data: d.label === null ? p.data(d.message) : d.data }, d.stamp ?? undefined);
    }
    core.step(d.message);
    this.flush(s);
  }

  private advance(s: Slot<M>): void {
    const k = this.tickIndexAt(s, this.now);
    if (k > s.tickIndex) {
      (s.core as SimCore<M>).tick(k - s.tickIndex);
      s.tickIndex = k;
    }
  }

  private scheduleWake(s: Slot<M>): void {
    if (!s.core || s.paused) return;
    const r = s.core.ticksToNextTimer();
    if (!Number.isFinite(r)) return;
    s.wakeGen++;
    this.queue.push(s.phaseMs + (s.tickIndex + Math.max(1, r)) * this.o.tickMs, { type: 'wake', node: s.id, gen: s.wakeGen });
  }

  private flush(s: Slot<M>): void {
    const out = (s.core as SimCore<M>).drain();
    if (out.persist !== null) s.persisted = out.persist;
    for (const r of out.records) this.record(s.id, r);
    for (const m of out.messages) this.send(s.id, m);
  }

  private record(node: string, r: SimRecord): void {
    this.o.observe?.(node, this.now, r);
    this.recorder?.add(this.now, { node, kind: r.kind, peer: r.peer, label: r.label, data: r.data });
  }

  private send(from: string, m: M): void {
    const p = this.o.program;
    const to = p.to(m);
    const msgId = `m${++this.msgCounter}`;
    const label = this.recorder ? p.describe(m) : null;
    const data = this.recorder ? p.data(m) : null;
    const stamp = this.recorder ? this.recorder.add(this.now, { node: from, kind: 'send', msg: msgId, peer: to, label, data }) : null;
    // label/data are reused by the receive event unless the wire changes the message.
    const d: Delivery<M> = { type: 'deliver', from, to, message: m, msgId, stamp, label, data };
    if (!this.slots.has(to)) return this.dropped(d, 'unknown-node');
    if (this.o.intercept) {
      const changed = this.o.intercept(from, to, m);
      if (changed === null) return this.dropped(d, 'filtered');
      if (changed !== m) {
        d.message = changed;
        d.label = null;
      }
    }
    if (this.netRng.chance(this.o.lossRate ?? 0)) return this.dropped(d, 'lost');
    let extraMs = 0;
    for (const x of this.spikes) if ((x.from === '*' || x.from === from) && (x.to === '*' || x.to === to)) extraMs += x.extraMs;
    this.queue.push(this.now + extraMs + sampleDelay(this.o.delay, this.netRng), d);
    if (this.netRng.chance(this.o.duplicateRate ?? 0)) this.queue.push(this.now + extraMs + sampleDelay(this.o.delay, this.netRng), d);
  }

  private dropped(d: Delivery<M>, reason: string): void {
    this.recorder?.add(this.now, { node: d.from, kind: 'drop', msg: d.msgId, peer: d.to, label: `${reason}: ${this.o.program.describe(d.message)}`, data: { reason } });
  }
}
