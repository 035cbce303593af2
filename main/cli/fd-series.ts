/**
 * `coordlab run fd --compare` and `--cause` (issue 6): several runs of the fd scenario
 * that differ in one thing, run one after another on real processes, with their QoS
 * tables (and, for --cause, each detector's verdict about the node hit) side by side.
 * The pure parts (variants, verdicts, tables) are in shared/detectors/series.ts.
 */
import {
  defaultCauseWindow, describeDetectors, describeVerdicts, detectorReport, parseCauses, seriesVariants,
  type Cause, type DetectorSummary, type Verdict, verdicts,
} from '../../shared/detectors';
import { experimentFromFlags, type Experiment, type RunFlags } from '../../shared/experiment';
import { Lab } from '../lab/lab';
import { runtimeProblems } from '../lab/problems';
import { LabError, type Store } from '../store';
import type { CliContext } from './context';

/** What `--compare` / `--cause` asked for. */
export interface SeriesRequest {
  scenario: string;
  flags: RunFlags;
  config: unknown;
  compare: boolean;
  cause: string | undefined;
  json: boolean;
}

/** One finished run of the series. */
interface SeriesRun {
  label: string;
  run: string;
  status: string;
  detector?: string;
  cause?: Cause;
  detectors: DetectorSummary[];
  verdicts?: Verdict[];
}

const ALL_DETECTORS = ['ping', 'heartbeat', 'phi'];

/** Builds and checks every run first (nothing starts if one is invalid), then runs them in turn. */
export async function runFdSeries(ctx: CliContext, store: () => Store, req: SeriesRequest): Promise<void> {
  const fail = (lines: string[]): void => {
    for (const l of lines) ctx.err(`coordlab: ${l}`);
    process.exitCode = 2;
  };
  if (req.scenario !== 'fd') return fail([`--compare and --cause are for scenario fd, not '${req.scenario}'`]);
  let causes: Cause[] = [];
  try {
    if (req.cause !== undefined) causes = parseCauses(req.cause);
  } catch (e) {
    return fail([(e as Error).message]);
  }
  const base = experimentFromFlags(req.scenario, req.flags, req.config);
  if (!base.ok) return fail(base.errors);
  const given = req.flags.detectors;
  const detectors = req.compare ? (typeof given === 'string' ? given.split(',').map((s) => s.trim()).filter(Boolean) : ALL_DETECTORS) : [];
  const window = defaultCauseWindow(base.experiment.durationMs, base.experiment.nodes[1] ?? base.experiment.nodes[0]);
  const flags: RunFlags = { ...req.flags, seed: String(base.experiment.seed) };
  const variants = seriesVariants(flags, { detectors, causes, window });
  const built: { label: string; detector?: string; cause?: Cause; experiment: Experiment }[] = [];
  for (const v of variants) {
    const b = experimentFromFlags(req.scenario, v.flags, req.config);
    const problems = b.ok ? runtimeProblems(b.experiment) : b.errors;
    if (!b.ok || problems.length) return fail(problems.map((p) => `${v.label}: ${p}`));
    built.push({ label: v.label, detector: v.detector, cause: v.cause, experiment: { ...b.experiment, label: `fd ${v.label}` } });
  }
  const s = store();
  const results: SeriesRun[] = [];
  try {
    for (const b of built) {
      if (!req.json) ctx.out(`run ${results.length + 1}/${built.length}: ${b.label} (${b.experiment.durationMs} ms)`);
      const lab = await Lab.start({ store: s, experiment: b.experiment, meta: { argv: process.argv.slice(2), series: b.label } });
      const r = await lab.done;
      const events = s.allEvents(r.run);
      const report = detectorReport(events) ?? [];
      const row: SeriesRun = { label: b.label, run: r.run, status: r.status, detector: b.detector, cause: b.cause, detectors: report };
      if (b.cause) row.verdicts = verdicts(events, report, window.target);
      results.push(row);
    }
  } catch (e) {
    throw e instanceof LabError ? e : new LabError(`series stopped: ${(e as Error).message}`, 3);
  } finally {
    s.close();
  }
  if (req.json) return ctx.out(JSON.stringify({ target: causes.length ? window.target : undefined, window_ms: causes.length ? [window.startMs, window.endMs] : undefined, runs: results }));
  ctx.out('');
  ctx.out(describeDetectors(results.flatMap((r) => r.detectors.map((d) => ({ ...d, name: `${r.label}${r.detector ? '' : ` ${d.name}`}` }))), { curves: false }));
  if (causes.length) {
    ctx.out(`\nverdicts about ${window.target} (fault from ${window.startMs} to ${window.endMs} ms of run time; crash is crash-stop)`);
    ctx.out(describeVerdicts(results.map((r) => ({ label: r.label, verdicts: r.verdicts ?? [] })), window.target));
  }
  ctx.out(`\nruns: ${results.map((r) => r.run).join(' ')}`);
}
