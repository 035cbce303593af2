/**
 * The clocks view model: per node, its wall clock's error against the truth over time
 * (node wall − true time), NTP exchanges (the estimate next to the truth), steps and
 * slews, and the drift: injected (the experiment), estimated (the NTP discipline's fit)
 * and measured (a least-squares fit of the error, steps taken out).
 *
 * The truth of an event is `data.true_ms` where the recorder knew it, else the host
 * reference `ref_ms` main stamps when the node's batch arrives (so it includes IPC
 * and batching delay: a few ms late, which reads as the wall clock being behind). NTP
 * records carry `true_offset_ms` (reference − wall when the exchange was made), the
 * exact truth at that moment. Simulated runs have no clock model: their `ref_ms` is
 * virtual time and their wall is perfect except for steps.
 */
import { byTime, downsample, faultSpans, frameOf, num, r3, str, type FaultSpan, type IdTime, type TopicEvent, type ViewFrame } from './common';

/** One NTP exchange of a node. */
export interface NtpMark {
  atMs: number;
  id: number;
  /** What the node believed its error was: −offset (wall − server), ms. */
  estimatedErrorMs: number;
  /** The error it really had then (−true_offset_ms), ms; null if unknown. */
  trueErrorMs: number | null;
  delayMs: number | null;
  source: string;
}

/** A step or slew of a node's wall clock. */
export interface ClockMark {
  atMs: number;
  id: number;
  action: 'step' | 'slew';
  /** Step size (ms) or the offset a slew corrects (ms). */
  byMs: number;
  /** fault, scheduled, or ntp. */
  source: string;
  slewPpm: number | null;
}

/** The clock of one node. */
export interface NodeClockView {
  node: string;
  /** `[ms on the axis, wall − truth ms]`, downsampled. */
  error: [number, number][];
  ntp: NtpMark[];
  marks: ClockMark[];
  injected: { offsetMs: number; driftPpm: number; steps: { atMs: number; byMs: number }[] } | null;
  /** The NTP discipline's last drift estimate, ppm (positive: runs fast). */
  estimatedDriftPpm: number | null;
  /** Slope of the error over time with steps taken out, ppm; null with too few samples. */
  measuredDriftPpm: number | null;
  /** |error| figures over all samples, ms. */
  maxAbsErrorMs: number | null;
  finalErrorMs: number | null;
}

/** The clocks view of one run. */
export interface ClocksView {
  topic: 'clocks';
  frame: ViewFrame;
  /** Where the truth came from: `true_ms` on events, `ref_ms`, or nothing usable. */
  truth: 'true_ms' | 'ref_ms' | 'none';
  nodes: NodeClockView[];
  faults: FaultSpan[];
  timeline: IdTime[];
}

/** Options of {@link buildClocksView}. */
export interface ClocksViewOptions {
  nodes?: readonly string[];
  bounds?: { startMs?: number | null; endMs?: number | null };
  timeline?: IdTime[];
  /** The experiment's `clocks` (per node offsetMs, driftPpm, steps). */
  injected?: Record<string, unknown> | null;
  /** Most error points per node (default 1200). */
  maxPoints?: number;
}

/**
 * Build the clocks view. `events` are the run's ntp/clock/fault events plus a sample
 * of its other events (for the error series); any subset works.
 */
export function buildClocksView(events: readonly TopicEvent[], o: ClocksViewOptions = {}): ClocksView {
  const frame = frameOf(events, o.bounds);
  const rel = (t: number): number => r3(t - frame.t0Ms);
  const names = [...(o.nodes ?? [])].filter((n) => n !== 'lab');
  const per = new Map<string, { samples: [number, number][]; ntp: NtpMark[]; marks: ClockMark[]; drift: number | null; stepSum: number; corrected: [number, number][] }>();
  const of = (node: string) => {
    let p = per.get(node);
    if (!p) {
      per.set(node, (p = { samples: [], ntp: [], marks: [], drift: null, stepSum: 0, corrected: [] }));
      if (!names.includes(node)) names.push(node);
    }
    return p;
  };
  for (const n of names) of(n);
  let truthKind: ClocksView['truth'] = 'none';

  for (const { e, t } of byTime(events)) {
    if (e.node === 'lab') continue;
    const d = e.data;
    const p = of(e.node);
    const at = rel(t);
    const trueMs = num(d?.true_ms);
    const truth = trueMs ?? e.ref_ms;
    if (e.wall_ms !== null && truth !== null && Number.isFinite(truth)) {
      if (trueMs !== null) truthKind = 'true_ms';
      else if (truthKind === 'none') truthKind = 'ref_ms';
      const err = e.wall_ms - truth;
      p.samples.push([at, r3(err)]);
      p.corrected.push([at, err - p.stepSum]);
    }
    if (e.kind === 'ntp' && num(d?.offset_ms) !== null) {
      const trueOff = num(d?.true_offset_ms);
      p.ntp.push({ atMs: at, id: e.id, estimatedErrorMs: r3(-(d!.offset_ms as number)), trueErrorMs: trueOff === null ? null : r3(-trueOff), delayMs: num(d?.delay_ms), source: str(d?.source) ?? '' });
    } else if (e.kind === 'clock') {
      const action = str(d?.action);
      const stepMs = num(d?.step_ms) ?? num(d?.stepMs);
      if (action === 'slew') {
        p.marks.push({ atMs: at, id: e.id, action: 'slew', byMs: r3(num(d?.offset_ms) ?? 0), source: 'ntp', slewPpm: num(d?.slew_ppm) });
      } else if (stepMs !== null) {
        p.marks.push({ atMs: at, id: e.id, action: 'step', byMs: r3(stepMs), source: str(d?.source) ?? (action === 'step' ? 'ntp' : 'fault'), slewPpm: null });
        p.stepSum += stepMs;
      }
      const drift = num(d?.drift_ppm);
      if (drift !== null) p.drift = drift;
    }
  }

  const injected = o.injected ?? {};
  const nodes = names.map((node): NodeClockView => {
    const p = of(node);
    const inj = injected[node] as { offsetMs?: unknown; driftPpm?: unknown; steps?: unknown } | undefined;
    const abs = p.samples.map((s) => Math.abs(s[1]));
    return {
      node,
      error: downsample(p.samples, o.maxPoints ?? 1200),
      ntp: p.ntp,
      marks: p.marks,
      injected: inj && typeof inj === 'object'
        ? {
            offsetMs: num(inj.offsetMs) ?? 0,
            driftPpm: num(inj.driftPpm) ?? 0,
            steps: Array.isArray(inj.steps) ? (inj.steps as { atMs?: unknown; byMs?: unknown }[]).map((s) => ({ atMs: num(s.atMs) ?? 0, byMs: num(s.byMs) ?? 0 })) : [],
          }
        : null,
      estimatedDriftPpm: p.drift,
      measuredDriftPpm: p.ntp.length || p.marks.some((m) => m.action === 'slew') ? null : slopePpm(p.corrected),
      maxAbsErrorMs: abs.length ? r3(Math.max(...abs)) : null,
      finalErrorMs: p.samples.length ? p.samples[p.samples.length - 1][1] : null,
    };
  });
  return { topic: 'clocks', frame, truth: truthKind, nodes, faults: faultSpans(events, frame), timeline: o.timeline ?? [] };
}

/** Least-squares slope of `[ms, ms]` points in ppm; null with fewer than 8 points or under 100 ms. */
export function slopePpm(points: readonly [number, number][]): number | null {
  const n = points.length;
  if (n < 8 || points[n - 1][0] - points[0][0] < 100) return null;
  let sx = 0, sy = 0;
  for (const [x, y] of points) { sx += x; sy += y; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (const [x, y] of points) { sxx += (x - mx) ** 2; sxy += (x - mx) * (y - my); }
  return sxx > 0 ? r3((sxy / sxx) * 1e6) : null;
}
