import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { experimentFromFlags, RUN_FLAGS, type RunFlags } from '../../../shared/experiment';
import { SCENARIOS } from '../../../shared/scenarios';
import { Lab, type LabResult } from '../../lab/lab';
import { runtimeProblems } from '../../lab/problems';
import { leasePreflight } from '../../lease/run-checks';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';
import { runFdSeries } from '../fd-series';

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** Reads `--config FILE` as JSON; LabError when it cannot. */
function readConfig(path: string | undefined): unknown {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LabError(`--config: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LabError(`--config: ${path} is not JSON: ${(e as Error).message}`);
  }
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('run <scenario>')
    .description(`run an experiment on real node processes and record every event (scenarios: ${Object.keys(SCENARIOS).join(', ')})`)
    .option('--config <file>', 'experiment JSON; flags override or add to it')
    .option('--json', 'print one JSON object {run, events, status, …} when the run ends')
    .option('--compare', 'fd: run the same seeded fault schedule once per detector (ping, heartbeat, phi) and print their QoS side by side')
    .option('--cause <slow|crash|partition|all>', 'fd: the same missed replies from a slow (delay spike), crashed (crash-stop) or partitioned n2; all = three runs, verdicts side by side');
  for (const f of RUN_FLAGS) {
    if (f.kind === 'switch') cmd.option(`--${f.name} [on|off]`, f.help);
    else if (f.repeatable) cmd.option(`--${f.name} <${f.arg}>`, `${f.help} (repeatable)`, collect);
    else cmd.option(`--${f.name} <${f.arg}>`, f.help);
  }
  cmd.action(async (scenario: string, opts: DbOption & { config?: string; json?: boolean } & Record<string, unknown>) => {
    const { db: _db, config, json, compare, cause, ...flags } = opts;
    if (compare || cause !== undefined) {
      return runFdSeries(ctx, () => ctx.openStore(opts), { scenario, flags: flags as RunFlags, config: readConfig(config), compare: compare === true, cause: cause as string | undefined, json: json === true });
    }
    const built = experimentFromFlags(scenario, flags as RunFlags, readConfig(config));
    const problems = built.ok ? runtimeProblems(built.experiment) : built.errors;
    if (built.ok && !problems.length) {
      const unreachable = await leasePreflight(built.experiment);
      if (unreachable) problems.push(unreachable);
    }
    if (!built.ok || problems.length) {
      for (const line of problems) ctx.err(`coordlab: ${line}`);
      process.exitCode = 2;
      return;
    }
    const store = ctx.openStore(opts);
    let lab: Lab | null = null;
    let stopAsked = false;
    const onSignal = (): void => {
      stopAsked = true;
      void lab?.stop('stopped');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    try {
      lab = await Lab.start({ store, experiment: built.experiment, meta: { argv: process.argv.slice(2) } });
      if (stopAsked) void lab.stop('stopped');
      if (!json) ctx.out(`run ${lab.run}: ${built.experiment.nodes.length} nodes running for ${built.experiment.durationMs} ms (Ctrl-C stops)`);
      const result = await lab.done;
      ctx.out(json ? JSON.stringify(result) : summary(result));
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      store.close();
    }
  });
}

function summary(r: LabResult): string {
  const lines = [
    `run       ${r.run}`,
    `status    ${r.status}`,
    `events    ${r.events}`,
    `nodes     ${r.nodes} (ready in ${Math.round(r.readyMs)} ms)`,
    `duration  ${Math.round(r.durationMs)} ms`,
    `messages  ${r.network.routed} routed, ${r.network.delivered} delivered, ${r.network.dropped} dropped`,
  ];
  for (const c of r.crashed) lines.push(`crashed   ${c.node}: ${c.reason}`);
  lines.push(`next      coordlab show ${r.run} | coordlab analyze ${r.run} | coordlab replay ${r.run}`);
  return lines.join('\n');
}
