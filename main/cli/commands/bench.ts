/**
 * `coordlab bench election`: the Raft paper's election experiment (Figure 16), in the
 * deterministic simulator (`--sim`) or on real node processes through the lab.
 */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { runElectionBench } from '../../../shared/sim';
import { DEFAULT_CAP_MS, DEFAULT_TRIALS, electionBenchPlan, heartbeatFor, type ElectionBenchFlags, type ElectionBenchPlan } from '../../bench/election-args';
import { runRealElectionRange } from '../../bench/election-real';
import { benchJson, benchTable, writeBenchFiles, type ElectionBenchResult } from '../../bench/election-report';
import { progressBar, type Progress } from '../../bench/progress';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

function runSim(plan: ElectionBenchPlan, progress: Progress): ElectionBenchResult[] {
  return plan.ranges.map((range) => {
    const [r] = runElectionBench({
      ranges: [range],
      trials: plan.trials,
      seed: `${plan.seed}/${range.label}`,
      broadcastTimeMs: plan.broadcastMs,
      nodes: plan.nodes,
      laggingNodes: plan.laggingNodes,
      capMs: plan.capMs,
      onProgress: (done, total) => progress.tick(`sim ${range.label} ms`, done, total),
    });
    progress.end();
    return { ...r, heartbeatMs: heartbeatFor(plan, range) };
  });
}

async function runReal(plan: ElectionBenchPlan, ctx: CliContext, opts: DbOption, progress: Progress, onRange: (r: ElectionBenchResult) => void): Promise<ElectionBenchResult[]> {
  const store = ctx.openStore(opts);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  try {
    const out: ElectionBenchResult[] = [];
    for (const range of plan.ranges) {
      let done = 0;
      progress.tick(`real ${range.label} ms`, 0, plan.trials);
      out.push(await runRealElectionRange(store, plan, range, () => progress.tick(`real ${range.label} ms`, ++done, plan.trials), stop.signal));
      progress.end();
      onRange(out[out.length - 1]);
    }
    return out;
  } finally {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal);
    store.close();
  }
}

export function register(program: Command, ctx: CliContext): void {
  const bench = program.command('bench').description('benchmarks that reproduce published experiments (see `coordlab bench election --help`)');
  const election = bench
    .command('election')
    .description(
      "the Raft paper's leader-election experiment (Ongaro & Ousterhout 2014, §9.3, Figure 16): five servers, the leader crashed at a random " +
        'moment within a heartbeat interval, downtime = crash → new leader, as a CDF per election-timeout range',
    )
    .option('--sim', 'run in the deterministic simulator (1000 trials take seconds) instead of on real node processes')
    .option('--trials <n>', `trials per range (default ${DEFAULT_TRIALS.sim} with --sim, as in the paper; ${DEFAULT_TRIALS.real} on real processes, 1-4 s each on a loaded 2-core host)`)
    .option('--timeouts <min-max>', "election timeout range in ms, e.g. 150-300 (repeatable; default: all of the paper's ranges)", collect)
    .option('--broadcast-ms <ms>', 'broadcast time (mean RPC round trip), ms; one-way delay uniform in [bt/3, 2bt/3]', '15')
    .option('--heartbeat-ms <ms>', 'leader heartbeat interval, ms (default: half the minimum election timeout, as in the paper; real processes only)')
    .option('--nodes <n>', 'servers in the cluster', '5')
    .option('--lagging <n>', 'servers whose logs are kept behind so they cannot win (default 2 of 5, as in the paper)')
    .option('--seed <s>', 'seed of the timeouts, delays and crash times', '1')
    .option('--cap-ms <ms>', `a trial still without a leader after this long counts as this long (censored)`, String(DEFAULT_CAP_MS))
    .option('--out <dir>', 'folder for bench-election-{sim,real}.{csv,svg} and -cdf.csv', join('bench', 'results'))
    .option('--json', 'print one JSON object per range {range, trials, median_ms, mean_ms, p99_ms, max_ms, …}, one per line')
    .addOption(new Option('--db <file>', 'SQLite database the real-process runs are recorded in').hideHelp())
    .exitOverride()
    .configureOutput(program.configureOutput());
  election.action(async (opts: DbOption & ElectionBenchFlags & { json?: boolean }) => {
      const plan = electionBenchPlan(opts, join('bench', 'results'));
      const progress = progressBar((s) => process.stderr.write(s), process.stderr.isTTY === true);
      // --json: each range's line as soon as it is done (a long real-process run keeps what it finished).
      const printJson = (r: ElectionBenchResult): void => {
        if (opts.json) ctx.out(JSON.stringify(benchJson(r, plan.mode)));
      };
      const results = plan.mode === 'sim' ? runSim(plan, progress) : await runReal(plan, ctx, opts, progress, printJson);
      const title = `Election downtime (${plan.mode === 'sim' ? 'simulator' : 'real processes'}, ${plan.nodes} nodes, ${plan.laggingNodes} behind, broadcast ${plan.broadcastMs} ms, ${plan.trials} trials)`;
      const files = writeBenchFiles(plan.outDir, `bench-election-${plan.mode}`, results, { title, capMs: plan.capMs });
      if (opts.json) {
        if (plan.mode === 'sim') results.forEach(printJson);
      } else {
        ctx.out(benchTable(results, plan.capMs));
        for (const r of results) {
          if (r.run !== undefined) ctx.out(`range ${r.range}: run ${r.run}, ${r.violations} raft safety violations (coordlab check ${r.run})`);
        }
        ctx.out(`wrote ${files.join(', ')}`);
      }
      if (results.some((r) => (r.violations ?? 0) > 0)) process.exitCode = 1;
    });
  bench.argument('[name]').action((name: string | undefined) => {
    throw new LabError(name === undefined ? 'bench: name a benchmark (election)' : `bench: unknown benchmark '${name}' (benchmarks: election)`);
  });
}
