/**
 * The failure-detection view model: per monitor, detector and watched node, the
 * suspicion spans (and phi as a line) against the ground truth of faults, and the
 * Chen–Toueg–Aguilera QoS figures (shared/checks/qos.ts) of each. Reads the record
 * contract of shared/detectors/record.ts.
 */
import { qosFromIntervals, type GroundTruth, type Interval } from '../checks/qos';
import { phiOf } from '../detectors/phiMath';
import { PHI_TRACE_LABEL } from '../detectors/record';
import { byTime, downsample, faultSpans, frameOf, num, r3, str, type FaultSpan, type IdTime, type TopicEvent, type ViewFrame } from './common';

/** A suspicion span, and whether it was a mistake (the target was up). */
export interface SuspicionSpan {
  startMs: number;
  endMs: number;
  open: boolean;
  mistake: boolean;
  /** Event that began it. */
  id: number;
}

/** QoS figures of one row (ms; null where there is nothing to measure). */
export interface QosRow {
  /** Per crash of the target: ms to permanent suspicion, null if never detected. */
  detectionMs: (number | null)[];
  meanDetectionMs: number | null;
  mistakes: number;
  mistakesPerMin: number;
  meanMistakeMs: number | null;
  mistakesDuringPause: number;
}

/** One monitor's detector watching one target. */
export interface DetectorRow {
  monitor: string;
  detector: string;
  target: string;
  suspicions: SuspicionSpan[];
  /** phi over time, `[ms, phi]` (phi detector only; downsampled). */
  phi: [number, number][];
  /** The threshold the phi line is judged against (phi detector only). */
  threshold: number | null;
  qos: QosRow;
}

/** Per detector, over all its rows (the `detectors` object of analyze --json). */
export interface DetectorTotal {
  name: string;
  detection_ms: number[];
  undetected: number;
  mistakes: number;
  mistake_ms: number[];
}

/** The failure-detection view of one run. */
export interface DetectorsView {
  topic: 'detectors';
  frame: ViewFrame;
  monitors: string[];
  targets: string[];
  detectors: string[];
  rows: DetectorRow[];
  faults: FaultSpan[];
  totals: DetectorTotal[];
  /** Heartbeat interval and timeout the run used, when recorded. */
  settings: { intervalMs: number | null; timeoutMs: number | null };
  timeline: IdTime[];
}

/** Options of {@link buildDetectorsView}. */
export interface DetectorsViewOptions {
  bounds?: { startMs?: number | null; endMs?: number | null };
  timeline?: IdTime[];
  /** phi threshold (default 8, the detector's default). */
  phiThreshold?: number;
  /** Most phi points per row (default 600). */
  maxPhiPoints?: number;
}

const key = (m: string, d: string, t: string): string => `${m}\u0000${d}\u0000${t}`;

/** Build the failure-detection view from suspect/trust, phi-trace and fault events. */
export function buildDetectorsView(events: readonly TopicEvent[], o: DetectorsViewOptions = {}): DetectorsView {
  const frame = frameOf(events, o.bounds);
  const rel = (t: number): number => r3(t - frame.t0Ms);
  const threshold = o.phiThreshold ?? 8;
  const maxPhi = o.maxPhiPoints ?? 600;
  const rows = new Map<string, { row: DetectorRow; openAt: number | null; openId: number; spans: Interval[]; ids: number[]; trace: { at: number; mean: number; std: number; phiBefore: number }[] }>();
  const settings = { intervalMs: null as number | null, timeoutMs: null as number | null };
  const rowOf = (monitor: string, detector: string, target: string) => {
    const k = key(monitor, detector, target);
    let r = rows.get(k);
    if (!r) {
      r = { row: { monitor, detector, target, suspicions: [], phi: [], threshold: detector === 'phi' ? threshold : null, qos: emptyQos() }, openAt: null, openId: 0, spans: [], ids: [], trace: [] };
      rows.set(k, r);
    }
    return r;
  };
  const watched = new Map<string, string[]>();

  for (const { e, t } of byTime(events)) {
    const d = e.data;
    if (e.kind === 'local' && Array.isArray(d?.detectors)) {
      settings.intervalMs ??= num(d.intervalMs);
      settings.timeoutMs ??= num(d.timeoutMs);
      watched.set(e.node, (d.detectors as unknown[]).map(String));
      continue;
    }
    const detector = str(d?.detector);
    const target = str(d?.target);
    if (!detector || !target) continue;
    if (e.kind === 'suspect' || e.kind === 'trust') {
      const r = rowOf(e.node, detector, target);
      if (e.kind === 'suspect' && r.openAt === null) {
        r.openAt = t;
        r.openId = e.id;
      } else if (e.kind === 'trust' && r.openAt !== null) {
        r.spans.push({ startMs: r.openAt, endMs: t });
        r.ids.push(r.openId);
        r.openAt = null;
      }
    } else if (e.kind === 'state' && e.label === PHI_TRACE_LABEL && detector === 'phi') {
      const mean = num(d?.mean_ms);
      const std = num(d?.std_ms);
      if (mean === null || std === null) continue;
      rowOf(e.node, 'phi', target).trace.push({ at: t, mean, std, phiBefore: num(d?.phi) ?? 0 });
    }
  }
  // Every monitor watches every peer with each detector it runs: rows without events are real rows too.
  const nodesSeen = new Set<string>([...watched.keys()]);
  for (const [monitor, list] of watched) {
    for (const target of nodesSeen) if (target !== monitor) for (const det of list) rowOf(monitor, det, target);
  }

  const faults = faultSpans(events, frame);
  const endAbs = frame.t0Ms + frame.endMs;
  const truthOf = (target: string): GroundTruth => {
    const abs = (x: number): number => x + frame.t0Ms;
    const mine = faults.filter((f) => f.node === target);
    return {
      startMs: frame.t0Ms,
      endMs: endAbs,
      down: mine.filter((f) => f.kind === 'crash').map((f) => ({ startMs: abs(f.startMs), endMs: abs(f.endMs) })),
      paused: mine.filter((f) => f.kind === 'pause').map((f) => ({ startMs: abs(f.startMs), endMs: abs(f.endMs) })),
    };
  };

  const out: DetectorRow[] = [];
  const totals = new Map<string, DetectorTotal>();
  for (const r of rows.values()) {
    if (r.openAt !== null) {
      r.spans.push({ startMs: r.openAt, endMs: Math.max(r.openAt, endAbs) });
      r.ids.push(r.openId);
    }
    const truth = truthOf(r.row.target);
    const q = qosFromIntervals(r.spans, truth);
    const inside = (x: number, spans: readonly Interval[]): boolean => spans.some((s) => x >= s.startMs && x < s.endMs);
    const detections = new Set<Interval>();
    for (const dn of truth.down) {
      const s = r.spans.find((x) => x.startMs < dn.endMs && x.endMs >= dn.endMs && x.endMs > dn.startMs);
      if (s) detections.add(s);
    }
    r.row.suspicions = r.spans.map((s, i) => ({
      startMs: rel(s.startMs),
      endMs: rel(s.endMs),
      open: i === r.spans.length - 1 && r.openAt !== null,
      mistake: !detections.has(s) && !inside(s.startMs, truth.down),
      id: r.ids[i],
    }));
    r.row.qos = { detectionMs: q.detectionMs.map((x) => (x === null ? null : r3(x))), meanDetectionMs: q.meanDetectionMs, mistakes: q.mistakes, mistakesPerMin: q.mistakesPerMin, meanMistakeMs: q.meanMistakeMs, mistakesDuringPause: q.mistakesDuringPause };
    if (r.trace.length) r.row.phi = downsample(phiLine(r.trace, endAbs).map(([x, y]) => [rel(x), r3(y)] as [number, number]), maxPhi);
    out.push(r.row);
    let tot = totals.get(r.row.detector);
    if (!tot) totals.set(r.row.detector, (tot = { name: r.row.detector, detection_ms: [], undetected: 0, mistakes: 0, mistake_ms: [] }));
    for (const x of q.detectionMs) if (x === null) tot.undetected++; else tot.detection_ms.push(r3(x));
    tot.mistakes += q.mistakes;
    tot.mistake_ms.push(...q.mistakeMs.map(r3));
  }
  const order = ['ping', 'heartbeat', 'phi'];
  const rank = (d: string): number => (order.includes(d) ? order.indexOf(d) : order.length);
  out.sort((a, b) => a.monitor.localeCompare(b.monitor, undefined, { numeric: true }) || a.target.localeCompare(b.target, undefined, { numeric: true }) || rank(a.detector) - rank(b.detector));
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  return {
    topic: 'detectors',
    frame,
    monitors: uniq(out.map((r) => r.monitor)),
    targets: uniq(out.map((r) => r.target)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    detectors: uniq(out.map((r) => r.detector)).sort((a, b) => rank(a) - rank(b)),
    rows: out,
    faults,
    totals: [...totals.values()].sort((a, b) => rank(a.name) - rank(b.name)),
    settings,
    timeline: o.timeline ?? [],
  };
}

function emptyQos(): QosRow {
  return { detectionMs: [], meanDetectionMs: null, mistakes: 0, mistakesPerMin: 0, meanMistakeMs: null, mistakesDuringPause: 0 };
}

/**
 * phi over time from the trace: after each heartbeat arrival phi restarts from
 * phi(0) and rises along the fitted distribution until the next arrival (or the end).
 */
function phiLine(trace: readonly { at: number; mean: number; std: number }[], endAbs: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < trace.length; i++) {
    const p = trace[i];
    const next = i + 1 < trace.length ? trace[i + 1].at : endAbs;
    const gap = Math.max(0, next - p.at);
    const steps = Math.min(24, Math.max(2, Math.ceil(gap / Math.max(1, p.mean / 4))));
    for (let k = 0; k <= steps; k++) {
      const dt = (k / steps) * gap;
      pts.push([p.at + dt, Math.min(99, phiOf(dt, p.mean, p.std))]);
    }
  }
  return pts;
}
