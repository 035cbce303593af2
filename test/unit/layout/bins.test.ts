import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, countIn, emptyBins, maxBin, rebin } from '../../../shared/layout';

describe('per-lane density bins', () => {
  it('puts values in equal bins, clamping the ends', () => {
    const span = { from: 0, to: 10 };
    expect([binOf(0, span, 5), binOf(1.99, span, 5), binOf(2, span, 5), binOf(10, span, 5), binOf(-3, span, 5)]).toEqual([0, 0, 1, 4, 0]);
  });

  it('re-binning keeps the total over the same span and matches direct binning on aligned bins', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 99.999, noNaN: true }), { maxLength: 200 }), (values) => {
        const span = { from: 0, to: 100 };
        const fine = emptyBins(1, span, 100);
        const coarse = emptyBins(1, span, 10);
        for (const v of values) {
          fine.counts[0][binOf(v, span, 100)]++;
          coarse.counts[0][binOf(v, span, 10)]++;
        }
        const re = rebin(fine, span, 10);
        re.counts[0].forEach((c, i) => expect(c).toBeCloseTo(coarse.counts[0][i], 9));
        expect(countIn(fine, span)).toBeCloseTo(values.length, 9);
      }),
    );
  });

  it('pro-rates a bin split by the target span', () => {
    const src = { span: { from: 0, to: 10 }, counts: [[10], [4]] };
    const r = rebin(src, { from: 5, to: 10 }, 1);
    expect(r.counts).toEqual([[5], [2]]);
    expect(maxBin(src)).toBe(10);
  });
});
