/**
 * NTP bench (issue 5). `npx tsx bench/ntp.ts` prints the figures and rewrites bench/ntp.md.
 * A: estimate error against chrony serving known offsets (refclock SOCK), our client
 *    next to ntp-time-sync's own getTime() and its getNetworkTime() timestamps, same run.
 * B: drift estimate and disciplined offset against the lab time server, node clock
 *    simulated as host clock + offset + drift (ppm).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostWallMs, libraryExchange, libraryGetTimeOffsetMs, NtpPoller, NtpUdpClient, skewedClock, startChrony, startLabTimeServer } from '../main/ntp';
import { createRng } from '../shared/rng';
import { ClockFilter } from '../shared/ntp';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // poll pacing only
const q = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const f = (x: number, d = 3): string => x.toFixed(d);

interface OffsetRow { offsetS: number; ours: number[]; oursFiltered: number[]; libGetTime: number[]; libExchange: number[]; libFormula: number[] }

async function partA(offsetsS: number[]): Promise<OffsetRow[]> {
  const rows: OffsetRow[] = [];
  for (const offsetS of offsetsS) {
    const chrony = await startChrony({ refclockOffsetS: offsetS });
    const truthMs = offsetS * 1000;
    const row: OffsetRow = { offsetS, ours: [], oursFiltered: [], libGetTime: [], libExchange: [], libFormula: [] };
    try {
      const client = new NtpUdpClient({ rng: createRng(offsetS), replyTimeoutMs: 500 });
      const filter = new ClockFilter();
      for (let i = 0; i < 50; i++) {
        const r = await client.query(chrony.host, chrony.port);
        if (!r.ok) continue;
        row.ours.push(Math.abs(r.sample.offsetMs - truthMs));
        row.oursFiltered.push(Math.abs(filter.add(r.sample).best.offsetMs - truthMs));
      }
      await client.close();
      for (let i = 0; i < 5; i++) row.libGetTime.push(Math.abs((await libraryGetTimeOffsetMs(chrony.host, chrony.port)) - truthMs));
      for (let i = 0; i < 20; i++) {
        const x = await libraryExchange(chrony.host, chrony.port);
        row.libExchange.push(Math.abs(x.offsetMs - truthMs));
        row.libFormula.push(Math.abs(x.libraryFormulaOffsetMs - truthMs));
      }
    } finally {
      await chrony.stop();
    }
    rows.push(row);
    console.log(`chrony ${offsetS} s: ours median ${f(q(row.ours, 0.5))} ms, getTime median ${f(q(row.libGetTime, 0.5))} ms`);
  }
  return rows;
}

interface DriftRow { driftPpm: number; offsetMs: number; estimatePpm: number | null; steps: number; settlePolls: number; maxAbsMs: number; p95AbsMs: number; finalMs: number }

async function partB(cases: { driftPpm: number; offsetMs: number }[], pollMs: number): Promise<DriftRow[]> {
  const server = await startLabTimeServer();
  const rows: DriftRow[] = [];
  try {
    for (const c of cases) {
      let steps = 0;
      let lastOffsetMs = Infinity;
      const p = new NtpPoller({
        rawClock: skewedClock(hostWallMs, c.offsetMs, c.driftPpm), sources: [{ host: server.host, port: server.port }], replyTimeoutMs: 500,
        rng: createRng(c.driftPpm), onEvent: (e) => { if (e.kind === 'step') steps++; if (e.kind === 'step' || e.kind === 'slew') lastOffsetMs = e.action.offsetMs; },
      });
      for (let i = 0; i < 16; i++) { await p.pollOnce(); await sleep(pollMs); }
      const estimatePpm = p.sync.discipline.driftPpm;
      // A phase error below the 128 ms step threshold is slewed at ≤ 500 ppm (40 ms takes 80 s): wait until it is gone.
      let settlePolls = 0;
      while (Math.abs(lastOffsetMs) > 0.2 && settlePolls < 400) { await p.pollOnce(); await sleep(pollMs); settlePolls++; }
      const errs: number[] = [];
      for (let i = 0; i < 16; i++) {
        await p.pollOnce();
        for (let k = 0; k < 5; k++) { await sleep(pollMs / 5); errs.push(p.wallMs() - hostWallMs()); }
      }
      await p.stop();
      const abs = errs.map(Math.abs);
      rows.push({ ...c, estimatePpm, steps, settlePolls, maxAbsMs: Math.max(...abs), p95AbsMs: q(abs, 0.95), finalMs: errs[errs.length - 1] });
      console.log(`drift ${c.driftPpm} ppm: estimate ${estimatePpm?.toFixed(2)} ppm, max |offset| ${Math.max(...abs).toFixed(3)} ms`);
    }
  } finally {
    await server.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const started = Date.now();
  const a = process.env.NTP_BENCH_SKIP_CHRONY ? [] : await partA([-2, -1, -0.25, 0, 0.0004, 0.3, 1.2345, 2]);
  const pollMs = 500;
  const b = await partB([
    { driftPpm: 200, offsetMs: 0 }, { driftPpm: -200, offsetMs: 0 }, { driftPpm: 200, offsetMs: -300 }, { driftPpm: -200, offsetMs: 500 },
    { driftPpm: -200, offsetMs: 5 }, { driftPpm: 100, offsetMs: 0 }, { driftPpm: 0, offsetMs: 0 },
  ], pollMs);
  const pool = (k: keyof Omit<OffsetRow, 'offsetS'>): number[] => a.flatMap((r) => r[k]);
  const L: string[] = [];
  L.push('# NTP: estimate error against chrony, drift and discipline against the lab server', '');
  L.push(`Generated by \`npx tsx bench/ntp.ts\` (${new Date().toISOString().slice(0, 16)}Z, ${((Date.now() - started) / 1000).toFixed(0)} s, 2-core shared machine, loopback UDP). Real chronyd ${'4.3'} with \`-x\`, a \`refclock SOCK\` source fed 10 samples/s whose offset field is the truth.`, '');
  L.push('## A. |estimate − truth| against chrony at known offsets (ms)', '');
  L.push('Ours: `NtpUdpClient` (64-bit T2/T3, T1/T4 from the sub-ms host clock), 50 exchanges per offset, each single exchange and the clock filter\'s estimate (lowest delay of the last 8) after each. ntp-time-sync `getTime(true)`: the library\'s own answer (8 samples averaged, forced on a fresh instance), 5 per offset. `getNetworkTime` + RFC 5905: the library\'s whole-ms timestamps with the correct formula; its own formula on the same timestamps for contrast, 20 per offset.', '');
  L.push('| offset (s) | ours single median | ours single p95 | ours filtered median | ours filtered p95 | getTime() median | getTime() p95 | getNetworkTime+RFC median | its own formula median |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of a) L.push(`| ${r.offsetS} | ${f(q(r.ours, 0.5))} | ${f(q(r.ours, 0.95))} | ${f(q(r.oursFiltered, 0.5))} | ${f(q(r.oursFiltered, 0.95))} | ${f(q(r.libGetTime, 0.5))} | ${f(q(r.libGetTime, 0.95))} | ${f(q(r.libExchange, 0.5))} | ${f(q(r.libFormula, 0.5))} |`);
  L.push(`| **all** | **${f(q(pool('ours'), 0.5))}** | **${f(q(pool('ours'), 0.95))}** | **${f(q(pool('oursFiltered'), 0.5))}** | **${f(q(pool('oursFiltered'), 0.95))}** | ${f(q(pool('libGetTime'), 0.5))} | ${f(q(pool('libGetTime'), 0.95))} | ${f(q(pool('libExchange'), 0.5))} | ${f(q(pool('libFormula'), 0.5))} |`, '');
  L.push(`Load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(', ')} (1/5/15 min; other sessions share the 2 cores).`, '');
  L.push(`Target: median < 0.5 ms, p95 < 2 ms. Ours: single exchanges median ${f(q(pool('ours'), 0.5))} ms, p95 ${f(q(pool('ours'), 0.95))} ms; filtered estimate median ${f(q(pool('oursFiltered'), 0.5))} ms, p95 ${f(q(pool('oursFiltered'), 0.95))} ms. On loopback the round trip is ~0.05 ms, so |offset| ≫ delay/2 and the library's |·| formula is not what hurts it here; its whole-millisecond timestamps are (bug 1 is shown with a 20 ms symmetric path in test/integration/ntp-lab.test.ts).`, '');
  L.push(`## B. Drift estimate and disciplined offset (lab server, poll every ${pollMs} ms)`, '');
  L.push('Node clock = host clock + offset + drift (simulated on the real host clock); the lab server answers from the host clock over UDP. Drift estimate read after 16 polls. An initial offset above 128 ms is stepped at the first poll; one below is slewed at ≤ 500 ppm, so the bench keeps polling until the measured phase error is under 0.2 ms ("settle polls": 5 ms needs ~10 s). Then 16 more polls with the node clock read 5 times per poll interval against the host clock (the truth).', '');
  L.push('| injected drift (ppm) | initial offset (ms) | estimate after 16 polls (ppm) | error (ppm) | steps | settle polls | max abs offset after (ms) | p95 (ms) | final (ms) |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of b) L.push(`| ${r.driftPpm} | ${r.offsetMs} | ${r.estimatePpm === null ? '—' : f(r.estimatePpm, 2)} | ${r.estimatePpm === null ? '—' : f(r.estimatePpm - r.driftPpm, 2)} | ${r.steps} | ${r.settlePolls} | ${f(r.maxAbsMs)} | ${f(r.p95AbsMs)} | ${f(r.finalMs)} |`);
  const worstPpm = Math.max(...b.map((r) => Math.abs((r.estimatePpm ?? Infinity) - r.driftPpm)));
  const worstMs = Math.max(...b.map((r) => r.maxAbsMs));
  L.push('', `Targets: drift within ±10 ppm after 16 polls (worst here ${f(worstPpm, 2)} ppm); disciplined offset < 1 ms afterwards (worst here ${f(worstMs)} ms).`, '');
  L.push('## Notes', '');
  L.push('- Discipline: min-delay clock filter over 8 samples, step above 128 ms, otherwise slew at 500 ppm, frequency from a least-squares fit of raw offset against raw time over the last 16 samples (shared/ntp/discipline.ts).');
  L.push('- The poll interval here is 0.5 s so the bench finishes in about a minute; with NTP\'s usual 16–64 s polls the fit spans more time and the estimate only gets better (the 16 s case is a property test in test/unit/ntp/discipline.test.ts).');
  L.push('- Why the getNetworkTime columns show 0.000 at whole-second offsets: all four of the library\'s timestamps are truncated to whole ms, and on loopback (δ ≈ 0.05 ms) with an offset that is a whole number of ms the truncations cancel; a fractional offset (0.4 ms, 1234.5 ms) shows the rounding error directly.');
  L.push('- The host clock is `performance.timeOrigin + performance.now()`; its agreement with the system clock shows in the 0-offset row of A.');
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'ntp.md'), L.join('\n') + '\n');
  console.log(L.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => { console.error(e); process.exitCode = 1; });
}
