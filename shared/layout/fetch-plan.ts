/**
 * When the diagram must ask the store for a new window, and what to ask for.
 * A loaded window serves the view while it covers it and its resolution fits:
 * individual events serve any zoom inside their span (they are complete there);
 * bins serve until the view zooms in so far that one bin spans more than
 * `coarsest` pixels.
 */
import type { Span } from './types.js';
import { countIn } from './bins.js';
import { covers, fetchSpan } from './viewport.js';

/** What a loaded window holds, as far as planning cares. */
export interface LoadedWindow {
  span: Span;
  mode: 'events' | 'bins' | 'pending';
  /** Bins per lane (bins mode). */
  bins?: number;
  /** Per-lane counts (bins mode), to tell when single events would fit. */
  counts?: number[][];
}

export interface WindowRequest {
  from: number;
  to: number;
  bins: number;
}

/** Pixels per bin the diagram aims for. */
export const BIN_PX = 3;

/**
 * Does `loaded` still serve `view` on a track of `heightPx` pixels? Bins stop serving
 * once the window a new request would cover holds at most `limit` events (then single
 * events can be shown instead).
 */
export function serves(loaded: LoadedWindow | null, view: Span, heightPx: number, limit = Infinity, coarsest = BIN_PX * 2.5): boolean {
  if (!loaded || loaded.mode === 'pending') return false;
  if (!covers(loaded.span, view)) return false;
  if (loaded.mode === 'events') return true;
  if (loaded.counts && Number.isFinite(limit)) {
    const w = view.to - view.from;
    const want = { from: Math.max(loaded.span.from, view.from - w / 2), to: Math.min(loaded.span.to, view.to + w / 2) };
    if (countIn({ span: loaded.span, counts: loaded.counts }, want) <= limit) return false;
  }
  const binSpan = (loaded.span.to - loaded.span.from) / Math.max(1, loaded.bins ?? 1);
  const pxPerBin = (binSpan / (view.to - view.from)) * heightPx;
  // Too coarse after zooming in, or far finer than needed after zooming out.
  return pxPerBin <= coarsest && pxPerBin >= BIN_PX / 4;
}

/** The window to request for a view: the view plus a margin, with bins at about BIN_PX each. */
export function planRequest(view: Span, ext: Span, heightPx: number, margin = 0.5): WindowRequest {
  const span = fetchSpan(view, ext, margin);
  const px = ((span.to - span.from) / (view.to - view.from)) * Math.max(1, heightPx);
  return { from: span.from, to: span.to, bins: Math.max(1, Math.min(4000, Math.ceil(px / BIN_PX))) };
}
