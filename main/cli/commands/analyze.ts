import type { Command } from 'commander';
import { analyze, CausalityError, type Analysis } from '../../../shared/causality';
import { summarizeRaft } from '../../../shared/checks';
import { describeLeaseSection, leaseSection, type LeaseSection } from '../../../shared/checks/lease-section';
import { describeDetectors, detectorReport, type DetectorSummary } from '../../../shared/detectors';
import type { LabEvent } from '../../../shared/events';
import { describeDrift, driftReport, type DriftReport } from '../../../shared/ntp';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';
import { table } from '../format';

/** A short readable summary of an analysis. */
export function describeAnalysis(run: string, label: string, a: Analysis): string {
  const total = (a.events * (a.events - 1)) / 2;
  const pct = (x: number) => (total > 0 ? ` (${((100 * x) / total).toFixed(1)}%)` : '');
  const lines = [
    `run        ${run}  ${label}`,
    `events     ${a.events} on ${a.nodes} nodes: ${a.node_names.map((n) => `${n} ${a.per_node[n].events}`).join(', ')}`,
    `messages   ${a.messages}${a.messages_from === 'clocks' ? ' (cross-node edges implied by the vector clocks)' : ' (matched send → receive)'}${a.unmatched_receives ? `; ${a.unmatched_receives} receives match no send` : ''}`,
    `ordered    ${a.hb_pairs} of ${total} event pairs by happened-before${pct(a.hb_pairs)}`,
    `concurrent ${a.concurrent_pairs} pairs${pct(a.concurrent_pairs)}`,
    `anomalies  ${a.wall_inversions} messages received at an earlier wall-clock time than sent; ${a.wall_against_causality} causal pairs the wall clocks order the other way; ${a.lamport_ties} Lamport ties`,
  ];
  if (a.missing_events) lines.push(`missing    ${a.missing_events} events the clocks refer to were not recorded (a node's lost tail); counts cover the recorded events`);
  if (a.clock_error_ms) {
    lines.push('', 'clock error (ms, node wall clock − reference)');
    lines.push(table(['NODE', 'MAX', 'P95', 'FINAL'], Object.entries(a.clock_error_ms).map(([n, e]) => [n, e.max.toFixed(3), e.p95.toFixed(3), e.final.toFixed(3)])));
  }
  return lines.join('\n');
}

/**
 * Extra sections of `analyze --json` (DESIGN.md: `raft`, `detectors`, `lease`, …), each
 * present only when the run has the data (`of` returns null otherwise). Issues that own
 * a section append it here.
 */
export const ANALYSIS_SECTIONS: {
  name: string;
  /** The value, or null without data; `run.experiment` is the run's stored experiment. */
  of(events: readonly LabEvent[], run?: { experiment?: Record<string, unknown> }): unknown;
  describe?(value: never): string;
}[] = [
  {
    name: 'raft',
    of: (events) => {
      const s = summarizeRaft(events);
      return s.terms > 0 ? s : null;
    },
  },
  { name: 'lease', of: (events) => leaseSection(events), describe: (v: LeaseSection) => describeLeaseSection(v) },
  {
    // Issue 5: injected drift next to each node's NTP discipline estimate.
    name: 'drift_ppm',
    of: (events, run) => {
      const exp = run?.experiment ?? {};
      const named = Array.isArray(exp.nodes) ? exp.nodes.filter((n): n is string => typeof n === 'string') : [];
      const nodes = named.length ? named : [...new Set(events.map((e) => e.node))].filter((n) => n !== 'lab');
      return driftReport(events, (exp.clocks ?? {}) as Record<string, { driftPpm?: number }>, nodes);
    },
    describe: (v: Record<string, DriftReport>) => describeDrift(v),
  },
  {
    // Issue 6: QoS per detector against the fault schedule, and phi's threshold curve.
    name: 'detectors',
    of: (events) => detectorReport(events),
    describe: (v: DetectorSummary[]) => `failure detectors (QoS against the fault schedule; ms of host time)\n${describeDetectors(v)}`,
  },
];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('analyze <run>')
    .description("happened-before, concurrency and clock anomalies of a run ('last' = newest run)")
    .option('--json', 'print one JSON object (events, nodes, messages, hb_pairs, concurrent_pairs, wall_inversions, …)')
    .action((ref: string, opts: DbOption & { json?: boolean }) => {
      const store = ctx.openStore(opts, { readonly: true });
      try {
        const run = store.resolveRun(ref);
        const summary = store.summary(run)!;
        const events = store.allEvents(run);
        let a: Analysis;
        try {
          // A crashed node may lose its last unflushed events; count them instead of refusing the run.
          a = analyze(events, { missing: 'clamp' });
        } catch (e) {
          if (e instanceof CausalityError) throw new LabError(`run ${run} cannot be analysed: ${e.message}`);
          throw e;
        }
        const extra: Record<string, unknown> = {};
        const detail = { experiment: store.getRun(run)?.experiment as Record<string, unknown> | undefined };
        for (const section of ANALYSIS_SECTIONS) {
          const value = section.of(events, detail);
          if (value !== null && value !== undefined) extra[section.name] = value;
        }
        if (opts.json) return ctx.out(JSON.stringify({ run, ...a, ...extra }));
        ctx.out(describeAnalysis(run, summary.label, a));
        for (const [name, value] of Object.entries(extra)) {
          const describe = ANALYSIS_SECTIONS.find((s) => s.name === name)?.describe as ((v: unknown) => string) | undefined;
          ctx.out(describe ? `\n${describe(value)}` : `${name.padEnd(10)} ${JSON.stringify(value)}`);
        }
      } finally {
        store.close();
      }
    });
}
