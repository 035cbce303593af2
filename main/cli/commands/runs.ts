import type { Command } from 'commander';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';
import { table } from '../format';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('runs')
    .description('list recorded runs, newest first')
    .option('--search <text>', 'only runs whose id, label or scenario contains this')
    .option('--limit <n>', 'at most this many runs', '1000')
    .option('--json', 'print a JSON array of runs')
    .action((opts: DbOption & { search?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new LabError(`--limit must be a positive integer, got '${opts.limit}'`);
      const store = ctx.openStore(opts);
      try {
        const runs = store.listRuns({ search: opts.search, limit });
        if (opts.json) return ctx.out(JSON.stringify(runs));
        if (!runs.length) return ctx.out(`No runs in ${store.path} yet. Try: coordlab import <shiviz.log>, or coordlab run causality`);
        ctx.out(table(['RUN', 'SCENARIO', 'STATUS', 'EVENTS', 'NODES', 'STARTED', 'LABEL'], runs.map((r) => [r.run, r.scenario, r.status, r.events, r.nodes.length, r.started_at.replace('T', ' ').slice(0, 19), r.label])));
      } finally {
        store.close();
      }
    });
}
