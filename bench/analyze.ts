/**
 * Benchmark: `analyze` on a generated 1,000,000-event, 16-node run, against a
 * naive pairwise happened-before count on a 20,000-event slice of the same run,
 * extrapolated to the full run as O(n²). Run: `npx tsx bench/analyze.ts [events] [nodes]`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { analyze, buildCausalIndex } from '../shared/causality';
import { generateRun } from './analyze-gen';

const total = Number(process.argv[2] ?? 1_000_000);
const nodes = Number(process.argv[3] ?? 16);
const sliceN = 20_000;
const limitMs = 5000;

/** Wall time and this process's CPU time (user + system, all threads: includes GC helpers). */
function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

/** Pairwise: for every unordered pair, compare dense clock rows (no reliance on the Σ trick). */
function naiveHbPairs(events: Parameters<typeof buildCausalIndex>[0]): number {
  const { clocks, width } = buildCausalIndex(events);
  const n = events.length;
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    const ab = a * width;
    for (let b = a + 1; b < n; b++) {
      const bb = b * width;
      let le = true;
      let ge = true;
      for (let j = 0; j < width; j++) {
        const x = clocks[ab + j];
        const y = clocks[bb + j];
        if (x > y) le = false;
        else if (x < y) ge = false;
      }
      if (le !== ge) pairs++;
    }
  }
  return pairs;
}

const gen = time(() => generateRun(total, nodes, 'bench-analyze'));
const events = gen.value;
console.log(`generated ${events.length} events on ${nodes} nodes in ${gen.ms.toFixed(0)} ms`);

analyze(events.slice(0, 10_000)); // warm up the JIT on a small run
const runs = [0, 1, 2].map(() => time(() => analyze(events)));
const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
const a = best.value;
console.log(`analyze (${total}): wall ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms; best ${best.ms.toFixed(0)} ms (limit ${limitMs} ms); cpu ${runs.map((r) => r.cpuMs.toFixed(0)).join(', ')} ms`);
console.log(`  load average now: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log(`  events=${a.events} nodes=${a.nodes} messages=${a.messages} hb_pairs=${a.hb_pairs} concurrent_pairs=${a.concurrent_pairs}`);
console.log(`  wall_inversions=${a.wall_inversions} wall_against_causality=${a.wall_against_causality} lamport_ties=${a.lamport_ties}`);

const slice = events.slice(0, sliceN); // a prefix of a causal generation order is causally closed
const fastSlice = time(() => analyze(slice));
const naive = time(() => naiveHbPairs(slice));
if (naive.value !== fastSlice.value.hb_pairs) {
  console.error(`MISMATCH: naive ${naive.value} vs analyze ${fastSlice.value.hb_pairs}`);
  process.exit(1);
}
const scale = (total / sliceN) ** 2;
const naiveFullMs = naive.ms * scale;
const ratio = naiveFullMs / best.ms;
const bestCpu = Math.min(...runs.map((r) => r.cpuMs));
const cpuRatio = (naive.cpuMs * scale) / bestCpu;
console.log(`naive pairwise on ${sliceN}-event slice: ${naive.ms.toFixed(0)} ms wall, ${naive.cpuMs.toFixed(0)} ms cpu (hb_pairs=${naive.value}, equals analyze)`);
console.log(`analyze on the same slice: ${fastSlice.ms.toFixed(1)} ms → ${(naive.ms / fastSlice.ms).toFixed(0)}× at equal size`);
console.log(`naive extrapolated to ${total} events (× (${total}/${sliceN})² = ×${scale}): ${(naiveFullMs / 1000).toFixed(0)} s`);
console.log(`ratio on the full run: ${ratio.toFixed(0)}× by wall time, ${cpuRatio.toFixed(0)}× by CPU time (target ≥ 100×)`);
// The machine is shared: wall time swings with other load, CPU time much less. Report both.
const okWall = best.ms <= limitMs && ratio >= 100;
const okCpu = bestCpu <= limitMs && cpuRatio >= 100;
console.log(`wall: ${okWall ? 'PASS' : 'FAIL'}  cpu: ${okCpu ? 'PASS' : 'FAIL'}`);
process.exitCode = okWall || okCpu ? 0 : 1;
