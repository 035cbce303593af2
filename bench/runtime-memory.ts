/**
 * Memory: main's RSS and heap through a long 32-node causality run (default 10 min;
 * MINUTES=… to change). Flat means: no growth trend after warm-up while events keep
 * being recorded. Run: npx tsx bench/runtime-memory.ts
 */
import { Lab } from '../main/lab/lab';
import { exp, fmt, loadLine, tempStore } from './runtime-util';

const MINUTES = Number(process.env.MINUTES ?? 10);
const MB = 2 ** 20;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

async function main(): Promise<void> {
  const t = tempStore();
  const before = process.memoryUsage().rss;
  const lab = await Lab.start({ store: t.store, experiment: exp({ scenario: 'causality', nodes: 32, durationMs: MINUTES * 60_000 }) });
  const samples: Array<{ min: number; rss: number; heap: number; events: number }> = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const events = (t.store.db.prepare('SELECT events FROM runs WHERE id = ?').get(lab.run) as { events: number }).events;
    samples.push({ min: lab.runTimeMs() / 60_000, rss: m.rss / MB, heap: m.heapUsed / MB, events });
    if (samples.length % 60 === 0) console.error(`  ${samples.length / 60} min: rss ${(m.rss / MB).toFixed(1)} MB, heap ${(m.heapUsed / MB).toFixed(1)} MB, ${fmt(events)} events`);
  }, 1000);
  const res = await lab.done;
  clearInterval(timer);
  t.done();
  const warm = samples.filter((s) => s.min >= 1);
  const peak = Math.max(...samples.map((s) => s.rss));
  const rssSlope = slope(warm.map((s) => s.min), warm.map((s) => s.rss));
  const heapSlope = slope(warm.map((s) => s.min), warm.map((s) => s.heap));
  const at1 = warm[0];
  const last = samples[samples.length - 1];
  console.log(`memory, 32-node causality run for ${MINUTES} min (${res.status}, ${fmt(res.events)} events, ${res.crashed.length} crashed); ${loadLine()}`);
  console.log(`  main RSS : before start ${(before / MB).toFixed(1)} MB, at 1 min ${at1.rss.toFixed(1)} MB, at end ${last.rss.toFixed(1)} MB, peak ${peak.toFixed(1)} MB`);
  console.log(`  trend    : RSS ${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(2)} MB/min, heap ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB/min after the first minute (heap ${at1.heap.toFixed(1)} → ${last.heap.toFixed(1)} MB)`);
  console.log(JSON.stringify({ bench: 'runtime-memory', minutes: MINUTES, events: res.events, beforeMB: before / MB, at1MB: at1.rss, endMB: last.rss, peakMB: peak, rssSlopeMBPerMin: rssSlope, heapSlopeMBPerMin: heapSlope }));
}

void main();
