import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNodeClock, MAX_CORRECTION_PPM, type HostReading } from '../../../shared/clock-model';
import type { ClockFault } from '../../../shared/experiment';
import { createRng } from '../../../shared/rng';

const START: HostReading = { wallMs: 1_700_000_000_000, monoNs: 5_000_000_000n };

/** The host `ms` after the start, both clocks advancing together. */
function at(ms: number): HostReading {
  return { wallMs: START.wallMs + ms, monoNs: START.monoNs + BigInt(Math.round(ms * 1e6)) };
}

function clock(fault: Partial<ClockFault> = {}, seed = 1) {
  return createNodeClock({ offsetMs: 0, driftPpm: 0, steps: [], jitterMs: 0, ...fault }, START, createRng(seed));
}

const hostReading = fc.record({
  wallMs: fc.double({ min: 1.6e12, max: 1.8e12, noNaN: true }),
  monoNs: fc.bigInt({ min: 0n, max: 10n ** 13n }),
});

describe('node clock model', () => {
  it('a perfect clock reads the host clocks', () => {
    const c = clock();
    expect(c.read(at(1234.5))).toEqual({ wallMs: START.wallMs + 1234.5, monoNs: START.monoNs + 1_234_500_000n });
    expect(c.truthErrorMs(START.wallMs + 99)).toBe(0);
  });

  it('offset and drift: after T ms the wall error is offset + d·T/1e6 ± jitter; the truth error has no jitter (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -100_000, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 3.6e6, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer(),
        (offsetMs, driftPpm, tMs, jitterMs, seed) => {
          const c = clock({ offsetMs, driftPpm, jitterMs }, seed);
          const expected = offsetMs + (driftPpm * tMs) / 1e6;
          expect(Math.abs(c.wallMs(at(tMs)) - at(tMs).wallMs - expected)).toBeLessThanOrEqual(jitterMs + 1e-3);
          expect(c.truthErrorMs(at(tMs).wallMs, at(tMs).monoNs)).toBeCloseTo(expected, 3);
          expect(c.truthErrorMs(at(tMs).wallMs)).toBeCloseTo(expected, 3);
        },
      ),
    );
  });

  it('jitter stays within ±jitterMs around the true error, varies, and replays from the seed', () => {
    const reads = (seed: number) => {
      const c = clock({ offsetMs: 50, driftPpm: 100, jitterMs: 2 }, seed);
      return Array.from({ length: 500 }, (_, i) => c.wallMs(at(i * 10)) - at(i * 10).wallMs - (50 + (100 * i * 10) / 1e6));
    };
    const errs = reads(7);
    for (const e of errs) expect(Math.abs(e)).toBeLessThanOrEqual(2);
    expect(Math.max(...errs) - Math.min(...errs)).toBeGreaterThan(3);
    expect(reads(7)).toEqual(errs);
    expect(reads(8)).not.toEqual(errs);
  });

  it('the monotonic clock runs at the drifted rate and ignores offset, steps and jitter', () => {
    const c = clock({ offsetMs: 1e6, driftPpm: 500, jitterMs: 5, steps: [{ atMs: 100, byMs: -60_000 }] });
    const m0 = c.monoNs(at(0));
    const m1 = c.monoNs(at(10_000));
    expect(Number(m1 - m0) / 1e6).toBeCloseTo(10_000 * (1 + 500 / 1e6), 6);
  });

  it('scheduled steps fire at their run time, forward and backward; the wall clock may go back', () => {
    const c = clock({ steps: [{ atMs: 4000, byMs: -1500 }, { atMs: 6000, byMs: 200 }] });
    expect(c.truthErrorMs(at(3999).wallMs, at(3999).monoNs)).toBe(0);
    expect(c.wallMs(at(4000)) - at(4000).wallMs).toBe(-1500);
    expect(c.wallMs(at(4001))).toBeLessThan(c.wallMs(at(3999)));
    expect(c.state(at(7000)).steppedMs).toBe(-1300);
    expect(c.steps(at(5000)).map((s) => s.byMs)).toEqual([-1500]);
  });

  it('monotonic never decreases for any sequence of host readings, steps and NTP corrections (property)', () => {
    type Op =
      | { op: 'read'; h: HostReading }
      | { op: 'step'; h: HostReading; byMs: number }
      | { op: 'slew'; h: HostReading; ppm: number; forMs: number }
      | { op: 'freq'; h: HostReading; ppm: number };
    const ppm = fc.double({ min: -MAX_CORRECTION_PPM, max: MAX_CORRECTION_PPM, noNaN: true });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('read' as const), h: hostReading }),
      fc.record({ op: fc.constant('step' as const), h: hostReading, byMs: fc.double({ min: -1e7, max: 1e7, noNaN: true }) }),
      fc.record({ op: fc.constant('slew' as const), h: hostReading, ppm, forMs: fc.double({ min: 0, max: 1e7, noNaN: true }) }),
      fc.record({ op: fc.constant('freq' as const), h: hostReading, ppm }),
    );
    fc.assert(
      fc.property(fc.double({ min: -100_000, max: 100_000, noNaN: true }), fc.array(op, { maxLength: 60 }), (driftPpm, ops) => {
        const c = clock({ driftPpm, jitterMs: 3 });
        let last = -1n;
        for (const o of ops) {
          if (o.op === 'step') c.stepBy(o.byMs, o.h);
          else if (o.op === 'slew') c.ntpSlew(o.ppm, o.forMs, o.h);
          else if (o.op === 'freq') c.ntpSetFrequency(o.ppm, o.h);
          const m = c.monoNs(o.h);
          expect(m >= last).toBe(true);
          last = m;
        }
      }),
    );
  });

  it('with the host moving forward, the monotonic clock strictly advances even at -10 % drift and full negative corrections', () => {
    const c = clock({ driftPpm: -100_000 });
    c.ntpSetFrequency(-MAX_CORRECTION_PPM, at(0));
    c.ntpSlew(-MAX_CORRECTION_PPM, 1e9, at(0));
    let last = c.monoNs(at(0));
    for (let ms = 1; ms < 1000; ms += 7) {
      const m = c.monoNs(at(ms));
      expect(m > last).toBe(true);
      last = m;
    }
    expect(c.state(at(5)).rateErrorPpm).toBe(-300_000);
  });

  it('a live clock-step fault and an NTP step move the wall clock from the moment they are applied', () => {
    const c = clock({ offsetMs: 100 });
    c.stepBy(-40, at(1000));
    expect(c.truthErrorMs(at(999).wallMs, at(999).monoNs)).toBe(100);
    expect(c.truthErrorMs(at(1000).wallMs, at(1000).monoNs)).toBe(60);
    c.ntpStep(-60, at(2000));
    expect(c.wallMs(at(2500))).toBe(at(2500).wallMs);
    expect(c.steps(at(3000)).map((s) => s.source)).toEqual(['fault', 'ntp']);
  });

  it('an NTP slew removes an offset at its rate and then stops; a new slew replaces a running one', () => {
    const c = clock({ offsetMs: -10 });
    c.ntpSlew(500, 20_000, at(1000)); // +500 ppm for 20 s = +10 ms
    expect(c.truthErrorMs(at(11_000).wallMs, at(11_000).monoNs)).toBeCloseTo(-5, 9);
    expect(c.state(at(11_000)).slewPpm).toBe(500);
    expect(c.truthErrorMs(at(30_000).wallMs, at(30_000).monoNs)).toBeCloseTo(0, 9);
    expect(c.state(at(30_000)).slewPpm).toBe(0);
    const d = clock({ offsetMs: -10 });
    d.ntpSlew(500, 20_000, at(0));
    d.ntpSlew(-500, 2_000, at(4_000)); // +2 ms so far, then −1 ms
    expect(d.truthErrorMs(at(60_000).wallMs, at(60_000).monoNs)).toBeCloseTo(-9, 9);
  });

  it('an NTP frequency correction cancels drift from the moment it is set', () => {
    const c = clock({ driftPpm: 200 });
    c.ntpSetFrequency(-200, at(10_000)); // 2 ms gained so far
    expect(c.truthErrorMs(at(10_000).wallMs, at(10_000).monoNs)).toBeCloseTo(2, 9);
    expect(c.truthErrorMs(at(100_000).wallMs, at(100_000).monoNs)).toBeCloseTo(2, 9);
    expect(c.state(at(50_000))).toMatchObject({ frequencyPpm: -200, rateErrorPpm: 0, driftPpm: 200 });
  });

  it('refuses corrections beyond the limit', () => {
    const c = clock();
    expect(() => c.ntpSetFrequency(MAX_CORRECTION_PPM + 1, at(0))).toThrow(/beyond/);
    expect(() => c.ntpSlew(10, -1, at(0))).toThrow(RangeError);
    expect(() => c.ntpStep(Number.NaN, at(0))).toThrow(RangeError);
  });
});
