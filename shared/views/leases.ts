/**
 * The leases view model: per node, the time it believed it led against the time the
 * store says it held the lease (intervals with their fencing tokens), the writes the
 * storage accepted and rejected, and the corruption: stale writes accepted (those on
 * top of a newer token marked as overwriting). Built on `analyzeLease`
 * (shared/checks/lease.ts) over the `data.lease` records of shared/lease/records.ts.
 */
import { analyzeLease, leaseViolations } from '../checks/lease';
import { leaseDataOf } from '../lease/records';
import { faultSpans, frameOf, r3, timeOf, type FaultSpan, type IdTime, type TopicEvent, type ViewFrame } from './common';

/** A leadership interval on the view's axis. */
export interface LeaseSpan {
  node: string;
  key: string;
  token: number | null;
  startMs: number;
  endMs: number;
  open: boolean;
}

/** A write that reached the storage resource. */
export interface LeaseWrite {
  atMs: number;
  id: number;
  from: string;
  token: number;
  outcome: 'accepted' | 'rejected';
  /** From a node that did not hold the lease by the store's view then. */
  stale: boolean;
  /** Accepted on top of a newer token: the data is corrupted. */
  overwrote: boolean;
}

/** One client node's leadership. */
export interface LeaseLane {
  node: string;
  believed: LeaseSpan[];
  actual: LeaseSpan[];
  believedMs: number;
  actualMs: number;
  /** Believed it led while the store said it did not. */
  hazardMs: number;
}

/** The leases view of one run. */
export interface LeasesView {
  topic: 'leases';
  frame: ViewFrame;
  /** Fencing as the storage reported it on its writes (null: no writes seen). */
  fencing: boolean | null;
  lanes: LeaseLane[];
  writes: LeaseWrite[];
  /** Writes left out to keep the model small (never stale ones). */
  omittedWrites: number;
  overlaps: { view: 'store' | 'belief'; key: string; nodes: [string, string]; startMs: number; endMs: number }[];
  summary: {
    overlaps: number;
    stale_writes_accepted: number;
    stale_writes_rejected: number;
    stale_writes_overwriting: number;
    writes_accepted: number;
    writes_rejected: number;
  };
  violations: string[];
  faults: FaultSpan[];
  timeline: IdTime[];
}

/** Options of {@link buildLeasesView}. */
export interface LeasesViewOptions {
  nodes?: readonly string[];
  bounds?: { startMs?: number | null; endMs?: number | null };
  timeline?: IdTime[];
  /** Most writes to keep (default 3000; stale ones always kept). */
  maxWrites?: number;
}

/** Build the leases view from a run's lease records, crashes and faults. */
export function buildLeasesView(events: readonly TopicEvent[], o: LeasesViewOptions = {}): LeasesView {
  const frame = frameOf(events, o.bounds);
  const rel = (t: number): number => r3(t - frame.t0Ms);
  const report = analyzeLease(events);
  const span = (iv: { node: string; key: string; token: number | null; startMs: number; endMs: number; open: boolean }): LeaseSpan => ({ ...iv, startMs: rel(iv.startMs), endMs: rel(iv.endMs) });

  const stale = new Map<string, { overwrote: boolean }>();
  for (const w of report.stale_writes) stale.set(`${w.atMs}\u0000${w.from}\u0000${w.token}`, { overwrote: w.overwrote });
  let fencing: boolean | null = null;
  const all: LeaseWrite[] = [];
  for (const e of events) {
    const d = leaseDataOf(e.data);
    const t = timeOf(e);
    if (!d || d.lease !== 'write' || t === null) continue;
    fencing = d.fencing;
    const s = stale.get(`${t}\u0000${d.from}\u0000${d.token}`);
    all.push({ atMs: rel(t), id: e.id, from: d.from, token: d.token, outcome: d.outcome, stale: !!s, overwrote: s?.overwrote ?? false });
  }
  all.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  const max = o.maxWrites ?? 3000;
  let writes = all;
  if (all.length > max) {
    const step = Math.ceil(all.length / max);
    writes = all.filter((w, i) => w.stale || w.outcome === 'rejected' || i % step === 0);
  }

  const order = [...(o.nodes ?? [])];
  const lanesBy = new Map(report.per_node.map((p) => [p.node, p]));
  const laneNodes = [...order.filter((n) => lanesBy.has(n)), ...[...lanesBy.keys()].filter((n) => !order.includes(n))];
  return {
    topic: 'leases',
    frame,
    fencing,
    lanes: laneNodes.map((node) => {
      const p = lanesBy.get(node)!;
      return { node, believed: p.believed.map(span), actual: p.actual.map(span), believedMs: r3(p.believed_ms), actualMs: r3(p.actual_ms), hazardMs: r3(p.believed_not_actual_ms) };
    }),
    writes,
    omittedWrites: all.length - writes.length,
    overlaps: report.overlap_list.map((x) => ({ ...x, startMs: rel(x.startMs), endMs: rel(x.endMs) })),
    summary: {
      overlaps: report.overlaps,
      stale_writes_accepted: report.stale_writes_accepted,
      stale_writes_rejected: report.stale_writes_rejected,
      stale_writes_overwriting: report.stale_writes_overwriting,
      writes_accepted: report.writes_accepted,
      writes_rejected: report.writes_rejected,
    },
    violations: leaseViolations(report),
    faults: faultSpans(events, frame),
    timeline: o.timeline ?? [],
  };
}
