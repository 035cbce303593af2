/**
 * Benchmark: import (parse + validate + build events) of a 10,000-event ShiViz
 * log written by the ShiViz exporter from a generated 8-node run. Target < 1 s.
 * Run: `npx tsx bench/import.ts [events] [nodes]`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { analyze } from '../shared/causality';
import { parseShiviz, toShiviz, withRunIds } from '../shared/formats';
import { generateRun } from './analyze-gen';

const count = Number(process.argv[2] ?? 10_000);
const nodes = Number(process.argv[3] ?? 8);
const limitMs = 1000;

const events = generateRun(count, nodes, 'bench-import');
const text = toShiviz([{ label: 'bench import', events }]);
console.log(`ShiViz log: ${count} events on ${nodes} nodes, ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length} lines`);

try {
  parseShiviz(text.slice(0, 20_000).replace(/\n[^\n]*$/, '\n'), { file: 'warmup.log' }); // small warm-up
} catch {
  /* a cut prefix may not validate; it only warms the JIT */
}
const times: number[] = [];
const cpu: number[] = [];
let parsedEvents = 0;
for (let k = 0; k < 5; k++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const runs = parseShiviz(text, { file: 'bench.log' });
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  parsedEvents = runs[0].events.length;
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[2];
const back = analyze(withRunIds(parseShiviz(text)[0].events, 'b'));
const orig = analyze(events);
console.log(`parse+validate: wall ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms (limit ${limitMs} ms); cpu ${cpu.map((t) => t.toFixed(0)).join(', ')} ms; ${parsedEvents} events`);
console.log(`load average now: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log(`hb_pairs after import ${back.hb_pairs} = original ${orig.hb_pairs}: ${back.hb_pairs === orig.hb_pairs}`);
const ok = median < limitMs && parsedEvents === count && back.hb_pairs === orig.hb_pairs;
console.log(ok ? 'PASS' : 'FAIL');
process.exitCode = ok ? 0 : 1;
