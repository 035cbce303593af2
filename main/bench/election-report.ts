/**
 * What `coordlab bench election` writes: the `--json` objects, the table next to the
 * paper's stated figures, and the files (summary CSV, every trial's CDF CSV, an SVG
 * of the CDFs on a log time axis in the manner of Figure 16).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithPaper, renderCdfSvg, type ElectionRangeResult } from '../../shared/sim';
import { LabError } from '../store';

/** One range's result, from either driver. */
export interface ElectionBenchResult extends ElectionRangeResult {
  /** Heartbeat interval the range ran with, ms. */
  heartbeatMs: number;
  /** Real processes: the run that recorded the trials. */
  run?: string;
  /** Real processes: crash time after the leader's last heartbeat round, ms, per trial (null when not recorded). */
  crashAfterHeartbeatMs?: (number | null)[];
  /** Real processes: Raft safety violations found in the recorded run (should be 0). */
  violations?: number;
  /** Real processes: crashes that hit a node no longer leader (repeated, not counted). */
  missedLeader?: number;
  /** Why the range ended before its trials were done (e.g. the cluster never settled on a leader). */
  error?: string;
}

/** The `bench election --json` object of one range (DESIGN.md contract fields first). */
export function benchJson(r: ElectionBenchResult, mode: 'sim' | 'real'): Record<string, unknown> {
  const o: Record<string, unknown> = {
    range: r.range, trials: r.trials, median_ms: round(r.median_ms), mean_ms: round(r.mean_ms), p99_ms: round(r.p99_ms), max_ms: round(r.max_ms),
    min_ms: round(r.cdf[0]?.[0] ?? NaN), censored: r.censored, mode, heartbeat_ms: r.heartbeatMs,
  };
  if (r.run !== undefined) o.run = r.run;
  if (r.violations !== undefined) o.violations = r.violations;
  if (r.missedLeader !== undefined) o.missed_leader = r.missedLeader;
  if (r.error !== undefined) o.error = r.error;
  const offsets = (r.crashAfterHeartbeatMs ?? []).filter((x): x is number => x !== null);
  if (offsets.length) o.crash_after_heartbeat_ms_mean = round(offsets.reduce((a, b) => a + b, 0) / offsets.length);
  return o;
}

const round = (v: number): number => (Number.isFinite(v) ? Math.round(v * 10) / 10 : v);
const f0 = (v: number | null): string => (v !== null && Number.isFinite(v) ? v.toFixed(0) : '-');

/** The human table: one row per range, then the paper's figures next to the lab's. */
export function benchTable(results: readonly ElectionBenchResult[], capMs: number): string {
  const rows = [['range (ms)', 'trials', 'min', 'median', 'mean', 'p99', 'max', `>= ${capMs / 1000} s`]];
  for (const r of results) rows.push([r.range, String(r.trials), f0(r.cdf[0]?.[0] ?? null), f0(r.median_ms), f0(r.mean_ms), f0(r.p99_ms), f0(r.max_ms), String(r.censored)]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
  for (const r of results) if (r.error) lines.push(`${r.range}: ${r.error}`);
  const cmp = compareWithPaper(results.filter((r) => r.trials > 0));
  const tw = Math.max(...cmp.map((c) => c.text.length));
  lines.push('', `${'the paper says (1000 trials, broadcast ~15 ms)'.padEnd(tw)} | paper      | lab, same statistic`);
  for (const c of cmp) {
    const paper = `${c.stat === 'min_ms' ? '> ' : ''}${c.paperMs} ms`;
    const lab = c.labMs === null ? 'not run' : `${c.stat === 'min_ms' && c.labMs >= capMs ? '>= ' : ''}${f0(c.labMs)} ms (${c.stat.replace('_ms', '')})`;
    lines.push(`${c.text.padEnd(tw)} | ${paper.padEnd(10)} | ${lab}`);
  }
  return lines.join('\n');
}

/** Writes `<prefix>.csv`, `<prefix>-cdf.csv` and `<prefix>.svg` under `dir`; returns their paths. */
export function writeBenchFiles(dir: string, prefix: string, results: readonly ElectionBenchResult[], o: { title: string; capMs: number }): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new LabError(`bench election: cannot create --out ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const summary = ['range,trials,heartbeat_ms,min_ms,median_ms,mean_ms,p99_ms,max_ms,censored', ...results.map((r) => [r.range, r.trials, r.heartbeatMs, r.cdf[0]?.[0] ?? '', r.median_ms, r.mean_ms, r.p99_ms, r.max_ms, r.censored].join(','))];
  const cdf = ['range,downtime_ms,fraction', ...results.flatMap((r) => r.cdf.map(([v, f]) => `${r.range},${v.toFixed(3)},${f.toFixed(4)}`))];
  // Trials that hit the cap are not drawn (their downtime is only a lower bound); the legend counts them.
  const series = results.map((r) => ({
    label: `${r.range} ms${r.censored > 0 ? ` (${r.censored}/${r.trials} > ${o.capMs / 1000} s)` : ''}`,
    cdf: r.cdf.filter(([v]) => v < o.capMs),
  }));
  const drawn = series.flatMap((s) => s.cdf.map(([v]) => v));
  const xMinMs = drawn.length ? 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...drawn)))) : 10;
  const xMaxMs = Math.max(10 * xMinMs, drawn.length ? 10 ** Math.ceil(Math.log10(Math.max(...drawn) * 1.01)) : 10_000);
  const files = { csv: join(dir, `${prefix}.csv`), cdf: join(dir, `${prefix}-cdf.csv`), svg: join(dir, `${prefix}.svg`) };
  writeFileSync(files.csv, summary.join('\n') + '\n');
  writeFileSync(files.cdf, cdf.join('\n') + '\n');
  writeFileSync(files.svg, renderCdfSvg(series, { title: o.title, xMinMs, xMaxMs }));
  return Object.values(files);
}
