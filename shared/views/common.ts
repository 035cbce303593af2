/**
 * What every topic view model shares: the LabEvent fields the builders read, one time
 * axis per run (host reference time `ref_ms` where recorded, else the node's `wall_ms`,
 * as the checks in shared/checks read it), fault spans as ground truth, the replay
 * cursor's place on that axis, and min/max downsampling so a series stays small.
 */

/** The fields of a `LabEvent` the view builders read (a `LabEvent` is one). */
export interface TopicEvent {
  id: number;
  node: string;
  kind: string;
  wall_ms: number | null;
  ref_ms: number | null;
  label: string | null;
  peer: string | null;
  data: Record<string, unknown> | null;
}

/** Where a view's time axis starts and ends: absolute ms (`t0Ms`), and its length. */
export interface ViewFrame {
  /** Absolute time (ms, ref_ms else wall_ms) of the axis' zero. */
  t0Ms: number;
  /** Length of the axis, ms. */
  endMs: number;
}

/** `[event id, ms on the view's axis]`, ascending in both: maps the replay cursor to time. */
export type IdTime = [number, number];

/** A fault the run suffered: the ground truth the views draw behind everything else. */
export interface FaultSpan {
  kind: 'crash' | 'pause' | 'partition';
  /** The node it happened to; for a partition, '' (see `groups`). */
  node: string;
  startMs: number;
  endMs: number;
  /** Still going when the run ended. */
  open: boolean;
  label: string;
  /** Partition groups (partition only). */
  groups?: string[][];
}

/** An event's time on the run's axis: `ref_ms`, else `wall_ms`; null if neither. */
export function timeOf(e: { ref_ms: number | null; wall_ms: number | null }): number | null {
  const t = e.ref_ms ?? e.wall_ms;
  return typeof t === 'number' && Number.isFinite(t) ? t : null;
}

/** A number, or null. */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A non-empty string, or null. */
export function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/** The frame covering `events` (or the given bounds when the caller knows the whole run's). */
export function frameOf(events: readonly TopicEvent[], bounds?: { startMs?: number | null; endMs?: number | null }): ViewFrame {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    const t = timeOf(e);
    if (t === null) continue;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const t0 = bounds?.startMs ?? (lo === Infinity ? 0 : lo);
  const end = bounds?.endMs ?? (hi === -Infinity ? t0 : hi);
  return { t0Ms: t0, endMs: Math.max(0, end - t0) };
}

/** Events in time order (ties by id), those without a time left out. */
export function byTime<E extends TopicEvent>(events: readonly E[]): { e: E; t: number }[] {
  const out: { e: E; t: number }[] = [];
  for (const e of events) {
    const t = timeOf(e);
    if (t !== null) out.push({ e, t });
  }
  return out.sort((a, b) => a.t - b.t || a.e.id - b.e.id);
}

/** The node a fault event is about: the lab records faults on node `lab` with `data.node`. */
export function subjectOf(e: TopicEvent): string {
  return e.node === 'lab' ? (str(e.data?.node) ?? e.node) : e.node;
}

/**
 * Crash, pause and partition spans from the run's events. Both drivers are read: the
 * process runtime records crash/pause/resume on node `lab` (with `data.node`), a
 * restart as a `fault` with `data.action: 'restart'` and `recover` on the node; the
 * simulator records all of them on the node itself. Partitions come from `fault`
 * events with `data.action` `partition`/`heal` (same `data.fault`).
 */
export function faultSpans(events: readonly TopicEvent[], frame: ViewFrame): FaultSpan[] {
  const out: FaultSpan[] = [];
  const openCrash = new Map<string, FaultSpan>();
  const openPause = new Map<string, FaultSpan>();
  const openPart = new Map<string, FaultSpan>();
  const close = (m: Map<string, FaultSpan>, key: string, at: number): void => {
    const s = m.get(key);
    if (!s) return;
    s.endMs = Math.max(s.startMs, at);
    s.open = false;
    m.delete(key);
  };
  for (const { e, t } of byTime(events)) {
    const at = t - frame.t0Ms;
    const node = subjectOf(e);
    const action = str(e.data?.action);
    if (e.kind === 'crash' && !openCrash.has(node)) {
      const s: FaultSpan = { kind: 'crash', node, startMs: at, endMs: frame.endMs, open: true, label: e.label ?? `crash ${node}` };
      openCrash.set(node, s);
      out.push(s);
    } else if (e.kind === 'recover' || (e.kind === 'fault' && action === 'restart')) {
      close(openCrash, node, at);
    } else if (e.kind === 'pause' && !openPause.has(node)) {
      const s: FaultSpan = { kind: 'pause', node, startMs: at, endMs: frame.endMs, open: true, label: e.label ?? `pause ${node}` };
      openPause.set(node, s);
      out.push(s);
    } else if (e.kind === 'resume') {
      close(openPause, node, at);
    } else if (e.kind === 'fault' && action === 'partition') {
      const groups = Array.isArray(e.data?.groups) ? (e.data.groups as unknown[]).filter(Array.isArray).map((g) => (g as unknown[]).map(String)) : [];
      const s: FaultSpan = { kind: 'partition', node: '', startMs: at, endMs: frame.endMs, open: true, label: e.label ?? 'partition', groups };
      openPart.set(String(e.data?.fault ?? out.length), s);
      out.push(s);
    } else if (e.kind === 'fault' && action === 'heal') {
      close(openPart, String(e.data?.fault ?? ''), at);
    }
  }
  return out;
}

/**
 * Samples of (event id → time on the axis), at most `max`, monotone in both, for
 * {@link cursorTimeMs}. `points` are `[id, absolute ms]` in id order.
 */
export function idTimeline(points: readonly (readonly [number, number | null])[], frame: ViewFrame, max = 512): IdTime[] {
  const usable = points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
  const step = Math.max(1, Math.ceil(usable.length / max));
  const out: IdTime[] = [];
  let best = -Infinity;
  for (let i = 0; i < usable.length; i++) {
    const [id, t] = usable[i];
    best = Math.max(best, t - frame.t0Ms);
    if (i % step === 0 || i === usable.length - 1) out.push([id, best]);
  }
  return out;
}

/**
 * The time on the axis of replay cursor `cursor` (an event id: events with larger ids
 * are not seen yet), interpolated between the timeline's samples. Infinity past its end.
 */
export function cursorTimeMs(timeline: readonly IdTime[], cursor: number): number {
  if (!timeline.length) return Infinity;
  const last = timeline[timeline.length - 1];
  if (cursor >= last[0]) return Infinity;
  if (cursor < timeline[0][0]) return cursor < 1 ? -Infinity : timeline[0][1];
  let lo = 0;
  let hi = timeline.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid][0] <= cursor) lo = mid;
    else hi = mid;
  }
  const [i0, t0] = timeline[lo];
  const [i1, t1] = timeline[hi];
  return i1 === i0 ? t0 : t0 + ((cursor - i0) / (i1 - i0)) * (t1 - t0);
}

/**
 * At most about `max` points of a series in time order: per bin of equal time its
 * first, smallest, largest and last point (steps and spikes survive).
 */
export function downsample(points: readonly [number, number][], max: number): [number, number][] {
  if (points.length <= max) return points.slice();
  const bins = Math.max(1, Math.floor(max / 4));
  const t0 = points[0][0];
  const span = points[points.length - 1][0] - t0 || 1;
  const out: [number, number][] = [];
  let i = 0;
  for (let b = 0; b < bins && i < points.length; b++) {
    const end = t0 + ((b + 1) / bins) * span;
    const first = points[i];
    let lo = first;
    let hi = first;
    let last = first;
    while (i < points.length && (points[i][0] <= end || b === bins - 1)) {
      const p = points[i++];
      if (p[1] < lo[1]) lo = p;
      if (p[1] > hi[1]) hi = p;
      last = p;
    }
    const keep = [first, lo, hi, last].sort((a, c) => a[0] - c[0]);
    for (const p of keep) if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}

/** Round to 3 decimals (the models travel as JSON). */
export const r3 = (x: number): number => Math.round(x * 1000) / 1000;
