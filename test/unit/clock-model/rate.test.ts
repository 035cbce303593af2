import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RateHistory } from '../../../shared/clock-model/rate';

type Change = { kind: 'freq'; atMs: number; ppm: number } | { kind: 'slew'; atMs: number; ppm: number; forMs: number };

/** Dumb oracle: every correction as an explicit [start, end) segment, integrated by overlap. */
function oracleGainedMs(changes: readonly Change[], e: number): number {
  const segs: Array<{ from: number; to: number; ppm: number }> = [];
  const freqs = changes.filter((c) => c.kind === 'freq');
  freqs.forEach((f, i) => segs.push({ from: f.atMs, to: i + 1 < freqs.length ? freqs[i + 1].atMs : Infinity, ppm: f.ppm }));
  const slews = changes.filter((c): c is Extract<Change, { kind: 'slew' }> => c.kind === 'slew');
  slews.forEach((s, i) => {
    const next = i + 1 < slews.length ? slews[i + 1].atMs : Infinity;
    segs.push({ from: s.atMs, to: Math.min(s.atMs + s.forMs, next), ppm: s.ppm });
  });
  return segs.reduce((sum, s) => sum + s.ppm * Math.max(0, Math.min(s.to, e) - Math.max(s.from, 0)), 0) / 1e6;
}

describe('RateHistory', () => {
  it('integrates frequency settings and slews like the dumb oracle, at any time (property)', () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('freq' as const), gapMs: fc.double({ min: 0, max: 1e4, noNaN: true }), ppm: fc.double({ min: -1e5, max: 1e5, noNaN: true }) }),
      fc.record({ kind: fc.constant('slew' as const), gapMs: fc.double({ min: 0, max: 1e4, noNaN: true }), ppm: fc.double({ min: -1e5, max: 1e5, noNaN: true }), forMs: fc.double({ min: 0, max: 2e4, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), fc.array(fc.double({ min: -100, max: 5e5, noNaN: true }), { maxLength: 20 }), (raw, probes) => {
        const h = new RateHistory();
        const changes: Change[] = [];
        let t = 0;
        for (const c of raw) {
          t += c.gapMs;
          if (c.kind === 'freq') {
            h.setFrequency(t, c.ppm);
            changes.push({ kind: 'freq', atMs: t, ppm: c.ppm });
          } else {
            h.slew(t, c.ppm, c.forMs);
            changes.push({ kind: 'slew', atMs: t, ppm: c.ppm, forMs: c.forMs });
          }
        }
        for (const e of [...probes, t, t + 1]) {
          const want = oracleGainedMs(changes, e);
          expect(Math.abs(h.gainedMs(e) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)) + 1e-9);
        }
      }),
    );
  });

  it('reports the frequency and slew in force', () => {
    const h = new RateHistory();
    h.setFrequency(10, 5);
    h.slew(20, 100, 30);
    expect([h.frequencyAt(9), h.frequencyAt(10), h.slewAt(19), h.slewAt(20), h.slewAt(49.9), h.slewAt(50)]).toEqual([0, 5, 0, 100, 100, 0]);
    expect(h.lastChangeMs).toBe(20);
  });
});
