/**
 * The Raft paper's leader-election experiment (Ongaro & Ousterhout 2014, §9.3,
 * Figure 16) in the deterministic simulator.
 *
 *   npx tsx bench/election-sim.ts [--trials 1000] [--seed 1] [--broadcast-ms 15] [--out bench/results]
 *
 * Writes election-sim.{csv,json}, election-sim-cdf.csv and the CDF plots
 * election-sim-top.svg / election-sim-bottom.svg, and prints the lab's figures next
 * to the paper's. A second, smaller configuration (broadcast time 7.5 ms) shows how
 * much the result depends on the network delay.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareWithPaper, electionJson, PAPER_RANGES, parseTimeoutRange, renderCdfSvg, runElectionBench,
  type ElectionBenchOptions, type ElectionRangeResult,
} from '../shared/sim';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}

const trials = Number(arg('trials', '1000'));
const seed = arg('seed', '1');
const broadcastTimeMs = Number(arg('broadcast-ms', '15'));
const out = arg('out', join(__dirname, 'results'));

function progress(label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last && done !== total) return;
    last = pct;
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r${label} [${bar}] ${String(pct).padStart(3)}% ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/** Run the paper's ranges; 150-150 gets a tenth of the trials, as in the paper (100 of 1000). */
function runConfig(name: string, base: Omit<ElectionBenchOptions, 'ranges' | 'trials'>): ElectionRangeResult[] {
  const ranges = [...new Set([...PAPER_RANGES.top, ...PAPER_RANGES.bottom])].map(parseTimeoutRange);
  const fixed = ranges.filter((r) => r.minMs === r.maxMs);
  const random = ranges.filter((r) => r.minMs !== r.maxMs);
  const t0 = Date.now();
  const a = runElectionBench({ ...base, ranges: fixed, trials: Math.max(1, Math.round(trials / 10)), onProgress: progress(`${name} 150-150`) });
  const b = runElectionBench({ ...base, ranges: random, trials, onProgress: progress(`${name} others `) });
  process.stderr.write(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return [...a, ...b];
}

const f0 = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '-');

function table(name: string, results: ElectionRangeResult[]): string {
  const lines = [`${name}`, 'range      trials  median_ms  mean_ms  p99_ms  max_ms  censored(>=cap)'];
  for (const r of results) {
    lines.push(`${r.range.padEnd(9)} ${String(r.trials).padStart(6)} ${f0(r.median_ms).padStart(10)} ${f0(r.mean_ms).padStart(8)} ${f0(r.p99_ms).padStart(7)} ${f0(r.max_ms).padStart(7)} ${String(r.censored).padStart(9)}`);
  }
  const rows = compareWithPaper(results);
  const w = Math.max(...rows.map((c) => c.text.length));
  lines.push('', `${'the paper says'.padEnd(w)} | paper     | lab (same statistic)`);
  for (const c of rows) {
    const paper = `${c.stat === 'min_ms' ? '>' : ''}${c.paperMs} ms`;
    const lab = c.labMs === null ? '-' : `${f0(c.labMs)} ms (${c.stat.replace('_ms', '')}${c.stat === 'min_ms' ? ', capped at 10 s' : ''})`;
    lines.push(`${c.text.padEnd(w)} | ${paper.padEnd(9)} | ${lab}`);
  }
  return lines.join('\n');
}

function csvRows(config: string, results: ElectionRangeResult[]): { summary: string[]; cdf: string[] } {
  const summary = results.map((r) => [config, r.range, r.trials, r.median_ms, r.mean_ms, r.p99_ms, r.max_ms, r.censored].join(','));
  const cdf = results.flatMap((r) => r.cdf.map(([v, f]) => `${config},${r.range},${v.toFixed(3)},${f.toFixed(4)}`));
  return { summary, cdf };
}

mkdirSync(out, { recursive: true });
const capMs = 10_000;
const main = runConfig(`broadcast ${broadcastTimeMs} ms`, { seed, broadcastTimeMs, capMs });
const alt = runConfig('broadcast 7.5 ms', { seed, broadcastTimeMs: 7.5, capMs });

const mainName = `bt${broadcastTimeMs}`;
const s1 = csvRows(mainName, main);
const s2 = csvRows('bt7.5', alt);
writeFileSync(join(out, 'election-sim.csv'), ['config,range,trials,median_ms,mean_ms,p99_ms,max_ms,censored', ...s1.summary, ...s2.summary].join('\n') + '\n');
writeFileSync(join(out, 'election-sim-cdf.csv'), ['config,range,downtime_ms,fraction', ...s1.cdf, ...s2.cdf].join('\n') + '\n');
writeFileSync(join(out, 'election-sim.json'), JSON.stringify({ seed, trials, capMs, configs: { [mainName]: main.map(electionJson), 'bt7.5': alt.map(electionJson) } }, null, 2) + '\n');
// Trials that hit the cap are not drawn (their downtime is only a lower bound); the legend counts them.
const pick = (rs: ElectionRangeResult[], names: readonly string[]) => names
  .map((n) => rs.find((r) => r.range === n))
  .filter((r): r is ElectionRangeResult => r !== undefined)
  .map((r) => ({
    label: `${r.range} ms${r.censored > 0 ? ` (${r.censored} of ${r.trials} over ${capMs / 1000} s)` : ''}`,
    cdf: r.cdf.filter(([v]) => v < capMs),
  }));
writeFileSync(join(out, 'election-sim-top.svg'), renderCdfSvg(pick(main, PAPER_RANGES.top), { title: `Election downtime, varying randomness (sim, broadcast ${broadcastTimeMs} ms)`, xMinMs: 100, xMaxMs: 100_000 }));
writeFileSync(join(out, 'election-sim-bottom.svg'), renderCdfSvg(pick(main, PAPER_RANGES.bottom), { title: `Election downtime, scaling the timeout (sim, broadcast ${broadcastTimeMs} ms)`, xMinMs: 10, xMaxMs: 10_000 }));
writeFileSync(join(out, 'election-sim-bt7.5-bottom.svg'), renderCdfSvg(pick(alt, PAPER_RANGES.bottom), { title: 'Election downtime, scaling the timeout (sim, broadcast 7.5 ms)', xMinMs: 10, xMaxMs: 10_000 }));
writeFileSync(join(out, 'election-sim-bt7.5-top.svg'), renderCdfSvg(pick(alt, PAPER_RANGES.top), { title: 'Election downtime, varying randomness (sim, broadcast 7.5 ms)', xMinMs: 100, xMaxMs: 100_000 }));

console.log(table(`Simulated, broadcast time ${broadcastTimeMs} ms (one-way delay uniform ${(broadcastTimeMs / 3).toFixed(1)}-${((2 * broadcastTimeMs) / 3).toFixed(1)} ms), seed ${seed}, cap ${capMs / 1000} s`, main));
console.log('');
console.log(table('Simulated, broadcast time 7.5 ms (one-way delay uniform 2.5-5 ms)', alt));
console.log(`\nwrote ${out}/election-sim.{csv,json}, election-sim-cdf.csv, election-sim-{top,bottom}.svg, election-sim-bt7.5-{top,bottom}.svg`);
