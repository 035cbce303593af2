import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClockDiscipline, ClockFilter, NtpExchange, NtpSync, serverReply, type NtpSample } from '../../../shared/ntp';
import { createRng, type Rng } from '../../../shared/rng';

const BASE_MS = 1_764_115_200_000;

/**
 * A simulated node: raw clock = host·(1 + drift) + offset, disciplined by `sync`; the
 * server tells host time exactly. One-way delays are 0.2 ms ± `noiseMs`.
 */
function simulatedNode(driftPpm: number, offsetMs: number, rng: Rng, noiseMs = 0.02, maxFreqPpm = 500) {
  const sync = new NtpSync({ discipline: { maxFreqPpm } });
  const ex = new NtpExchange({ source: 'sim', rng });
  const raw = (hostMs: number): number => BASE_MS + offsetMs + (hostMs - BASE_MS) * (1 + driftPpm * 1e-6);
  const wall = (hostMs: number): number => sync.disciplinedMs(raw(hostMs));
  const poll = (hostMs: number) => {
    const req = ex.request(wall(hostMs));
    const up = 0.2 + rng.range(-noiseMs, noiseMs);
    const down = 0.2 + rng.range(-noiseMs, noiseMs);
    const bytes = serverReply(req.bytes, hostMs + up, hostMs + up + 0.05)!;
    const arriveHostMs = hostMs + up + 0.05 + down;
    const res = ex.onReply(bytes, wall(arriveHostMs));
    if (!res.ok) throw new Error(res.rejection.reason);
    return { res: res.sample, update: sync.onSample(res.sample, raw(arriveHostMs)) };
  };
  return { sync, raw, wall, poll };
}

describe('clock discipline', () => {
  it('estimates ±200 ppm drift within ±10 ppm after 16 polls and then keeps the offset under 1 ms', () => {
    fc.assert(fc.property(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }), fc.integer(), (driftPpm, offsetMs, seed) => {
      const node = simulatedNode(driftPpm, offsetMs, createRng(seed));
      const pollMs = 16_000;
      let host = BASE_MS;
      for (let i = 0; i < 16; i++, host += pollMs) node.poll(host);
      expect(Math.abs(node.sync.discipline.driftPpm! - driftPpm)).toBeLessThan(10);
      let worst = 0;
      for (let i = 0; i < 16; i++, host += pollMs) {
        node.poll(host);
        for (let f = 0.1; f < 1; f += 0.2) worst = Math.max(worst, Math.abs(node.wall(host + f * pollMs) - (host + f * pollMs)));
      }
      expect(worst).toBeLessThan(1);
    }), { numRuns: 30 });
  });

  it('control: without frequency correction the same run drifts past 1 ms between polls', () => {
    const node = simulatedNode(200, 0, createRng(3), 0.02, 0);
    let host = BASE_MS;
    let worst = 0;
    for (let i = 0; i < 32; i++, host += 16_000) {
      node.poll(host);
      worst = Math.max(worst, Math.abs(node.wall(host + 15_000) - (host + 15_000)));
    }
    expect(worst).toBeGreaterThan(1);
  });

  it('steps when |offset| exceeds the threshold and slews below it', () => {
    const d = new ClockDiscipline({ stepThresholdMs: 128, maxSlewPpm: 500 });
    const step = d.update(-250, BASE_MS);
    expect(step).toMatchObject({ kind: 'step', stepMs: -250 });
    expect(d.disciplinedMs(BASE_MS + 1)).toBeCloseTo(BASE_MS + 1 - 250, 6);
    const slew = d.update(10, BASE_MS + 1000);
    expect(slew.kind).toBe('slew');
    if (slew.kind === 'slew') expect(slew.slewDurationMs).toBeCloseTo(20_000, 3);
    // After 1 s of slewing at 500 ppm only 0.5 ms of the 10 ms is applied.
    expect(d.correctionMs(BASE_MS + 2000) - d.correctionMs(BASE_MS + 1000)).toBeCloseTo(0.5, 6);
    // The whole 10 ms after 20 s, and not a bit more.
    expect(d.correctionMs(BASE_MS + 60_000) - d.correctionMs(BASE_MS + 1000)).toBeCloseTo(10, 6);
  });

  it('honours a configured step threshold and refuses nonsense', () => {
    expect(new ClockDiscipline({ stepThresholdMs: 5 }).update(6, BASE_MS).kind).toBe('step');
    expect(new ClockDiscipline({ stepThresholdMs: 500 }).update(300, BASE_MS).kind).toBe('slew');
    expect(() => new ClockDiscipline({ stepThresholdMs: 0 })).toThrow(/stepThresholdMs must be > 0/);
    expect(() => new ClockDiscipline({ maxSlewPpm: -1 })).toThrow(/maxSlewPpm/);
  });

  it('slewing never runs the clock faster or slower than the bounds (so it never goes back)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -127, max: 127, noNaN: true }), { minLength: 1, maxLength: 20 }), (offsets) => {
      const d = new ClockDiscipline({ maxSlewPpm: 500, maxFreqPpm: 0 });
      let raw = BASE_MS;
      for (const o of offsets) {
        d.update(o, raw);
        for (let k = 0; k < 10; k++) {
          const before = d.disciplinedMs(raw);
          raw += 1000;
          const rate = (d.disciplinedMs(raw) - before) / 1000;
          expect(rate).toBeGreaterThan(1 - 500e-6 - 1e-9);
          expect(rate).toBeLessThan(1 + 500e-6 + 1e-9);
        }
      }
    }));
  });
});

describe('clock filter', () => {
  const s = (atMs: number, delayMs: number, offsetMs: number): NtpSample => ({
    source: 'x', offsetMs, delayMs, dispersionMs: 0, rootDelayMs: 0, rootDispersionMs: 0, stratum: 2, referenceId: 0, precisionLog2: -20, atMs, t1Ms: 0, t2Ms: 0, t3Ms: 0, t4Ms: atMs,
  });

  it('picks the lowest delay of the last 8 and hands each sample on at most once', () => {
    const f = new ClockFilter();
    expect(f.add(s(1, 5, 10)).fresh).toBe(true);
    const r2 = f.add(s(2, 9, 50));
    expect(r2.best.offsetMs).toBe(10);
    expect(r2.fresh).toBe(false);
    expect(f.add(s(3, 1, -3)).best.offsetMs).toBe(-3);
    for (let i = 4; i < 11; i++) f.add(s(i, 4 + i, i));
    // The 1 ms sample (at 3) has aged out after 8 more; the best left is delay 8 (at 4).
    const r = f.add(s(11, 30, 0));
    expect(f.held.length).toBe(8);
    expect(r.best.atMs).toBe(4);
  });

  it('oracle: best is the min-delay sample of the last 8', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 40 }), (xs) => {
      const f = new ClockFilter();
      xs.forEach(([delay, off], i) => {
        const out = f.add(s(i, delay, off));
        const window = xs.slice(Math.max(0, i - 7), i + 1);
        expect(out.best.delayMs).toBe(Math.min(...window.map(([d]) => d)));
      });
    }));
  });
});

describe('NtpSync', () => {
  it('rejections never move the clock', () => {
    const sync = new NtpSync();
    sync.discipline.update(-20, BASE_MS);
    const before = sync.disciplinedMs(BASE_MS + 5000);
    for (const kind of ['timeout', 'garbage', 'unsolicited', 'unsynchronized', 'absurd'] as const) {
      sync.onRejection({ source: 'a', kind, reason: kind, atMs: BASE_MS });
    }
    expect(sync.disciplinedMs(BASE_MS + 5000)).toBe(before);
    expect(sync.rejectionCount('a')).toBe(5);
  });
});

describe('drift fit', () => {
  it('exact on a noiseless line; one slow exchange (large delay) barely tilts the weighted fit', async () => {
    const { fitDrift } = await import('../../../shared/ntp');
    const line = Array.from({ length: 16 }, (_, i) => ({ rawAtMs: i * 500, rawOffsetMs: 3 - i * 500 * 200e-6, delayMs: 0.05 }));
    expect(fitDrift(line)!.slope * 1e6).toBeCloseTo(-200, 9);
    const withOutlier = [{ ...line[0], rawOffsetMs: line[0].rawOffsetMs - 0.5, delayMs: 1.0 }, ...line.slice(1)];
    expect(Math.abs(fitDrift(withOutlier)!.slope * 1e6 + 200)).toBeLessThan(0.5);
    const unweighted = withOutlier.map(({ delayMs: _d, ...p }) => p);
    expect(Math.abs(fitDrift(unweighted)!.slope * 1e6 + 200)).toBeGreaterThan(10);
  });
});
