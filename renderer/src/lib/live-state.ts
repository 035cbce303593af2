/**
 * The live view's model of a running run, folded from the live event stream.
 * Pure and deterministic (no I/O, no clocks): `foldEvents` folds a batch into the
 * state in place (a 32-node run sends tens of thousands of events a second, so the
 * state is not copied per batch) and `liveSnapshot` turns it into the small plain
 * object a view draws, once per animation frame.
 */
import type { LabEvent } from '../../../shared/events';
import type { LinkModel } from '../../../shared/experiment/types';

/** The lab's own events (faults, drops, run start/stop) carry this node name. */
export const LAB_NODE = 'lab';
/** In-flight messages kept at most (oldest forgotten first). */
export const MAX_IN_FLIGHT = 20_000;
/** Received message ids remembered for duplicate detection. */
export const MAX_DELIVERED = 200_000;
/** Fault-log entries kept. */
export const MAX_FAULT_LOG = 200;

export type LiveNodeStatus = 'starting' | 'up' | 'paused' | 'crashed';

export interface LiveNodeState {
  node: string;
  status: LiveNodeStatus;
  /** From the last `state` event with `data.role` (raft, lease), else null. */
  role: string | null;
  term: number | null;
  /**
   * The node's wall-clock error, ms: wall minus the host's true wall time when the node
   * stamped the event (`data.true_ms`); for events without it, wall minus the lab's
   * reference time on receipt (the largest of the batch: least transit delay).
   */
  offsetMs: number | null;
  events: number;
  sent: number;
  received: number;
  incarnation: number;
  /** Label of the node's last event. */
  last: string | null;
}

export interface InFlightMessage {
  msg: string;
  from: string;
  to: string;
  label: string | null;
  /** Lab reference time of the send, ms. */
  sentRefMs: number | null;
}

export interface FaultLogEntry {
  id: number;
  /** Run time, ms since the run's first event. */
  atMs: number | null;
  kind: string;
  node: string | null;
  label: string;
}

export interface LiveCounters {
  events: number;
  sends: number;
  receives: number;
  drops: number;
  /** Receives of a message that was already received (duplication on a fair-loss link). */
  duplicates: number;
  faults: number;
}

export interface LiveState {
  link: LinkModel;
  order: string[];
  nodes: Map<string, LiveNodeState>;
  inFlight: Map<string, InFlightMessage>;
  /** Messages in flight per unordered pair `a|b` (kept as messages come and go, so a snapshot need not walk them all). */
  pairCounts: Map<string, number>;
  delivered: Set<string>;
  /** Messages dropped on a fair-loss link (the drop may be recorded before its send). */
  lost: Set<string>;
  counters: LiveCounters;
  kinds: Map<string, number>;
  faults: FaultLogEntry[];
  /** Live partitions by fault index (from the lab's `fault` events), until healed. */
  partitions: Map<number, { groups: string[][]; oneWay: boolean }>;
  startRefMs: number | null;
  lastRefMs: number | null;
  lastId: number;
}

/** A fresh state for a run of these nodes on this link model. */
export function initialLiveState(nodes: readonly string[], link: LinkModel = 'fair-loss'): LiveState {
  const s: LiveState = {
    link,
    order: [],
    nodes: new Map(),
    inFlight: new Map(),
    pairCounts: new Map(),
    delivered: new Set(),
    lost: new Set(),
    counters: { events: 0, sends: 0, receives: 0, drops: 0, duplicates: 0, faults: 0 },
    kinds: new Map(),
    faults: [],
    partitions: new Map(),
    startRefMs: null,
    lastRefMs: null,
    lastId: 0,
  };
  for (const n of nodes) nodeOf(s, n);
  return s;
}

function nodeOf(s: LiveState, node: string): LiveNodeState {
  let n = s.nodes.get(node);
  if (!n) {
    n = { node, status: 'starting', role: null, term: null, offsetMs: null, events: 0, sent: 0, received: 0, incarnation: 0, last: null };
    s.nodes.set(node, n);
    s.order.push(node);
  }
  return n;
}

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Folds one batch of live events (in id order) into `s`; returns `s`. Events already seen are skipped. */
export function foldEvents(s: LiveState, events: readonly LabEvent[]): LiveState {
  const batchOffset = new Map<string, number>();
  const truthSeen = new Set<string>();
  for (const e of events) {
    if (e.id <= s.lastId) continue;
    s.lastId = e.id;
    s.counters.events++;
    s.kinds.set(e.kind, (s.kinds.get(e.kind) ?? 0) + 1);
    if (e.ref_ms !== null) {
      if (s.startRefMs === null) s.startRefMs = e.ref_ms;
      s.lastRefMs = e.ref_ms;
    }
    if (e.node === LAB_NODE) labEvent(s, e);
    else nodeEvent(s, e, batchOffset, truthSeen);
  }
  for (const [node, off] of batchOffset) nodeOf(s, node).offsetMs = off;
  return s;
}

function nodeEvent(s: LiveState, e: LabEvent, batchOffset: Map<string, number>, truthSeen: Set<string>): void {
  const n = nodeOf(s, e.node);
  n.events++;
  if (e.label) n.last = e.label;
  if (n.status === 'starting') n.status = 'up';
  const truth = num(e.data?.true_ms);
  if (e.wall_ms !== null && truth !== null) batchOffset.set(e.node, e.wall_ms - truth);
  else if (e.wall_ms !== null && e.ref_ms !== null && !truthSeen.has(e.node)) {
    const off = e.wall_ms - e.ref_ms;
    const prev = batchOffset.get(e.node);
    if (prev === undefined || off > prev) batchOffset.set(e.node, off);
  }
  if (truth !== null) truthSeen.add(e.node);
  switch (e.kind) {
    case 'send':
      s.counters.sends++;
      n.sent++;
      // The receive (or the drop) may be recorded before the send: batches of different processes interleave.
      if (e.msg !== null && e.peer !== null && !s.delivered.has(e.msg) && !s.lost.has(e.msg)) {
        addInFlight(s, { msg: e.msg, from: e.node, to: e.peer, label: e.label, sentRefMs: e.ref_ms });
        if (s.inFlight.size > MAX_IN_FLIGHT) removeInFlight(s, s.inFlight.keys().next().value as string);
      }
      break;
    case 'receive':
      s.counters.receives++;
      n.received++;
      if (e.msg !== null) {
        if (s.delivered.has(e.msg)) s.counters.duplicates++;
        else remember(s.delivered, e.msg);
        removeInFlight(s, e.msg);
      }
      break;
    case 'state': {
      const role = str(e.data?.role);
      if (role !== null) n.role = role;
      const term = num(e.data?.term);
      if (term !== null) n.term = term;
      break;
    }
    case 'clock': {
      const step = num(e.data?.step_ms) ?? num(e.data?.stepMs);
      if (step !== null) logFault(s, e, e.node, `${e.node}: ${e.label ?? `wall clock stepped ${step} ms`}`);
      break;
    }
  }
}

function pairKey(s: LiveState, a: string, b: string): string {
  const ia = s.order.indexOf(a);
  const ib = s.order.indexOf(b);
  return ia <= ib ? `${a}|${b}` : `${b}|${a}`;
}

function addInFlight(s: LiveState, m: InFlightMessage): void {
  if (s.inFlight.has(m.msg)) return;
  s.inFlight.set(m.msg, m);
  const k = pairKey(s, m.from, m.to);
  s.pairCounts.set(k, (s.pairCounts.get(k) ?? 0) + 1);
}

function removeInFlight(s: LiveState, msg: string): void {
  const m = s.inFlight.get(msg);
  if (!m) return;
  s.inFlight.delete(msg);
  const k = pairKey(s, m.from, m.to);
  const c = (s.pairCounts.get(k) ?? 1) - 1;
  if (c > 0) s.pairCounts.set(k, c);
  else s.pairCounts.delete(k);
}

function remember(set: Set<string>, msg: string): void {
  set.add(msg);
  if (set.size > MAX_DELIVERED) set.delete(set.values().next().value as string);
}

function labEvent(s: LiveState, e: LabEvent): void {
  const d = e.data ?? {};
  const target = str(d.node);
  switch (e.kind) {
    case 'drop':
      s.counters.drops++;
      // On a fair-loss link a dropped message is gone; reliable links retransmit it.
      if (e.msg !== null && s.link === 'fair-loss') {
        removeInFlight(s, e.msg);
        remember(s.lost, e.msg);
      }
      return;
    case 'crash':
      if (target) {
        const n = nodeOf(s, target);
        n.status = 'crashed';
        n.role = null;
      }
      break;
    case 'pause':
      if (target) nodeOf(s, target).status = 'paused';
      break;
    case 'resume':
      if (target) nodeOf(s, target).status = 'up';
      break;
    case 'fault': {
      const fault = num(d.fault);
      if (d.action === 'restart' && target && d.error === undefined) {
        const n = nodeOf(s, target);
        n.status = 'starting';
        n.incarnation = num(d.incarnation) ?? n.incarnation + 1;
      } else if (d.action === 'partition' && fault !== null && Array.isArray(d.groups) && d.error === undefined) {
        s.partitions.set(fault, { groups: d.groups as string[][], oneWay: d.oneWay === true });
      } else if (d.action === 'heal' && fault !== null) {
        s.partitions.delete(fault);
      }
      break;
    }
    default:
      return; // run started / stopped notes
  }
  s.counters.faults++;
  logFault(s, e, target, e.label ?? e.kind);
}

function logFault(s: LiveState, e: LabEvent, node: string | null, label: string): void {
  s.faults.push({ id: e.id, atMs: e.ref_ms !== null && s.startRefMs !== null ? e.ref_ms - s.startRefMs : null, kind: e.kind, node, label });
  if (s.faults.length > MAX_FAULT_LOG) s.faults.splice(0, s.faults.length - MAX_FAULT_LOG);
}

/**
 * Fills in what the event stream has not told yet from the lab's process list
 * (LabApi.liveNodes): a node still `starting` here whose process the lab reports up,
 * paused or gone takes that state (on a busy run its first events can lag behind).
 * States the events already gave are kept: they are at least as fresh.
 */
export function applyProcessStates(s: LiveState, procs: ReadonlyArray<{ node: string; state: string }>): LiveState {
  for (const p of procs) {
    const n = s.nodes.get(p.node);
    if (!n || n.status !== 'starting') continue;
    if (p.state === 'up') n.status = 'up';
    else if (p.state === 'paused') n.status = 'paused';
    else if (p.state === 'down' || p.state === 'crashed') n.status = 'crashed';
  }
  return s;
}

/** What the live view draws: plain data, small whatever the run's size. */
export interface LiveSnapshot {
  nodes: LiveNodeState[];
  counters: LiveCounters;
  /** Event kinds by count, most frequent first. */
  kinds: Array<{ kind: string; count: number }>;
  inFlightCount: number;
  /** The oldest messages in flight (at most `maxInFlight`). */
  inFlight: InFlightMessage[];
  /** Messages in flight per unordered node pair `a|b` (a < b in node order). */
  pairs: Array<{ a: string; b: string; count: number }>;
  /** Newest first. */
  faults: FaultLogEntry[];
  /** Partitions in force; a one-way one cuts only groups[0] → groups[1]. */
  partitions: Array<{ fault: number; groups: string[][]; oneWay: boolean }>;
  /** Run time of the last event, ms. */
  elapsedMs: number;
  lastId: number;
}

/** The snapshot of `s` for drawing. */
export function liveSnapshot(s: LiveState, maxInFlight = 12): LiveSnapshot {
  const inFlight: InFlightMessage[] = [];
  for (const m of s.inFlight.values()) {
    if (inFlight.length >= maxInFlight) break;
    inFlight.push({ ...m });
  }
  return {
    nodes: s.order.map((n) => ({ ...s.nodes.get(n)! })),
    counters: { ...s.counters },
    kinds: [...s.kinds].map(([kind, count]) => ({ kind, count })).sort((x, y) => y.count - x.count || x.kind.localeCompare(y.kind)),
    inFlightCount: s.inFlight.size,
    inFlight,
    pairs: [...s.pairCounts].map(([k, count]) => {
      const [a, b] = k.split('|');
      return { a, b, count };
    }),
    faults: s.faults.slice(-20).reverse(),
    partitions: [...s.partitions].map(([fault, p]) => ({ fault, groups: p.groups, oneWay: p.oneWay })),
    elapsedMs: s.startRefMs !== null && s.lastRefMs !== null ? s.lastRefMs - s.startRefMs : 0,
    lastId: s.lastId,
  };
}
