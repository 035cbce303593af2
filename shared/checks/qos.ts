/**
 * Quality of service of failure detectors (Chen, Toueg, Aguilera 2002), measured against
 * the ground truth of a run's fault schedule:
 * - detection time T_D: from a crash to the start of the suspicion that lasts until the
 *   process recovers (or the run ends);
 * - mistake rate λ_M: suspicions that start while the process is up, per minute of up time
 *   (a paused process is up: suspecting it is a mistake, the chapter's "slow, not dead");
 * - mistake duration T_M: how long each such false suspicion lasted.
 * For phi accrual the whole curve of T_D against λ_M as the threshold varies is rebuilt
 * from one recorded trace: every heartbeat arrival records the fitted mean and σ that
 * govern phi until the next arrival (`detectors/record.ts`), so the moment phi crosses
 * any threshold is known exactly.
 *
 * Input is LabEvent-shaped; time is `ref_ms` where recorded, else `wall_ms`.
 */
import { elapsedForPhi } from '../detectors/phiMath';
import { PHI_TRACE_LABEL } from '../detectors/record';

/** The fields of a `LabEvent` read here (structural, so a `LabEvent` is one). */
export interface QosEvent {
  node: string;
  kind: string;
  ref_ms: number | null;
  wall_ms: number | null;
  label?: string | null;
  data: Record<string, unknown> | null;
}

/** A half-open span of time [startMs, endMs). */
export interface Interval {
  startMs: number;
  endMs: number;
}

/** What really happened to the watched process. */
export interface GroundTruth {
  startMs: number;
  endMs: number;
  /** Crashed spans: crash → recover (or run end). */
  down: Interval[];
  /** Paused spans (process up but silent). */
  paused: Interval[];
}

/** QoS figures of one detector towards one target. */
export interface QosMetrics {
  /** Per crash, ms from crash to permanent suspicion; null if never detected. */
  detectionMs: (number | null)[];
  /** Mean over detected crashes; null if none detected. */
  meanDetectionMs: number | null;
  mistakes: number;
  /** Mistakes per minute of up time. */
  mistakesPerMin: number;
  /** Duration of each mistake, ms. */
  mistakeMs: number[];
  meanMistakeMs: number | null;
  /** Mistakes that began while the process was paused. */
  mistakesDuringPause: number;
  upMs: number;
}

const defaultTimeOf = (e: QosEvent): number => (e.ref_ms ?? e.wall_ms ?? NaN);

/** Ground truth from crash/recover/pause/resume events of `target`. */
export function groundTruthFromEvents(events: readonly QosEvent[], target: string, span: { startMs: number; endMs: number }, timeOf = defaultTimeOf): GroundTruth {
  const down: Interval[] = [];
  const paused: Interval[] = [];
  let crashAt: number | null = null;
  let pauseAt: number | null = null;
  for (const e of [...events].filter((x) => x.node === target).sort((a, b) => timeOf(a) - timeOf(b))) {
    const t = timeOf(e);
    if (e.kind === 'crash' && crashAt === null) crashAt = t;
    else if (e.kind === 'recover' && crashAt !== null) { down.push({ startMs: crashAt, endMs: t }); crashAt = null; }
    else if (e.kind === 'pause' && pauseAt === null) pauseAt = t;
    else if (e.kind === 'resume' && pauseAt !== null) { paused.push({ startMs: pauseAt, endMs: t }); pauseAt = null; }
  }
  if (crashAt !== null) down.push({ startMs: crashAt, endMs: span.endMs });
  if (pauseAt !== null) paused.push({ startMs: pauseAt, endMs: span.endMs });
  return { ...span, down, paused };
}

/** The suspicion spans of `detector` about `target`, from its suspect/trust events. */
export function suspicionIntervals(events: readonly QosEvent[], detector: string, target: string, endMs: number, timeOf = defaultTimeOf): Interval[] {
  const mine = events
    .filter((e) => (e.kind === 'suspect' || e.kind === 'trust') && e.data?.detector === detector && e.data?.target === target)
    .sort((a, b) => timeOf(a) - timeOf(b));
  const out: Interval[] = [];
  let openAt: number | null = null;
  for (const e of mine) {
    if (e.kind === 'suspect' && openAt === null) openAt = timeOf(e);
    else if (e.kind === 'trust' && openAt !== null) { out.push({ startMs: openAt, endMs: timeOf(e) }); openAt = null; }
  }
  if (openAt !== null) out.push({ startMs: openAt, endMs: Math.max(openAt, endMs) });
  return out;
}

const inside = (t: number, spans: readonly Interval[]): boolean => spans.some((s) => t >= s.startMs && t < s.endMs);

/** Chen–Toueg–Aguilera metrics from suspicion spans and the truth. */
export function qosFromIntervals(suspicions: readonly Interval[], truth: GroundTruth): QosMetrics {
  const detections = new Set<Interval>();
  const detectionMs = truth.down.map((d) => {
    // The permanent suspicion: the one still open when the process comes back (or the run ends).
    const s = suspicions.find((x) => x.startMs < d.endMs && x.endMs >= d.endMs && x.endMs > d.startMs);
    if (!s) return null;
    detections.add(s);
    return Math.max(0, s.startMs - d.startMs);
  });
  const mistakesList = suspicions.filter((s) => !detections.has(s) && !inside(s.startMs, truth.down) && s.startMs >= truth.startMs);
  const downMs = truth.down.reduce((a, d) => a + (Math.min(d.endMs, truth.endMs) - Math.max(d.startMs, truth.startMs)), 0);
  const upMs = Math.max(0, truth.endMs - truth.startMs - downMs);
  const detected = detectionMs.filter((x): x is number => x !== null);
  const mistakeMs = mistakesList.map((s) => s.endMs - s.startMs);
  return {
    detectionMs,
    meanDetectionMs: detected.length ? detected.reduce((a, b) => a + b, 0) / detected.length : null,
    mistakes: mistakesList.length,
    mistakesPerMin: upMs > 0 ? mistakesList.length / (upMs / 60_000) : 0,
    mistakeMs,
    meanMistakeMs: mistakeMs.length ? mistakeMs.reduce((a, b) => a + b, 0) / mistakeMs.length : null,
    mistakesDuringPause: mistakesList.filter((s) => inside(s.startMs, truth.paused)).length,
    upMs,
  };
}

/** QoS of one detector from a recorded run. */
export function detectorQos(events: readonly QosEvent[], opts: { detector: string; target: string; truth: GroundTruth; timeOf?: (e: QosEvent) => number }): QosMetrics {
  return qosFromIntervals(suspicionIntervals(events, opts.detector, opts.target, opts.truth.endMs, opts.timeOf), opts.truth);
}

/** One heartbeat arrival of the phi trace. */
export interface PhiTracePoint {
  atMs: number;
  meanMs: number;
  stdDevMs: number;
}

/** The phi trace of `target` from `state` events labelled `phi`. */
export function phiTrace(events: readonly QosEvent[], target: string, timeOf = defaultTimeOf): PhiTracePoint[] {
  return events
    .filter((e) => e.kind === 'state' && e.label === PHI_TRACE_LABEL && e.data?.detector === 'phi' && e.data?.target === target && typeof e.data?.mean_ms === 'number')
    .map((e) => ({ atMs: timeOf(e), meanMs: Number(e.data?.mean_ms), stdDevMs: Number(e.data?.std_ms) }))
    .sort((a, b) => a.atMs - b.atMs);
}

/**
 * The suspicion spans a phi detector with `threshold` would have produced on this
 * trace. With `tickMs`, a crossing is noticed at the next multiple of the tick (as a
 * ticking detector would); without, at the exact crossing.
 */
export function phiSuspicionsAt(trace: readonly PhiTracePoint[], threshold: number, endMs: number, tickMs = 0): Interval[] {
  const out: Interval[] = [];
  for (let i = 0; i < trace.length; i++) {
    const p = trace[i];
    const nextMs = i + 1 < trace.length ? trace[i + 1].atMs : Infinity;
    let crossMs = p.atMs + elapsedForPhi(threshold, p.meanMs, p.stdDevMs);
    if (tickMs > 0) crossMs = Math.ceil(crossMs / tickMs - 1e-9) * tickMs;
    if (crossMs < nextMs && crossMs <= endMs) out.push({ startMs: crossMs, endMs: Math.min(nextMs, endMs) });
  }
  return out;
}

/** One point of the phi QoS curve. */
export interface PhiCurvePoint extends QosMetrics {
  threshold: number;
}

/** T_D against λ_M for each threshold, from one recorded phi trace. */
export function phiQosCurve(trace: readonly PhiTracePoint[], truth: GroundTruth, thresholds: readonly number[], tickMs = 0): PhiCurvePoint[] {
  return thresholds.map((threshold) => ({ threshold, ...qosFromIntervals(phiSuspicionsAt(trace, threshold, truth.endMs, tickMs), truth) }));
}

/**
 * The phi threshold whose mean detection time matches `targetMeanMs` (bisection; mean
 * detection time grows with the threshold). Null if no threshold in [lo, hi] reaches it.
 */
export function phiThresholdForDetection(trace: readonly PhiTracePoint[], truth: GroundTruth, targetMeanMs: number, opts: { lo?: number; hi?: number; tickMs?: number } = {}): number | null {
  const meanAt = (t: number): number => {
    const m = qosFromIntervals(phiSuspicionsAt(trace, t, truth.endMs, opts.tickMs ?? 0), truth);
    return m.detectionMs.some((d) => d === null) || m.meanDetectionMs === null ? Infinity : m.meanDetectionMs;
  };
  let lo = opts.lo ?? 0.01;
  let hi = opts.hi ?? 10_000;
  if (meanAt(lo) > targetMeanMs || meanAt(hi) < targetMeanMs) return null;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) < targetMeanMs) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
