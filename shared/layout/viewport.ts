/**
 * Viewport math for one axis: mapping axis units to pixels, zooming around a
 * point, panning, and clamping to the run's extent. All pure; the renderer feeds
 * in wheel and drag deltas.
 */
import type { Span } from './types.js';

/** The smallest span a viewport may zoom into, as a fraction of the whole extent (and absolute floor). */
export const MIN_SPAN_FRACTION = 1e-7;

/** Pads a degenerate extent (one event, or all at one coordinate) so it has a width. */
export function padExtent(ext: Span): Span {
  if (!(Number.isFinite(ext.from) && Number.isFinite(ext.to))) return { from: 0, to: 1 };
  const w = ext.to - ext.from;
  if (w > 0) {
    const pad = w * 0.02;
    return { from: ext.from - pad, to: ext.to + pad };
  }
  return { from: ext.from - 1, to: ext.to + 1 };
}

/** Axis value → pixel offset along a track of `px` pixels. */
export function toPx(view: Span, px: number, v: number): number {
  return ((v - view.from) / (view.to - view.from)) * px;
}

/** Pixel offset → axis value. */
export function fromPx(view: Span, px: number, p: number): number {
  return view.from + (p / px) * (view.to - view.from);
}

function minSpan(ext: Span): number {
  return Math.max((ext.to - ext.from) * MIN_SPAN_FRACTION, 1e-9);
}

/**
 * Keeps a view inside the extent: never wider than it, never narrower than the
 * minimum span, shifted back in when it hangs over an edge.
 */
export function clampView(view: Span, ext: Span): Span {
  const full = ext.to - ext.from;
  let w = Math.min(Math.max(view.to - view.from, minSpan(ext)), full);
  if (!(w > 0)) w = full;
  let from = view.from;
  if (from < ext.from) from = ext.from;
  if (from + w > ext.to) from = ext.to - w;
  return { from, to: from + w };
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping the axis value under `anchor`
 * (a fraction 0..1 of the track) where it is.
 */
export function zoomAt(view: Span, ext: Span, anchor: number, factor: number): Span {
  const w = view.to - view.from;
  const at = view.from + anchor * w;
  const nw = Math.min(Math.max(w * factor, minSpan(ext)), ext.to - ext.from);
  return clampView({ from: at - anchor * nw, to: at - anchor * nw + nw }, ext);
}

/** Pans by a fraction of the track (positive moves the view towards larger values). */
export function panBy(view: Span, ext: Span, fraction: number): Span {
  const d = (view.to - view.from) * fraction;
  return clampView({ from: view.from + d, to: view.to + d }, ext);
}

/** Wheel delta (pixels, as browsers report for one notch ≈ 100) → zoom factor. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(Math.max(-500, Math.min(500, deltaY)) * 0.0015);
}

/** Tick values at "nice" steps (1, 2, 5 × 10^k) covering the view, about `count` of them. */
export function niceTicks(view: Span, count: number, integer = false): number[] {
  const w = view.to - view.from;
  if (!(w > 0) || count < 1) return [];
  const raw = w / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  let step = (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
  if (integer) step = Math.max(1, Math.round(step));
  const out: number[] = [];
  const first = Math.ceil(view.from / step) * step;
  for (let v = first; v <= view.to + step * 1e-9 && out.length < 1000; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The widths of the visible span that a query should fetch: the view plus a margin on both sides. */
export function fetchSpan(view: Span, ext: Span, margin = 0.5): Span {
  const w = view.to - view.from;
  return { from: Math.max(ext.from, view.from - w * margin), to: Math.min(ext.to, view.to + w * margin) };
}

/** True when `inner` lies inside `outer`. */
export function covers(outer: Span, inner: Span): boolean {
  return outer.from <= inner.from && outer.to >= inner.to;
}
