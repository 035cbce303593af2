/**
 * Checks over a lease-election run (issue 8): overlapping leadership intervals, by the
 * store's view and by each node's belief; writes the storage resource accepted from a
 * node that was not the lease holder at that moment by the store's view (the
 * corruption); writes rejected by fencing; and, per node, the time it believed it led
 * against the time the store says it did (the chapter's rule of thumb, ready to plot).
 *
 * Input is LabEvent-shaped records carrying the `data.lease` payloads of
 * `shared/lease/records.ts`. Events are placed on one time axis: the host reference
 * time `ref_ms` where recorded, else the node's `wall_ms`; ties keep event-id order.
 */
import { leaseDataOf, type LeaseData } from '../lease/records';

/**
 * The fields of a `LabEvent` (shared/events.ts) the lease checks read; a `LabEvent` is
 * one. (Declared structurally: the layering lint's `events` pattern also matches `../events`.)
 */
export interface LeaseCheckEvent {
  node: string;
  kind: string;
  ref_ms: number | null;
  wall_ms: number | null;
  data: Record<string, unknown> | null;
  id?: number;
}

/** A span during which `node` held (store view) or believed it held (belief) `key`. */
export interface LeaseInterval {
  node: string;
  key: string;
  token: number | null;
  startMs: number;
  endMs: number;
  /** Still open when the history ended (closed at the last event time). */
  open: boolean;
}

/** Two nodes leading the same key at once. */
export interface LeaseOverlap {
  view: 'store' | 'belief';
  key: string;
  nodes: [string, string];
  startMs: number;
  endMs: number;
}

/** A write that did not come from the store's holder at the moment it reached the resource. */
export interface StaleWrite {
  atMs: number;
  from: string;
  token: number;
  value: string;
  /** Who held a lease by the store's view at that moment. */
  holders: string[];
  outcome: 'accepted' | 'rejected';
  /** The `id` of the storage's write event (its index in the input when events have no id). */
  eventId: number;
  /**
   * Accepted on top of a newer token: a newer holder's data was overwritten by an older
   * one. Impossible with fencing on; a stale write that lands before the new holder's
   * first write is accepted even with fencing (and is ordered correctly).
   */
  overwrote: boolean;
}

/** Believed against actual leadership of one node. */
export interface LeaseNodeTime {
  node: string;
  /** Time the node believed it led. */
  believed_ms: number;
  /** Time the store says it held the lease. */
  actual_ms: number;
  /** Time it believed it led while the store said it did not: the hazard window. */
  believed_not_actual_ms: number;
  believed: LeaseInterval[];
  actual: LeaseInterval[];
}

/** The `lease` field of `coordlab analyze --json` (DESIGN.md names these three). */
export interface LeaseSummary {
  /** Overlapping pairs of leadership intervals: store view + belief. */
  overlaps: number;
  /**
   * Writes the resource accepted from a node that was not the holder by the store's
   * view at that moment. `stale_writes_overwriting` in the full report says how many of
   * them landed on top of a newer token (the data actually corrupted).
   */
  stale_writes_accepted: number;
  /** Writes the resource rejected by fencing. */
  stale_writes_rejected: number;
}

/** The full analysis; the summary fields plus the details the UI plots. */
export interface LeaseReport extends LeaseSummary {
  /** Stale writes accepted on top of a newer token (see `StaleWrite.overwrote`). */
  stale_writes_overwriting: number;
  overlaps_store: number;
  overlaps_belief: number;
  /** Total time during which two nodes believed they led (sum over overlapping pairs). */
  overlap_belief_ms: number;
  writes_accepted: number;
  writes_rejected: number;
  overlap_list: LeaseOverlap[];
  stale_writes: StaleWrite[];
  per_node: LeaseNodeTime[];
}

interface Timed {
  atMs: number;
  order: number;
  node: string;
  kind: string;
  /** Null for a `crash` event (it ends the node's belief). */
  data: LeaseData | null;
}

function timeline(events: readonly LeaseCheckEvent[]): Timed[] {
  const out: Timed[] = [];
  events.forEach((e, i) => {
    const atMs = e.ref_ms ?? e.wall_ms;
    if (atMs === null || atMs === undefined) return;
    const data = leaseDataOf(e.data);
    if (data) out.push({ atMs, order: e.id ?? i, node: e.node, kind: e.kind, data });
    else if (e.kind === 'crash') out.push({ atMs, order: e.id ?? i, node: e.node, kind: e.kind, data: null });
  });
  return out.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
}

function endOf(events: readonly LeaseCheckEvent[]): number {
  let end = -Infinity;
  for (const e of events) {
    const t = e.ref_ms ?? e.wall_ms;
    if (t !== null && t !== undefined && t > end) end = t;
  }
  return end;
}

function countOverlaps(view: 'store' | 'belief', intervals: readonly LeaseInterval[]): LeaseOverlap[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const found: LeaseOverlap[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].startMs < a.endMs; j++) {
      const b = sorted[j];
      if (a.key !== b.key || a.node === b.node) continue;
      const endMs = Math.min(a.endMs, b.endMs);
      if (endMs > b.startMs) found.push({ view, key: a.key, nodes: [a.node, b.node], startMs: b.startMs, endMs });
    }
  }
  return found;
}

function lengthMs(intervals: readonly LeaseInterval[]): number {
  return intervals.reduce((sum, iv) => sum + (iv.endMs - iv.startMs), 0);
}

function intersectionMs(a: readonly LeaseInterval[], b: readonly LeaseInterval[]): number {
  let total = 0;
  for (const x of a) for (const y of b) total += Math.max(0, Math.min(x.endMs, y.endMs) - Math.max(x.startMs, y.startMs));
  return total;
}

/** Analyse the lease records of one run. Events may come in any order. */
export function analyzeLease(events: readonly LeaseCheckEvent[]): LeaseReport {
  const endMs = endOf(events);
  const store: LeaseInterval[] = [];
  const belief: LeaseInterval[] = [];
  const openStore = new Map<string, LeaseInterval>(); // by key
  const openBelief = new Map<string, LeaseInterval>(); // by node
  const staleWrites: StaleWrite[] = [];
  let accepted = 0;
  let rejected = 0;

  const close = (iv: LeaseInterval | undefined, atMs: number): void => {
    if (iv) iv.endMs = atMs;
  };
  for (const ev of timeline(events)) {
    const d = ev.data;
    if (d === null) {
      close(openBelief.get(ev.node), ev.atMs);
      openBelief.delete(ev.node);
    } else if (d.lease === 'store') {
      close(openStore.get(d.key), ev.atMs);
      openStore.delete(d.key);
      if (d.change === 'acquired' && d.holder !== null) {
        const iv: LeaseInterval = { node: d.holder, key: d.key, token: d.token, startMs: ev.atMs, endMs: Infinity, open: true };
        store.push(iv);
        openStore.set(d.key, iv);
      }
    } else if (d.lease === 'state') {
      const cur = openBelief.get(ev.node);
      if (d.role === 'leader' && (!cur || cur.token !== d.token)) {
        close(cur, ev.atMs);
        const iv: LeaseInterval = { node: ev.node, key: d.key, token: d.token, startMs: ev.atMs, endMs: Infinity, open: true };
        belief.push(iv);
        openBelief.set(ev.node, iv);
      } else if (d.role !== 'leader' && cur) {
        close(cur, ev.atMs);
        openBelief.delete(ev.node);
      }
    } else if (d.lease === 'write') {
      if (d.outcome === 'accepted') accepted++;
      else rejected++;
      const holders = [...openStore.values()].map((iv) => iv.node);
      if (!holders.includes(d.from) || d.outcome === 'rejected') {
        const overwrote = d.outcome === 'accepted' && d.newestToken !== null && d.token < d.newestToken;
        staleWrites.push({ atMs: ev.atMs, from: d.from, token: d.token, value: d.value, holders, outcome: d.outcome, eventId: ev.order, overwrote });
      }
    }
  }
  for (const iv of [...store, ...belief]) {
    if (iv.endMs === Infinity) iv.endMs = Math.max(endMs, iv.startMs);
    else iv.open = false;
  }

  const overlapStore = countOverlaps('store', store);
  const overlapBelief = countOverlaps('belief', belief);
  const nodes = [...new Set([...store, ...belief].map((iv) => iv.node))].sort();
  const perNode = nodes.map((node): LeaseNodeTime => {
    const b = belief.filter((iv) => iv.node === node);
    const a = store.filter((iv) => iv.node === node);
    const believed = lengthMs(b);
    return { node, believed_ms: believed, actual_ms: lengthMs(a), believed_not_actual_ms: believed - intersectionMs(b, a), believed: b, actual: a };
  });
  return {
    overlaps: overlapStore.length + overlapBelief.length,
    stale_writes_accepted: staleWrites.filter((w) => w.outcome === 'accepted').length,
    stale_writes_rejected: rejected,
    stale_writes_overwriting: staleWrites.filter((w) => w.overwrote).length,
    overlaps_store: overlapStore.length,
    overlaps_belief: overlapBelief.length,
    overlap_belief_ms: overlapBelief.reduce((s, o) => s + (o.endMs - o.startMs), 0),
    writes_accepted: accepted,
    writes_rejected: rejected,
    overlap_list: [...overlapStore, ...overlapBelief],
    stale_writes: staleWrites,
    per_node: perNode,
  };
}

/** The three numbers `analyze --json` prints under `lease`. */
export function leaseSummary(report: LeaseSummary): LeaseSummary {
  return {
    overlaps: report.overlaps,
    stale_writes_accepted: report.stale_writes_accepted,
    stale_writes_rejected: report.stale_writes_rejected,
  };
}

/**
 * What `coordlab check` reports as violations: corrupted writes (a stale write accepted
 * on top of a newer holder's token), and two holders at once by the store's view (a
 * store that is not linearizable). Overlapping beliefs are expected (the chapter: be
 * prepared for more than one leader), and a stale write accepted before the new holder
 * wrote anything is ordered correctly; both are reported, neither is a violation.
 */
export function leaseViolations(report: LeaseReport): string[] {
  const out: string[] = [];
  for (const w of report.stale_writes) {
    if (!w.overwrote) continue;
    const holders = w.holders.length ? w.holders.join(', ') : 'nobody';
    out.push(`write from ${w.from} (token ${w.token}) accepted at ${w.atMs} ms on top of a newer token while the store's holder was ${holders}`);
  }
  for (const o of report.overlap_list) {
    if (o.view === 'store') out.push(`store granted ${o.key} to ${o.nodes[0]} and ${o.nodes[1]} at once (${o.startMs}–${o.endMs} ms)`);
  }
  return out;
}
