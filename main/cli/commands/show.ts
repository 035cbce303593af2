import type { Command } from 'commander';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';
import { table } from '../format';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('show <run>')
    .description("show one run: what it was, and its first events ('last' = newest run)")
    .option('--events <n>', 'how many events to list', '20')
    .option('--json', 'print the run (with experiment and meta) as JSON')
    .action((ref: string, opts: DbOption & { events: string; json?: boolean }) => {
      const n = Number(opts.events);
      if (!Number.isInteger(n) || n < 0) throw new LabError(`--events must be a whole number, got '${opts.events}'`);
      const store = ctx.openStore(opts);
      try {
        const run = store.getRun(store.resolveRun(ref))!;
        if (opts.json) return ctx.out(JSON.stringify(run));
        ctx.out(`run       ${run.run}\nlabel     ${run.label}\nscenario  ${run.scenario}\nstatus    ${run.status}\nstarted   ${run.started_at}\nended     ${run.ended_at ?? '-'}\nnodes     ${run.nodes.join(' ')}\nevents    ${run.events}`);
        if (Object.keys(run.experiment).length) ctx.out(`experiment ${JSON.stringify(run.experiment)}`);
        if (n > 0 && run.events > 0) {
          const evs = store.events(run.run, { limit: n }).events;
          ctx.out('');
          ctx.out(table(['ID', 'NODE', 'SEQ', 'KIND', 'LAMPORT', 'VCLOCK', 'LABEL'], evs.map((e) => [e.id, e.node, e.seq, e.kind, e.lamport, JSON.stringify(e.vclock), e.label ?? ''])));
          if (run.events > n) ctx.out(`… ${run.events - n} more (coordlab export ${run.run} --format jsonl)`);
        }
      } finally {
        store.close();
      }
    });
}
