/**
 * What the runs of `coordlab bench election` (real processes) recorded, trial by
 * trial, read back from the database: the downtime (lab crash → next election win,
 * host monotonic clock), where the crash fell after the leader's last heartbeat
 * round, and how many candidacies and terms each election took (split votes).
 *
 *   npx tsx bench/election-real-record.ts DB [--csv FILE] [--out DIR]
 *
 * `--out DIR` also writes bench-election-real.{csv,svg} and -cdf.csv there, as the
 * bench itself does, over every bench run in the database (a range recorded twice
 * keeps its run with the most trials).
 */
import { writeFileSync } from 'node:fs';
import { Store } from '../main/store';
import type { LabEvent } from '../shared/events';
import { cdfPoints, summarize } from '../shared/sim';
import { benchTable, writeBenchFiles, type ElectionBenchResult } from '../main/bench/election-report';

const db = process.argv[2];
if (!db) {
  process.stderr.write('usage: npx tsx bench/election-real-record.ts DB [--csv FILE]\n');
  process.exit(2);
}
const csvAt = process.argv.indexOf('--csv');
const csvPath = csvAt > 0 ? process.argv[csvAt + 1] : null;
const outAt = process.argv.indexOf('--out');
const outDir = outAt > 0 ? process.argv[outAt + 1] : null;
const CAP_MS = 10_000;

const monoMs = (e: LabEvent): number => Number(BigInt(e.mono_ns!) / 1000n) / 1000;
const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');

interface Trial {
  range: string;
  downtimeMs: number;
  crashAfterHeartbeatMs: number | null;
  candidacies: number;
  terms: number;
}

function trialsOf(range: string, events: LabEvent[]): Trial[] {
  const crashes = events.filter((e) => e.node === 'lab' && e.kind === 'crash');
  const wins = events.filter((e) => e.kind === 'state' && e.data?.role === 'leader' && e.data.prevRole !== 'leader');
  const candidates = events.filter((e) => e.kind === 'state' && e.data?.role === 'candidate');
  const heartbeats = events.filter((e) => e.kind === 'send' && e.data?.type === 'AppendEntries');
  // A crash that hit a node no longer leader is not a trial (the bench repeats it).
  const states = events.filter((e) => e.kind === 'state');
  const hitLeader = (c: LabEvent): boolean => states.filter((e) => e.node === c.data?.node && e.id < c.id).at(-1)?.data?.role === 'leader';
  return crashes.filter(hitLeader).map((c) => {
    const at = monoMs(c);
    const node = String(c.data?.node);
    const next = wins.find((w) => monoMs(w) > at);
    const end = next ? monoMs(next) : Infinity;
    const hb = heartbeats.filter((h) => h.node === node && monoMs(h) <= at).at(-1);
    const during = candidates.filter((e) => monoMs(e) > at && monoMs(e) <= end);
    const lastTerm = wins.filter((w) => monoMs(w) <= at).at(-1)?.data?.term as number | undefined;
    return {
      range,
      downtimeMs: next ? end - at : NaN,
      crashAfterHeartbeatMs: hb ? at - monoMs(hb) : null,
      candidacies: during.length,
      terms: next && lastTerm !== undefined ? (next.data!.term as number) - lastTerm : NaN,
    };
  });
}

/** Median and 90th percentile of a sample, ms. */
function mid90(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? `${f1(s[Math.floor(s.length / 2)])} / ${f1(s[Math.floor(s.length * 0.9)])}` : '-';
}

/**
 * A vote request's one-way trip on real processes, send → receive as recorded: the lab
 * network's drawn delay plus two process hops through main and the receiver's queue.
 */
function voteOneWayMs(events: LabEvent[]): number[] {
  const sent = new Map<string, number>();
  const out: number[] = [];
  for (const e of events) {
    if (e.data?.type !== 'RequestVote' || !e.msg) continue;
    if (e.kind === 'send') sent.set(e.msg, monoMs(e));
    else if (e.kind === 'receive' && sent.has(e.msg)) out.push(monoMs(e) - sent.get(e.msg)!);
  }
  return out;
}

const store = new Store(db, { readonly: true });
const all: Trial[] = [];
const byRange = new Map<string, ElectionBenchResult>();
console.log('range      trials  median_ms  crash after hb: mean  min  max (interval)  candidacies/trial  terms/trial  split (>1 term)  RequestVote one-way, median / p90');
for (const r of store.listRuns({ limit: 1000 }).reverse()) {
  const detail = store.getRun(r.run)!;
  if (detail.meta.bench !== 'election') continue;
  const range = String(detail.meta.range);
  const hbMs = Number((detail.experiment.options as Record<string, unknown>).heartbeatMs);
  const events = store.allEvents(r.run);
  const trials = trialsOf(range, events);
  const oneWay = voteOneWayMs(events);
  all.push(...trials);
  const offsets = trials.map((t) => t.crashAfterHeartbeatMs).filter((x): x is number => x !== null);
  const downtimes = trials.map((t) => (Number.isFinite(t.downtimeMs) ? Math.min(t.downtimeMs, CAP_MS) : CAP_MS));
  const s = summarize(downtimes);
  const [lo, hi] = range.split('-').map(Number);
  if ((byRange.get(range)?.trials ?? -1) < trials.length) {
    byRange.set(range, { range, minMs: lo, maxMs: hi, heartbeatMs: hbMs, ...s, censored: downtimes.filter((d) => d >= CAP_MS).length, cdf: cdfPoints(downtimes), downtimesMs: downtimes, run: r.run, error: trials.length ? undefined : 'no trial: the cluster never settled on one leader' });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `${range.padEnd(9)} ${String(trials.length).padStart(6)} ${f1(s.median_ms).padStart(10)}  ${f1(mean(offsets)).padStart(19)} ${f1(Math.min(...offsets)).padStart(4)} ${f1(Math.max(...offsets)).padStart(5)} (${hbMs} ms)` +
      `  ${f1(mean(trials.map((t) => t.candidacies))).padStart(17)}  ${f1(mean(trials.map((t) => t.terms))).padStart(11)}  ${String(trials.filter((t) => t.terms > 1).length).padStart(15)}  ${mid90(oneWay).padStart(33)}`,
  );
}
store.close();
const results = [...byRange.values()].sort((a, b) => a.minMs - b.minMs || a.maxMs - b.maxMs);
console.log('');
console.log(benchTable(results, CAP_MS));
if (outDir) {
  const files = writeBenchFiles(outDir, 'bench-election-real', results, { title: 'Election downtime (real processes, 5 nodes, broadcast 15 ms)', capMs: CAP_MS });
  console.log(`wrote ${files.join(', ')}`);
}
if (csvPath) {
  writeFileSync(csvPath, ['range,downtime_ms,crash_after_heartbeat_ms,candidacies,terms', ...all.map((t) => [t.range, t.downtimeMs.toFixed(3), t.crashAfterHeartbeatMs?.toFixed(3) ?? '', t.candidacies, t.terms].join(','))].join('\n') + '\n');
  console.log(`wrote ${csvPath}`);
}
