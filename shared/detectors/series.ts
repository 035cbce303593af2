/**
 * Series of fd runs that differ in one thing (issue 6):
 * - `--compare`: the same seeded fault schedule once per detector;
 * - `--cause slow|crash|partition|all`: the chapter's claim — a client cannot tell a
 *   slow server from a crashed one or from a broken network. Each run hits the same
 *   node over the same window, only the cause differs: a delay spike on everything it
 *   sends (slow), a crash-stop (crashed), or a partition isolating it (partitioned).
 *   The symptom at the watchers is the same (missed heartbeats and pongs); only the
 *   crash leaves the node suspected after the window.
 */
import { formatDurationMs } from '../experiment/duration';
import type { RunFlags } from '../experiment/types';
import type { DetectorSummary, ReportEvent } from './report';
import { hostTimeOf } from './report';
import { textTable } from './report-text';

/** The causes of missed replies. */
export const CAUSES = ['slow', 'crash', 'partition'] as const;
export type Cause = (typeof CAUSES)[number];

/** One run of a series: its flags and what distinguishes it. */
export interface SeriesVariant {
  /** `detector=phi` or `cause=slow`, …, joined with spaces. */
  label: string;
  detector?: string;
  cause?: Cause;
  flags: RunFlags;
}

/** Where and when a cause strikes. */
export interface CauseWindow {
  target: string;
  startMs: number;
  endMs: number;
  /** Extra delay of the slow cause, ms. */
  slowExtraMs: number;
}

/** The default window for a run of `durationMs`: from 30 % to 55 % of the run, on n2, slow = +900 ms. */
export function defaultCauseWindow(durationMs: number, target = 'n2'): CauseWindow {
  const startMs = Math.round(durationMs * 0.3);
  return { target, startMs, endMs: Math.round(durationMs * 0.55), slowExtraMs: 900 };
}

const append = (flags: RunFlags, key: string, value: string): readonly string[] => {
  const prev = flags[key];
  return [...(Array.isArray(prev) ? prev : typeof prev === 'string' ? [prev] : []), value];
};

/** The flags that add `cause` to a run. */
export function causeFlags(flags: RunFlags, cause: Cause, w: CauseWindow): RunFlags {
  const win = `${formatDurationMs(w.startMs)}..${formatDurationMs(w.endMs)}`;
  switch (cause) {
    case 'slow': return { ...flags, 'delay-spike': append(flags, 'delay-spike', `${w.target}>*=+${formatDurationMs(w.slowExtraMs)}@${win}`) };
    case 'crash': return { ...flags, crash: append(flags, 'crash', `${w.target}@${formatDurationMs(w.startMs)}`), failures: 'crash-stop' };
    case 'partition': return { ...flags, partition: append(flags, 'partition', `${w.target}@${win}`) };
  }
}

/** Parse `--cause`: one cause, a comma list, or `all`. Throws one line on anything else. */
export function parseCauses(text: string): Cause[] {
  if (text.trim() === 'all') return [...CAUSES];
  const out = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of out) if (!(CAUSES as readonly string[]).includes(c)) throw new RangeError(`--cause: '${c}' is not one of ${CAUSES.join(', ')}, all`);
  if (!out.length) throw new RangeError(`--cause: give one of ${CAUSES.join(', ')}, all`);
  return out as Cause[];
}

/**
 * The runs of a series: per detector (`detectors` non-empty: --compare) × per cause
 * (`causes` non-empty: --cause). Every run keeps the given seed.
 */
export function seriesVariants(flags: RunFlags, opts: { detectors: readonly string[]; causes: readonly Cause[]; window: CauseWindow }): SeriesVariant[] {
  const dets: (string | undefined)[] = opts.detectors.length ? [...opts.detectors] : [undefined];
  const causes: (Cause | undefined)[] = opts.causes.length ? [...opts.causes] : [undefined];
  const out: SeriesVariant[] = [];
  for (const cause of causes) {
    for (const detector of dets) {
      let f: RunFlags = detector ? { ...flags, detectors: detector } : flags;
      if (cause) f = causeFlags(f, cause, opts.window);
      const label = [cause ? `cause=${cause}` : '', detector ? `detector=${detector}` : ''].filter(Boolean).join(' ');
      out.push({ label, detector, cause, flags: f });
    }
  }
  return out;
}

/** One detector's verdict about the target in one run. */
export interface Verdict {
  detector: string;
  /** Watchers that suspected the target after the fault began. */
  suspected_by: string[];
  /** ms from the fault to the first of those suspicions; null if none. */
  first_suspicion_ms: number | null;
  /** Watchers still suspecting the target when the run ended. */
  suspected_at_end_by: string[];
}

/** What each detector concluded about `target`, from the fault's first lab event on. */
export function verdicts(events: readonly ReportEvent[], report: readonly DetectorSummary[], target: string): Verdict[] {
  const timeOf = hostTimeOf(events);
  const fault = events.find((e) => e.node === 'lab' && (e.kind === 'crash' || e.kind === 'pause' || (e.kind === 'fault' && e.data?.action !== undefined && !String(e.label ?? '').startsWith('heal') && !String(e.label ?? '').includes('ends'))));
  const faultMs = fault ? timeOf(fault) : -Infinity;
  return report.map((d) => {
    const sus = events.filter((e) => e.kind === 'suspect' && e.data?.detector === d.name && e.data?.target === target && timeOf(e) >= faultMs);
    const first = sus.reduce<number | null>((m, e) => (m === null || timeOf(e) < m ? timeOf(e) : m), null);
    return {
      detector: d.name,
      suspected_by: [...new Set(sus.map((e) => e.node))].sort(),
      first_suspicion_ms: first === null || !Number.isFinite(faultMs) ? null : first - faultMs,
      suspected_at_end_by: d.suspected_at_end.filter((p) => p.endsWith(`>${target}`)).map((p) => p.split('>')[0]).sort(),
    };
  });
}

/** The verdicts of several runs side by side, one row per run × detector. */
export function describeVerdicts(rows: readonly { label: string; verdicts: readonly Verdict[] }[], target: string): string {
  const body = rows.flatMap((r) => r.verdicts.map((v) => [
    r.label, v.detector, v.suspected_by.length ? `yes (${v.suspected_by.join(',')})` : 'no',
    v.first_suspicion_ms === null ? '-' : v.first_suspicion_ms.toFixed(0),
    v.suspected_at_end_by.length ? `yes (${v.suspected_at_end_by.join(',')})` : 'no',
  ]));
  return textTable(['RUN', 'DETECTOR', `SUSPECTED ${target}`, 'AFTER MS', 'STILL SUSPECTED AT END'], body);
}
