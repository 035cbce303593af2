/**
 * The `detectors` section of `coordlab analyze` (issue 6): quality of service of every
 * detector in a recorded run (Chen, Toueg, Aguilera 2002), measured against the fault
 * schedule as it was carried out (the lab's crash/pause/resume events and the nodes'
 * own recover events), and for phi accrual the whole detection-time / mistake-rate
 * curve as the threshold varies, rebuilt from the one recorded trace.
 *
 * Time base: host time. Lab events carry it in `ref_ms`; node events in `data.true_ms`
 * (the host clock read in the node with the event's own readings). For records
 * without it, a node's events are placed by its wall clock shifted by the median of
 * `wall_ms − ref_ms` over its events (removes a fixed clock offset, keeps the typical
 * IPC delay but not its jitter).
 */
import {
  detectorQos, groundTruthFromEvents, phiQosCurve, phiTrace, suspicionIntervals,
  type GroundTruth, type QosEvent, type QosMetrics,
} from '../checks/qos';

/** The fields read here (a LabEvent is one). */
export interface ReportEvent extends QosEvent {
  seq?: number;
  peer?: string | null;
}

/** One detector's figures over every (watcher, target) pair of the run. */
export interface DetectorSummary {
  name: string;
  /** Per crash and watcher: ms from the crash to permanent suspicion; null = never detected. */
  detection_ms: (number | null)[];
  mean_detection_ms: number | null;
  /** False suspicions (the target was up; a paused or slow target is up). */
  mistakes: number;
  /** Mistakes per minute of target up time, summed over pairs. */
  mistakes_per_min: number;
  /** Duration of each mistake, ms. */
  mistake_ms: number[];
  mean_mistake_ms: number | null;
  /** Watched pairs, `watcher>target`. */
  pairs: number;
  /** Pairs suspected when the run ended, `watcher>target`. */
  suspected_at_end: string[];
  /** phi only: the curve over thresholds. */
  phi_curve?: PhiCurveRow[];
}

/** One threshold of the phi curve, aggregated over pairs. */
export interface PhiCurveRow {
  threshold: number;
  mean_detection_ms: number | null;
  /** Crashes (× watchers) never detected at this threshold. */
  undetected: number;
  mistakes: number;
  mistakes_per_min: number;
  mean_mistake_ms: number | null;
}

/** Thresholds the phi curve is drawn at. */
export const PHI_CURVE_THRESHOLDS: readonly number[] = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16];

const LAB = 'lab';
const TRUTH_KINDS = new Set(['crash', 'pause', 'resume']);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 0;
};

/** Host time of each event (see the module comment). */
export function hostTimeOf(events: readonly ReportEvent[]): (e: QosEvent) => number {
  const diffs = new Map<string, number[]>();
  for (const e of events) {
    if (e.node === LAB || e.wall_ms === null || e.ref_ms === null) continue;
    let l = diffs.get(e.node);
    if (!l) diffs.set(e.node, (l = []));
    l.push(e.wall_ms - e.ref_ms);
  }
  const shift = new Map([...diffs].map(([n, l]) => [n, median(l)]));
  return (e) => {
    const t = e.data?.true_ms;
    if (typeof t === 'number' && Number.isFinite(t)) return t;
    return e.node === LAB || e.wall_ms === null ? (e.ref_ms ?? e.wall_ms ?? NaN) : e.wall_ms - (shift.get(e.node) ?? 0);
  };
}

/** The lab's crash/pause/resume events re-attributed to the node they hit (so `groundTruthFromEvents` sees them). */
function truthEvents(events: readonly ReportEvent[]): ReportEvent[] {
  return events.map((e) => (e.node === LAB && TRUTH_KINDS.has(e.kind) && typeof e.data?.node === 'string' ? { ...e, node: e.data.node } : e));
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * QoS of every detector in the run; null when the run has no detectors. A watcher is a
 * node whose start event names its `detectors` (the fd scenario's); it watches every
 * other node of the run.
 */
export function detectorReport(events: readonly ReportEvent[], opts: { thresholds?: readonly number[]; tickMs?: number } = {}): DetectorSummary[] | null {
  const timeOf = hostTimeOf(events);
  const watchers = new Map<string, string[]>();
  for (const e of events) {
    const d = e.data?.detectors;
    if (e.kind === 'local' && e.node !== LAB && Array.isArray(d) && !watchers.has(e.node)) watchers.set(e.node, d.filter((x): x is string => typeof x === 'string'));
  }
  if (!watchers.size) return null;
  const nodes = [...new Set(events.map((e) => e.node))].filter((n) => n !== LAB);
  // A loop, not Math.min(...times): a long run has more events than a call has arguments.
  const span = { startMs: Infinity, endMs: -Infinity };
  for (const e of events) {
    const t = timeOf(e);
    if (!Number.isFinite(t)) continue;
    if (t < span.startMs) span.startMs = t;
    if (t > span.endMs) span.endMs = t;
  }
  const truthSource = truthEvents(events);
  const truthOf = new Map(nodes.map((n) => [n, groundTruthFromEvents(truthSource, n, span, timeOf)]));
  const byNode = new Map<string, ReportEvent[]>();
  for (const e of events) {
    let l = byNode.get(e.node);
    if (!l) byNode.set(e.node, (l = []));
    l.push(e);
  }
  const names = [...new Set([...watchers.values()].flat())];
  return names.map((name) => {
    const metrics: QosMetrics[] = [];
    const atEnd: string[] = [];
    const curves: { truth: GroundTruth; curve: ReturnType<typeof phiQosCurve> }[] = [];
    for (const [w, dets] of watchers) {
      if (!dets.includes(name)) continue;
      const mine = byNode.get(w) ?? [];
      const wTruth = truthOf.get(w)!;
      // A watcher that crashed stops judging at its crash.
      const endMs = wTruth.down.length ? Math.min(span.endMs, wTruth.down[0].startMs) : span.endMs;
      for (const target of nodes) {
        if (target === w) continue;
        const t0 = truthOf.get(target)!;
        const truth: GroundTruth = { ...t0, endMs, down: t0.down.filter((d) => d.startMs < endMs).map((d) => ({ ...d, endMs: Math.min(d.endMs, endMs) })) };
        metrics.push(detectorQos(mine, { detector: name, target, truth, timeOf }));
        const spans = suspicionIntervals(mine, name, target, endMs, timeOf);
        const last = spans.at(-1);
        if (last && last.endMs >= endMs) atEnd.push(`${w}>${target}`);
        if (name === 'phi') curves.push({ truth, curve: phiQosCurve(phiTrace(mine, target, timeOf), truth, opts.thresholds ?? PHI_CURVE_THRESHOLDS, opts.tickMs ?? 0) });
      }
    }
    const detection = metrics.flatMap((m) => m.detectionMs);
    const mistakeMs = metrics.flatMap((m) => m.mistakeMs);
    const upMs = metrics.reduce((a, m) => a + m.upMs, 0);
    const mistakes = metrics.reduce((a, m) => a + m.mistakes, 0);
    const out: DetectorSummary = {
      name,
      detection_ms: detection,
      mean_detection_ms: mean(detection.filter((x): x is number => x !== null)),
      mistakes,
      mistakes_per_min: upMs > 0 ? mistakes / (upMs / 60_000) : 0,
      mistake_ms: mistakeMs,
      mean_mistake_ms: mean(mistakeMs),
      pairs: metrics.length,
      suspected_at_end: atEnd,
    };
    if (name === 'phi' && curves.length) out.phi_curve = phiCurveRows(curves.map((c) => c.curve));
    return out;
  });
}

/** Aggregate per-pair curves threshold by threshold. */
function phiCurveRows(curves: ReturnType<typeof phiQosCurve>[]): PhiCurveRow[] {
  return curves[0].map((p0, i) => {
    const at = curves.map((c) => c[i]);
    const det = at.flatMap((m) => m.detectionMs);
    const upMs = at.reduce((a, m) => a + m.upMs, 0);
    const mistakes = at.reduce((a, m) => a + m.mistakes, 0);
    return {
      threshold: p0.threshold,
      mean_detection_ms: mean(det.filter((x): x is number => x !== null)),
      undetected: det.filter((x) => x === null).length,
      mistakes,
      mistakes_per_min: upMs > 0 ? mistakes / (upMs / 60_000) : 0,
      mean_mistake_ms: mean(at.flatMap((m) => m.mistakeMs)),
    };
  });
}
