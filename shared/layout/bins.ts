/**
 * Per-lane density bins: how the diagram draws a window holding more events than
 * it can show one by one. A histogram covers `span` with `counts[lane].length`
 * equal bins.
 */
import type { Span } from './types.js';

export interface LaneBins {
  span: Span;
  /** counts[lane][bin]. */
  counts: number[][];
}

/** Bin of value v in `bins` equal bins over span (clamped to the ends). */
export function binOf(v: number, span: Span, bins: number): number {
  const w = span.to - span.from;
  if (!(w > 0)) return 0;
  const b = Math.floor(((v - span.from) / w) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** An empty histogram of `lanes` × `bins`. */
export function emptyBins(lanes: number, span: Span, bins: number): LaneBins {
  return { span, counts: Array.from({ length: lanes }, () => new Array<number>(bins).fill(0)) };
}

/**
 * Re-bins a histogram onto another span with `bins` bins, spreading each source
 * bin's count over the target bins it overlaps in proportion to the overlap
 * (so totals inside the target span are kept, up to the partial edge bins).
 */
export function rebin(src: LaneBins, span: Span, bins: number): LaneBins {
  const out = emptyBins(src.counts.length, span, bins);
  const sw = (src.span.to - src.span.from) / Math.max(1, src.counts[0]?.length ?? 1);
  const tw = (span.to - span.from) / bins;
  if (!(sw > 0) || !(tw > 0)) return out;
  for (let lane = 0; lane < src.counts.length; lane++) {
    const row = src.counts[lane];
    const dst = out.counts[lane];
    for (let b = 0; b < row.length; b++) {
      const c = row[b];
      if (!c) continue;
      const a0 = src.span.from + b * sw;
      const a1 = a0 + sw;
      if (a1 <= span.from || a0 >= span.to) continue;
      const t0 = Math.max(0, Math.floor((a0 - span.from) / tw));
      const t1 = Math.min(bins - 1, Math.floor((a1 - span.from) / tw - 1e-12));
      for (let t = t0; t <= t1; t++) {
        const lo = Math.max(a0, span.from + t * tw);
        const hi = Math.min(a1, span.from + (t + 1) * tw);
        if (hi > lo) dst[t] += (c * (hi - lo)) / sw;
      }
    }
  }
  return out;
}

/** Sum of counts whose bins lie (at least partly) inside `span`, pro-rated at the edges. */
export function countIn(src: LaneBins, span: Span): number {
  const one = rebin(src, span, 1);
  let n = 0;
  for (const row of one.counts) n += row[0];
  return n;
}

/** Largest bin count (for colour scaling); 0 for an empty histogram. */
export function maxBin(b: LaneBins): number {
  let m = 0;
  for (const row of b.counts) for (const c of row) if (c > m) m = c;
  return m;
}
