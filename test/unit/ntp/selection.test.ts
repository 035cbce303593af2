import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NtpExchange, NtpSync, selectSources, serverReply } from '../../../shared/ntp';

describe('source selection (Marzullo intersection)', () => {
  it('discards a falseticker and picks the lowest-distance truechimer', () => {
    const r = selectSources([
      { source: 'a', offsetMs: 1, distanceMs: 5 },
      { source: 'b', offsetMs: -1, distanceMs: 3 },
      { source: 'c', offsetMs: 0.5, distanceMs: 8 },
      { source: 'liar', offsetMs: 900, distanceMs: 2 },
    ]);
    expect(r.chosen?.source).toBe('b');
    expect(r.falsetickers.map((c) => c.source)).toEqual(['liar']);
    expect(r.intersectionMs).toEqual([-4, 2]);
  });

  it('chooses nothing without a majority, and says why', () => {
    const r = selectSources([
      { source: 'a', offsetMs: 0, distanceMs: 1 },
      { source: 'b', offsetMs: 100, distanceMs: 1 },
    ]);
    expect(r.chosen).toBeNull();
    expect(r.reason).toMatch(/no majority: at most 1 of 2/);
    expect(selectSources([]).reason).toBe('no sources');
  });

  it('property: truechimers (all covering the truth) outnumbering scattered falsetickers always win', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true })), { minLength: 1, maxLength: 7 }),
      fc.integer({ min: 0, max: 6 }),
      (honest, liarsWanted) => {
        const liars = Math.min(liarsWanted, honest.length - 1);
        // Honest interval [o − λ, o + λ] covers truth 0 by construction: λ ≥ |o|.
        const claims = honest.map(([o, pad], i) => ({ source: `h${i}`, offsetMs: o, distanceMs: Math.abs(o) + pad }));
        for (let j = 0; j < liars; j++) claims.push({ source: `liar${j}`, offsetMs: 1000 * (j + 1), distanceMs: 1 });
        const r = selectSources(claims);
        expect(r.chosen?.source.startsWith('h')).toBe(true);
        expect(r.falsetickers.filter((c) => c.source.startsWith('liar')).length).toBe(liars);
        const [lo, hi] = r.intersectionMs!;
        expect(lo).toBeLessThanOrEqual(0);
        expect(hi).toBeGreaterThanOrEqual(0);
      },
    ));
  });

  it('NtpSync follows the majority when one of three servers lies by 5 s', () => {
    const sync = new NtpSync();
    const T = 1_764_115_200_000;
    const servers = [{ name: 'a', errMs: 0 }, { name: 'b', errMs: 0.3 }, { name: 'liar', errMs: 5000 }];
    let last = null;
    for (let round = 0; round < 3; round++) {
      for (const s of servers) {
        const ex = new NtpExchange({ source: s.name });
        const host = T + round * 1000;
        const req = ex.request(sync.disciplinedMs(host));
        const bytes = serverReply(req.bytes, host + 1 + s.errMs, host + 1 + s.errMs)!;
        const res = ex.onReply(bytes, sync.disciplinedMs(host + 2));
        if (!res.ok) throw new Error(res.rejection.reason);
        last = sync.onSample(res.sample, host + 2);
        if (last.action) expect(last.selection.chosen?.source).not.toBe('liar');
      }
    }
    expect(last!.selection.falsetickers.map((c) => c.source)).toEqual(['liar']);
    expect(Math.abs(sync.disciplinedMs(T + 3000) - (T + 3000))).toBeLessThan(1);
  });
});
