/**
 * `coordlab check <run>`: every safety check that applies to the run (shared/checks
 * registry: Raft election safety, one vote per term, monotonic terms; lease store
 * overlaps and stale writes that overwrote newer data). Exit 1 on any violation.
 */
import type { Command } from 'commander';
import { runChecks, type CheckReport } from '../../../shared/checks';
import type { CliContext, DbOption } from '../context';

/** The human-readable report: one line per violation with its event ids, or `ok: N checks passed`. */
export function describeCheckReport(run: string, r: CheckReport): string {
  if (r.checks.length === 0) return `ok: 0 checks passed (run ${run} has no raft or lease records to check)`;
  if (r.violations.length === 0) return `ok: ${r.checks.length} checks passed (${r.checks.join(', ')})`;
  const lines = r.violations.map((v) => `VIOLATION ${v.topic}/${v.check}: ${v.message}${v.events.length ? ` (events ${v.events.join(', ')})` : ''}`);
  const failed = new Set(r.violations.map((v) => `${v.topic}/${v.check}`));
  lines.push(`${r.violations.length} violation${r.violations.length === 1 ? '' : 's'} in ${failed.size} of ${r.checks.length} checks (run ${run})`);
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('check <run>')
    .description("run every safety check that applies to a run (raft, lease); exit 1 on a violation ('last' = newest run)")
    .option('--json', 'print one JSON object {run, ok, topics, checks, violations: [{topic, check, message, events}]}')
    .action((ref: string, opts: DbOption & { json?: boolean }) => {
      const store = ctx.openStore(opts, { readonly: true });
      try {
        const run = store.resolveRun(ref);
        const report = runChecks(store.allEvents(run));
        const ok = report.violations.length === 0;
        ctx.out(opts.json ? JSON.stringify({ run, ok, ...report }) : describeCheckReport(run, report));
        process.exitCode = ok ? 0 : 1;
      } finally {
        store.close();
      }
    });
}
