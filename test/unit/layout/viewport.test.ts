import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampView, covers, fetchSpan, fromPx, niceTicks, padExtent, panBy, planRequest, serves, toPx, wheelZoomFactor, zoomAt } from '../../../shared/layout';

const ext = { from: 0, to: 1000 };

describe('viewport math', () => {
  it('maps values to pixels and back', () => {
    const v = { from: 100, to: 300 };
    expect(toPx(v, 800, 200)).toBe(400);
    expect(fromPx(v, 800, 400)).toBe(200);
  });

  it('zooming keeps the value under the anchor fixed and stays inside the extent', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 900, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 0.95, noNaN: true }), (from, w, anchor, f) => {
        const v = clampView({ from, to: from + w }, ext);
        const z = zoomAt(v, ext, anchor, f);
        expect(z.to - z.from).toBeCloseTo((v.to - v.from) * f, 6);
        expect(z.from + anchor * (z.to - z.from)).toBeCloseTo(v.from + anchor * (v.to - v.from), 6);
        expect(covers(ext, z)).toBe(true);
      }),
    );
  });

  it('zooming out never goes past the whole extent; panning stops at the edges', () => {
    expect(zoomAt({ from: 400, to: 600 }, ext, 0.5, 100)).toEqual(ext);
    expect(panBy({ from: 0, to: 100 }, ext, -3)).toEqual({ from: 0, to: 100 });
    expect(panBy({ from: 800, to: 900 }, ext, 5)).toEqual({ from: 900, to: 1000 });
    expect(panBy({ from: 100, to: 200 }, ext, 0.5)).toEqual({ from: 150, to: 250 });
  });

  it('wheel down zooms out, wheel up zooms in, symmetric', () => {
    expect(wheelZoomFactor(100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(-100)).toBeLessThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 12);
  });

  it('pads a degenerate extent so one event still has room', () => {
    expect(padExtent({ from: 5, to: 5 })).toEqual({ from: 4, to: 6 });
    const p = padExtent({ from: 0, to: 100 });
    expect(p.from).toBeLessThan(0);
    expect(p.to).toBeGreaterThan(100);
  });

  it('ticks fall on 1-2-5 steps inside the view, integers when asked', () => {
    expect(niceTicks({ from: 0, to: 10 }, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks({ from: 0.5, to: 3.2 }, 10, true)).toEqual([1, 2, 3]);
    for (const t of niceTicks({ from: 1234.5, to: 1290.1 }, 6)) expect(t).toBeGreaterThanOrEqual(1234.5);
  });

  it('fetches a margin around the view, clipped to the extent', () => {
    expect(fetchSpan({ from: 100, to: 200 }, ext)).toEqual({ from: 50, to: 250 });
    expect(fetchSpan({ from: 0, to: 100 }, ext)).toEqual({ from: 0, to: 150 });
  });
});

describe('fetch plan', () => {
  const view = { from: 100, to: 200 };
  it('a complete events window serves any view inside it; nothing serves a view it does not cover', () => {
    expect(serves({ span: { from: 0, to: 300 }, mode: 'events' }, view, 600)).toBe(true);
    expect(serves({ span: { from: 150, to: 300 }, mode: 'events' }, view, 600)).toBe(false);
    expect(serves(null, view, 600)).toBe(false);
    expect(serves({ span: { from: 0, to: 300 }, mode: 'pending' }, view, 600)).toBe(false);
  });
  it('bins serve until zooming in makes them coarser than a few pixels', () => {
    const req = planRequest(view, ext, 600);
    expect(req).toEqual({ from: 50, to: 250, bins: 400 });
    const loaded = { span: { from: req.from, to: req.to }, mode: 'bins' as const, bins: req.bins };
    expect(serves(loaded, view, 600)).toBe(true);
    expect(serves(loaded, { from: 140, to: 160 }, 600)).toBe(false);
  });
  it('bins stop serving when the events around the view would fit one by one', () => {
    // 400 bins over 50..250, 5 events per bin on one lane: 2000 events in the wanted 50..250.
    const loaded = { span: { from: 50, to: 250 }, mode: 'bins' as const, bins: 400, counts: [new Array(400).fill(5)] };
    expect(serves(loaded, view, 600, 2500)).toBe(false);
    expect(serves(loaded, view, 600, 1000)).toBe(true);
    expect(serves(loaded, view, 600)).toBe(true);
  });
});
