/**
 * The lab: runs one Experiment on real node processes. It starts one process per
 * node, puts every message through the lab network, fires the fault schedule,
 * records every event, watches for nodes that die, hang or talk garbage, and stops
 * cleanly (SIGTERM, then SIGKILL after a grace period) with no process left behind.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveHub } from '../api/live-hub';
import type { RunStatus } from '../../shared/events';
import { perfectClock, type Experiment, type Fault, type FaultAction } from '../../shared/experiment';
import { createNetwork, type DropReason } from '../../shared/network';
import { createRng } from '../../shared/rng';
import { LabError, type Store } from '../store';
import { forgedWireMessage } from '../node/link-layer';
import type { ChildMessage, NodeInit, WireIn, WireOut } from '../node/wire';
import { nodeEntryBundle } from './bundle';
import { makeDurableDir } from './durable-dir';
import { describeAction, FaultScheduler } from './faults';
import { NetworkDriver } from './lab-network';
import { runMeta } from './meta';
import { NodeProcess } from './node-process';
import { newSlot, type NodeSlot } from './node-slot';
import { Reaper } from './reaper';
import { closeNtpSources, ntpSourcesFor, startNtpSources, type NtpSources } from './ntp-sources';
import { runtimeProblems } from './problems';
import { Recorder } from './recorder';

/** Undelivered bytes a receiver may have waiting on its channel before further messages to it are dropped. */
const MAX_BACKLOG_BYTES = 8 * 2 ** 20;

/** How to run an experiment. */
export interface LabOptions {
  store: Store;
  experiment: Experiment;
  /** Live batches go here as they commit. */
  hub?: LiveHub | null;
  /** SIGTERM → SIGKILL grace when stopping, ms (default 1500). */
  graceMs?: number;
  /** A node that sends nothing for this long (not paused) is recorded as crashed, ms (default 5000). */
  hangMs?: number;
  /** Nodes not ready this long after start are recorded as crashed, ms (default 10 s + 100 ms per node). */
  readyTimeoutMs?: number;
  /** Unacknowledged events a node may have before it holds (default 20 000). */
  windowEvents?: number;
  /** Writer's high-water mark (default 50 000 events). */
  highWaterMark?: number;
  /** Environment of the node processes (default: the lab's). */
  env?: NodeJS.ProcessEnv;
  /** Extra facts for the run's meta. */
  meta?: Record<string, unknown>;
  /** Benchmark baseline only: relay every message at once, bypassing the lab network's logic. */
  rawRelay?: boolean;
}

/** What a finished run reports. */
export interface LabResult {
  run: string;
  status: RunStatus;
  /** Events committed. */
  events: number;
  nodes: number;
  /** From the first spawn until every node was ready, ms. */
  readyMs: number;
  /** Run time when it ended, ms. */
  durationMs: number;
  /** Nodes that crashed on their own (not by a scheduled fault), with the reason. */
  crashed: Array<{ node: string; reason: string }>;
  network: { routed: number; delivered: number; dropped: number };
  /** Back-pressure: most events waiting in the writer at once, and how many times the nodes were held. */
  writer: { maxPending: number; holds: number };
}

/** A running experiment. Create with `Lab.start`. */
export class Lab {
  readonly run: string;
  readonly experiment: Experiment;
  /** Resolves when the run has ended and is recorded. */
  readonly done: Promise<LabResult>;
  private resolveDone!: (r: LabResult) => void;
  private readonly store: Store;
  private readonly recorder: Recorder;
  private readonly reaper = new Reaper();
  private readonly slots = new Map<string, NodeSlot>();
  private readonly bundle: string;
  private readonly linkKeyHex = randomBytes(32).toString('hex');
  private readonly durableDir: string;
  private readonly opts: LabOptions;
  private network: NetworkDriver | null = null;
  private ntp: NtpSources = { sources: [], server: null, pollMs: 0 };
  private faults: FaultScheduler | null = null;
  private startWallMs = 0;
  private startMonoNs = 0n;
  private readyMs = 0;
  private holding = false;
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private forged = 0;
  private lastHangCheckMs = performance.now();
  private readonly partitions = new Map<number, number>();
  /** Which node a pause fault stopped (its resume must continue that one, even if it was `leader`). */
  private readonly pausedBy = new Map<number, string>();
  /** The node the last `leader` crash hit (a `leader` restart brings that one back). */
  private lastCrashedLeader: string | null = null;
  /**
   * Faults on `leader` that fired while no node led (between terms, or while a lease was
   * free): they wait for the next leader instead of being skipped, so "pause the leader
   * at 3 s" still pauses a leader when a loaded machine delayed the election.
   */
  private awaitingLeader: Array<{ a: FaultAction; live: boolean; sinceMs: number }> = [];
  /** While a waiting fault fires: the run time it started waiting; else null. */
  private firingAwaited: number | null = null;
  /** A pause that started late (it waited for a leader) ends `forMs` after it started: run time of that end, by fault. */
  private readonly resumeAtMs = new Map<number, number>();
  private readonly spikes = new Map<number, number>();
  private readonly crashed: Array<{ node: string; reason: string }> = [];

  private constructor(opts: LabOptions, bundle: string, bundleHash: string) {
    this.opts = opts;
    this.store = opts.store;
    this.experiment = opts.experiment;
    this.bundle = bundle;
    const exp = opts.experiment;
    this.run = this.store.createRun({
      scenario: exp.scenario,
      label: exp.label,
      nodes: exp.nodes,
      experiment: exp as unknown as Record<string, unknown>,
      meta: runMeta({ startedAt: new Date().toISOString(), nodeBundle: bundleHash, ...opts.meta }),
    }).run;
    this.durableDir = makeDurableDir(this.run);
    this.recorder = new Recorder(this.store, this.run, {
      onHold: (h) => this.hold(h),
      onCommitted: (n, s) => this.slots.get(n)?.proc?.send({ t: 'ack', seq: s }),
      onLeader: () => { if (this.awaitingLeader.length) setImmediate(() => this.leaderAppeared()); },
    }, opts.hub ?? null, {
      highWaterMark: opts.highWaterMark,
    });
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  /** Checks, records and starts an experiment; resolves once every node is running. */
  static async start(opts: LabOptions): Promise<Lab> {
    const exp = opts.experiment;
    const problems = runtimeProblems(exp);
    if (problems.length) throw new LabError(problems.join('; '));
    const bundle = nodeEntryBundle();
    const lab = new Lab(opts, bundle.path, bundle.hash);
    try {
      await lab.boot();
    } catch (e) {
      lab.recorder.recordLab({ kind: 'local', label: `run failed to start: ${(e as Error).message}`, data: { error: String(e) } });
      await lab.stop('failed');
      throw e instanceof LabError ? e : new LabError(`run ${lab.run} failed to start: ${(e as Error).message}`, 3);
    }
    return lab;
  }

  /** Run time: ms since the run started (host monotonic). */
  runTimeMs(): number {
    return this.startMonoNs ? Number(process.hrtime.bigint() - this.startMonoNs) / 1e6 : 0;
  }

  private async boot(): Promise<void> {
    const exp = this.experiment;
    this.ntp = await startNtpSources(exp.options, exp.nodes, this.bundle);
    const t0 = performance.now();
    for (const name of exp.nodes) this.slots.set(name, newSlot(name));
    const ready = [...this.slots.values()].map((s) => this.spawn(s));
    const timeoutMs = this.opts.readyTimeoutMs ?? 10_000 + 100 * exp.nodes.length;
    const timeout = new Promise<void>((r) => this.timers.push(setTimeout(r, timeoutMs)));
    await Promise.race([Promise.all(ready), timeout]);
    this.readyMs = performance.now() - t0;
    for (const s of this.slots.values()) if (s.state === 'starting') this.nodeFailed(s, `not ready within ${timeoutMs} ms`);

    this.startWallMs = Date.now();
    this.startMonoNs = process.hrtime.bigint();
    const net = createNetwork(exp.model, exp.nodes, createRng(`${exp.seed}/network`));
    this.network = new NetworkDriver(net, () => this.runTimeMs(), {
      deliver: (to, msgs) => this.deliver(to, msgs),
      dropped: (from, to, msg, reason) => this.dropped(from, to, msg, reason),
    });
    for (const s of this.slots.values()) if (s.state !== 'up') net.crash(s.name);
    this.recorder.recordLab({ kind: 'local', label: `run started: ${exp.nodes.length} nodes ready in ${Math.round(this.readyMs)} ms`, data: { readyMs: this.readyMs, startWallMs: this.startWallMs, ntpSources: this.ntp.sources } });
    for (const s of this.slots.values()) if (s.state === 'up') this.go(s);
    this.faults = new FaultScheduler({ fire: (a, live) => this.fireSafely(a, live) }, () => this.runTimeMs());
    this.faults.schedule(exp.faults);
    const hangMs = this.opts.hangMs ?? 5000;
    this.timers.push(setInterval(() => this.checkHung(hangMs), Math.min(500, hangMs / 4)));
    this.timers.push(setTimeout(() => void this.stop('done'), exp.durationMs));
  }

  private spawn(slot: NodeSlot): Promise<void> {
    const exp = this.experiment;
    return new Promise<void>((resolveReady) => {
      const proc: NodeProcess = new NodeProcess(slot.name, slot.incarnation, this.bundle, {
        onMessage: (m) => {
          if (slot.proc !== proc) return;
          if (m.t === 'ready') {
            slot.state = 'up';
            slot.readyAtMs = performance.now();
            return resolveReady();
          }
          this.fromNode(slot, m);
        },
        onGarbage: (reason) => {
          if (slot.proc === proc) this.nodeFailed(slot, reason);
        },
        onClosed: (code, signal) => {
          this.reaper.forget(proc.pid);
          if (slot.proc !== proc) return;
          const expected = slot.expectExit;
          slot.proc = null;
          if (!expected && !this.stopping) {
            const tail = proc.stderr().split('\n').slice(-3).join(' | ');
            this.nodeFailed(slot, `${signal ? `killed by ${signal}` : `exited with code ${code}`}${tail ? `: ${tail}` : ''}`);
          }
          resolveReady();
        },
      }, this.opts.env ?? process.env);
      slot.proc = proc;
      slot.expectExit = false;
      slot.state = 'starting';
      this.reaper.watch(proc.pid);
      const init: NodeInit = {
        run: this.run,
        node: slot.name,
        nodes: exp.nodes,
        scenario: exp.scenario,
        seed: exp.seed,
        options: exp.options,
        model: { link: exp.model.link },
        clock: exp.clocks[slot.name] ?? perfectClock(),
        durablePath: join(this.durableDir, `${slot.name}.json`),
        incarnation: slot.incarnation,
        resume: this.recorder.stampOf(slot.name),
        linkKeyHex: this.linkKeyHex,
        windowEvents: this.opts.windowEvents ?? 20_000,
        heartbeatMs: 200,
        ntpSources: ntpSourcesFor(this.ntp, slot.name),
        ntpPollMs: this.ntp.pollMs,
      };
      proc.send({ t: 'init', ...init });
    });
  }

  private go(slot: NodeSlot): void {
    slot.proc?.send({ t: 'go', startWallMs: this.startWallMs, startMonoNs: this.startMonoNs.toString() });
    if (this.holding) slot.proc?.send({ t: 'hold' });
  }

  private fromNode(slot: NodeSlot, m: ChildMessage): void {
    if (m.t === 'b') {
      this.recorder.recordNode(slot.name, m.e);
      if (!m.m.length) return;
      if (this.opts.rawRelay) this.relay(slot.name, m.m);
      else this.network?.send(slot.name, m.m);
    } else if (m.t === 'bye') {
      slot.expectExit = true;
    }
  }

  /** The benchmark baseline: straight to the receivers, no network decisions, no delay. */
  private relay(from: string, outs: WireOut[]): void {
    const byTarget = new Map<string, WireIn[]>();
    for (const o of outs) {
      let list = byTarget.get(o.to);
      if (!list) byTarget.set(o.to, (list = []));
      list.push({ from, msg: o.msg, p: o.p });
    }
    for (const [to, list] of byTarget) {
      if (this.network) this.network.stats.delivered += list.length;
      this.deliver(to, list);
    }
  }

  private deliver(to: string, msgs: WireIn[]): void {
    const slot = this.slots.get(to);
    if (slot?.proc && slot.proc.backlogBytes > MAX_BACKLOG_BYTES) {
      // A stopped (or stuck) receiver: its socket buffer is full, so messages are lost, not queued without bound.
      for (const w of msgs) this.dropped(w.from, to, w.msg, 'overflow');
      return;
    }
    if (slot && (slot.state === 'up' || slot.state === 'paused') && slot.proc?.send({ t: 'd', m: msgs })) return;
    for (const w of msgs) this.dropped(w.from, to, w.msg, 'crashed');
  }

  private dropped(from: string, to: string, msg: string | null, reason: DropReason | 'overflow'): void {
    this.recorder.recordLab({ kind: 'drop', msg, peer: to, label: `${msg ?? 'ack'} ${from}→${to} ${reason}`, data: { from, to, reason } });
  }

  private hold(h: boolean): void {
    this.holding = h;
    for (const s of this.slots.values()) if (s.state === 'up' || s.state === 'paused') s.proc?.send({ t: h ? 'hold' : 'resume' });
  }

  private checkHung(hangMs: number): void {
    const now = performance.now();
    const late = now - this.lastHangCheckMs > hangMs / 2;
    this.lastHangCheckMs = now;
    if (late) {
      // Main itself was stalled (e.g. a long write): the silence was ours, not the nodes'.
      for (const s of this.slots.values()) if (s.proc) s.proc.lastHeardMs = now;
      return;
    }
    for (const s of this.slots.values()) {
      if (s.state === 'up' && s.proc && now - s.proc.lastHeardMs > hangMs) this.nodeFailed(s, `hung: nothing on its channel for ${Math.round(now - s.proc.lastHeardMs)} ms (no heartbeat)`);
    }
  }

  /** A node died, hung or talked garbage: record it as crashed, kill it, go on. */
  private nodeFailed(slot: NodeSlot, reason: string): void {
    if (slot.state === 'crashed' || slot.state === 'down') return;
    slot.state = 'crashed';
    slot.reason = reason;
    this.crashed.push({ node: slot.name, reason });
    this.recorder.recordLab({ kind: 'crash', label: `${slot.name} crashed: ${reason}`, data: { node: slot.name, reason, expected: false, incarnation: slot.incarnation, lastSeq: this.recorder.stampOf(slot.name)?.seq ?? 0 } });
    this.network?.net.crash(slot.name);
    if (slot.proc) {
      slot.expectExit = true;
      slot.proc.signal('SIGKILL');
    }
  }

  /** A fault that cannot be carried out is recorded as such; it never takes the lab down. */
  private fireSafely(a: FaultAction, live: boolean): void {
    try {
      this.fire(a, live);
    } catch (e) {
      this.recorder.recordLab({ kind: 'fault', label: `${describeAction(a)}: failed: ${(e as Error).message}`, data: { fault: a.fault, action: a.kind, live, error: String(e) } });
    }
  }

  /** Carries out one fault action (scheduled or live); each is an event in the record. */
  private fire(a: FaultAction, live: boolean): void {
    if (this.stopping) return;
    const base = { fault: a.fault, action: a.kind, live, atMs: this.runTimeMs() };
    const note = (kind: string, label: string, data: Record<string, unknown> = {}) => this.recorder.recordLab({ kind, label, data: { ...base, ...data } });
    const resolveNode = (n: string): NodeSlot | null => {
      const name = n === 'leader' ? this.recorder.leader : n;
      return name ? (this.slots.get(name) ?? null) : null;
    };
    const net = this.network!.net;
    if ((a.kind === 'crash' || a.kind === 'pause' || a.kind === 'clock-step') && a.node === 'leader' && !this.leaderUp()) {
      this.awaitingLeader.push({ a, live, sinceMs: this.runTimeMs() });
      return note('fault', `${describeAction(a)}: waiting for a leader (none now)`, { waiting: true });
    }
    const since = this.firingAwaited;
    const waited = (extra: Record<string, unknown>): Record<string, unknown> => (since === null ? extra : { ...extra, waitedMs: Math.round(base.atMs - since) });
    switch (a.kind) {
      case 'crash': {
        const s = resolveNode(a.node);
        if (!s || !s.proc || s.state === 'down' || s.state === 'crashed') return note('fault', `${describeAction(a)}: skipped (${s ? `${s.name} is not running` : 'no such node now'})`);
        s.state = 'down';
        s.expectExit = true;
        if (a.node === 'leader') this.lastCrashedLeader = s.name;
        note('crash', `crash ${s.name} (SIGKILL, ${this.experiment.failures})`, waited({ node: s.name, signal: 'SIGKILL', expected: true, lastSeq: this.recorder.stampOf(s.name)?.seq ?? 0 }));
        s.proc.signal('SIGKILL');
        net.crash(s.name);
        return;
      }
      case 'restart': {
        if (a.node === 'leader') this.dropAwaiting((w) => w.a.kind === 'crash', 'no leader appeared before the restart');
        const s = a.node === 'leader' ? (this.lastCrashedLeader ? this.slots.get(this.lastCrashedLeader)! : null) : resolveNode(a.node);
        if (!s || s.proc || (s.state !== 'down' && s.state !== 'crashed')) return note('fault', `${describeAction(a)}: skipped (${s ? `${s.name} is ${s.state}` : 'no such node now'})`);
        if (this.experiment.failures === 'crash-stop') return note('fault', `${describeAction(a)}: skipped (crash-stop: crashed nodes never come back)`);
        s.incarnation += 1;
        note('fault', `restart ${s.name} (incarnation ${s.incarnation}, durable state only)`, { node: s.name, incarnation: s.incarnation });
        void this.spawn(s).then(() => {
          if (s.state !== 'up' || this.stopping) return;
          net.recover(s.name);
          this.go(s);
        });
        return;
      }
      case 'pause': {
        const s = resolveNode(a.node);
        if (!s || s.state !== 'up') return note('fault', `${describeAction(a)}: skipped (${s ? `${s.name} is ${s.state}` : 'no such node now'})`);
        s.proc!.signal('SIGSTOP');
        s.state = 'paused';
        this.pausedBy.set(a.fault, s.name);
        const info = waited({ node: s.name, forMs: a.forMs });
        if (info.waitedMs !== undefined) this.resumeAtMs.set(a.fault, base.atMs + a.forMs);
        return note('pause', `pause ${s.name} (SIGSTOP) for ${a.forMs} ms${info.waitedMs !== undefined ? ` (waited ${String(info.waitedMs)} ms for a leader)` : ''}`, info);
      }
      case 'resume': {
        if (this.dropAwaiting((w) => w.a.kind === 'pause' && w.a.fault === a.fault, 'no leader appeared within its window')) return;
        // A pause that started late lasts its full length.
        const endMs = this.resumeAtMs.get(a.fault);
        if (endMs !== undefined && endMs - base.atMs > 1) {
          this.timers.push(setTimeout(() => this.fireSafely(a, live), endMs - base.atMs));
          return;
        }
        this.resumeAtMs.delete(a.fault);
        const paused = this.pausedBy.get(a.fault);
        this.pausedBy.delete(a.fault);
        const s = paused ? this.slots.get(paused)! : resolveNode(a.node);
        if (!s || s.state !== 'paused') return note('fault', `${describeAction(a)}: skipped (${s ? `${s.name} is ${s.state}` : 'no such node now'})`);
        s.proc!.signal('SIGCONT');
        s.state = 'up';
        s.proc!.lastHeardMs = performance.now();
        return note('resume', `resume ${s.name} (SIGCONT)`, { node: s.name });
      }
      case 'partition': {
        const groups = this.resolveGroups(a.groups);
        this.partitions.set(a.fault, net.partition(groups, a.oneWay));
        return note('fault', `partition ${groups.map((g) => g.join(',')).join(a.oneWay ? ' > ' : ' | ')}`, { groups, oneWay: a.oneWay, untilMs: a.untilMs });
      }
      case 'heal': {
        const id = this.partitions.get(a.fault);
        if (id !== undefined) net.heal(id);
        this.partitions.delete(a.fault);
        return note('fault', 'heal partition', {});
      }
      case 'clock-step': {
        const s = resolveNode(a.node);
        if (!s || !s.proc || s.state === 'down' || s.state === 'crashed') return note('fault', `${describeAction(a)}: skipped`);
        s.proc.send({ t: 'step', byMs: a.byMs });
        return note('fault', `step ${s.name}'s wall clock ${a.byMs >= 0 ? '+' : ''}${a.byMs} ms`, waited({ node: s.name, byMs: a.byMs }));
      }
      case 'spike-start':
        this.spikes.set(a.fault, net.spike(a.from, a.to, a.extraMs));
        return note('fault', describeAction(a), { from: a.from, to: a.to, extraMs: a.extraMs });
      case 'spike-end': {
        const id = this.spikes.get(a.fault);
        if (id !== undefined) net.clearSpike(id);
        return note('fault', 'delay spike ends');
      }
      case 'forge': {
        const s = resolveNode(a.to);
        const w = forgedWireMessage(this.experiment.model.link, a.claimFrom, a.to, ++this.forged, randomBytes(32), this.slots.get(a.claimFrom)?.incarnation ?? 0);
        note('fault', describeAction(a), { to: a.to, claimFrom: a.claimFrom, msg: w.msg, link: this.experiment.model.link });
        if (s && (s.state === 'up' || s.state === 'paused')) s.proc?.send({ t: 'd', m: [w] });
        return;
      }
    }
  }

  /** Is there a leader now, running (a leader that crashed or is paused does not count)? */
  private leaderUp(): boolean {
    const name = this.recorder.leader;
    return name !== null && this.slots.get(name)?.state === 'up';
  }

  /** A leader appeared: fire what waited for one, in the order it was scheduled. */
  private leaderAppeared(): void {
    if (this.stopping || !this.leaderUp()) return;
    const ready = this.awaitingLeader;
    this.awaitingLeader = [];
    for (const w of ready) {
      this.firingAwaited = w.sinceMs;
      try {
        this.fireSafely(w.a, w.live);
      } finally {
        this.firingAwaited = null;
      }
    }
  }

  /** Drops the waiting faults `match` picks, each recorded as skipped for `why`; true if any. */
  private dropAwaiting(match: (w: { a: FaultAction }) => boolean, why: string): boolean {
    const dropped = this.awaitingLeader.filter(match);
    if (!dropped.length) return false;
    this.awaitingLeader = this.awaitingLeader.filter((w) => !match(w));
    for (const w of dropped) {
      this.recorder.recordLab({ kind: 'fault', label: `${describeAction(w.a)}: skipped (${why})`, data: { fault: w.a.fault, action: w.a.kind, live: w.live, atMs: this.runTimeMs(), skipped: why } });
    }
    return true;
  }

  /** Partition groups with `leader` and `*` (every node not named elsewhere) resolved. */
  private resolveGroups(groups: string[][]): string[][] {
    const named = groups.map((g) => g.map((n) => (n === 'leader' ? (this.recorder.leader ?? n) : n)));
    const listed = new Set(named.flat().filter((n) => n !== '*'));
    const rest = this.experiment.nodes.filter((n) => !listed.has(n));
    return named.map((g) => g.flatMap((n) => (n === '*' ? rest : [n])));
  }

  /** Injects a fault now (times count from now). Throws LabError for unknown nodes. */
  inject(fault: Fault): FaultAction[] {
    if (this.stopping || !this.faults) throw new LabError(`run ${this.run} is not running`);
    const known = (n: string) => n === 'leader' || n === '*' || this.slots.has(n);
    const names: string[] =
      fault.kind === 'partition' ? fault.groups.flat() : fault.kind === 'delay-spike' ? [fault.from, fault.to] : fault.kind === 'forge' ? [fault.to, fault.claimFrom] : [fault.node];
    const bad = names.filter((n) => !known(n));
    if (bad.length) throw new LabError(`fault names unknown node${bad.length > 1 ? 's' : ''} ${bad.join(', ')} (nodes: ${this.experiment.nodes.join(', ')})`);
    return this.faults.inject(fault);
  }

  /**
   * Ends live faults now (the UI's resume and heal): SIGCONT for a paused node, or a
   * heal of every partition in force. Each is recorded like a scheduled end; the
   * scheduled end, when it comes, finds nothing to do and is recorded as skipped.
   */
  endFault(end: { kind: 'resume'; node: string } | { kind: 'heal' }): FaultAction[] {
    if (this.stopping || !this.faults) throw new LabError(`run ${this.run} is not running`);
    const atMs = this.runTimeMs();
    let actions: FaultAction[];
    if (end.kind === 'resume') {
      if (end.node !== 'leader' && !this.slots.has(end.node)) throw new LabError(`no node ${end.node} (nodes: ${this.experiment.nodes.join(', ')})`);
      actions = [{ kind: 'resume', atMs, fault: -1, node: end.node }];
    } else {
      actions = [...this.partitions.keys()].map((fault) => ({ kind: 'heal' as const, atMs, fault }));
    }
    for (const a of actions) this.fireSafely(a, true);
    return actions;
  }

  /** Node states, for the UI and tests. */
  nodes(): Array<{ node: string; state: NodeSlot['state']; pid: number | null; incarnation: number }> {
    return [...this.slots.values()].map((s) => ({ node: s.name, state: s.state, pid: s.proc?.pid ?? null, incarnation: s.incarnation }));
  }

  /** Stops the run: nodes flush and exit (SIGTERM, then SIGKILL after the grace period), everything is recorded. */
  async stop(status: RunStatus = 'stopped'): Promise<LabResult> {
    if (this.stopping) return this.done;
    this.stopping = true;
    const durationMs = this.runTimeMs();
    for (const t of this.timers) clearTimeout(t);
    this.dropAwaiting(() => true, 'no leader appeared before the run ended');
    this.faults?.close();
    const inFlight = this.network?.close() ?? 0;
    const grace = this.opts.graceMs ?? 1500;
    const live = [...this.slots.values()].filter((s) => s.proc);
    for (const s of live) {
      s.expectExit = true;
      if (s.state === 'paused') s.proc!.signal('SIGCONT');
      s.proc!.send({ t: 'stop' });
    }
    await this.waitClosed(live, grace);
    for (const s of live) s.proc?.signal('SIGTERM');
    await this.waitClosed(live, grace / 2);
    for (const s of live) s.proc?.signal('SIGKILL');
    await this.waitClosed(live, 2000);
    this.recorder.recordLab({ kind: 'local', label: `run ${status}`, data: { status, inFlight, durationMs } });
    this.recorder.close();
    this.reaper.close();
    await closeNtpSources(this.ntp);
    rmSync(this.durableDir, { recursive: true, force: true });
    const stats = this.network?.stats ?? { routed: 0, delivered: 0, dropped: 0 };
    const result: LabResult = { run: this.run, status, events: this.recorder.committedCount, nodes: this.slots.size, readyMs: this.readyMs, durationMs, crashed: this.crashed, network: { ...stats }, writer: { ...this.recorder.pressure } };
    this.store.finishRun(this.run, status, { endedAt: new Date().toISOString(), result: { ...result, run: undefined } });
    this.resolveDone(result);
    return result;
  }

  private async waitClosed(slots: NodeSlot[], ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (slots.some((s) => s.proc && !s.proc.closed) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
}
