/**
 * Draws the space-time diagram on a 2D canvas: a lane per node, the time axis
 * going down, events as dots, messages as arrows (red when the receive reads an
 * earlier wall clock than the send), per-lane density bins where a window holds
 * too many events, the selected event's causal cone, and the replay cursor.
 */
import type { ConeResult, WindowEvent, WindowResult } from '../../../shared/api';
import { coneRelation, laneLayout, maxBin, niceTicks, rebin, toPx, type Axis, type ConeRelation, type Span } from '../../../shared/layout';

export const GUTTER_PX = 84;
const TOP_PX = 28;
const BOTTOM_PX = 8;

export const COLORS = {
  bg: '#0f1419',
  lane: '#2b3945',
  laneText: '#c3ced8',
  grid: '#1b242d',
  tick: '#8b98a5',
  event: '#9fb3c8',
  send: '#4fb3ff',
  receive: '#5cc98b',
  other: '#b39ddb',
  arrow: 'rgba(215,222,229,0.55)',
  inversion: '#ef5350',
  past: '#4fb3ff',
  future: '#f5a524',
  concurrent: '#6b7884',
  self: '#ffffff',
  cursor: '#f5a524',
  bins: [79, 179, 255] as const,
};

export interface DrawInput {
  width: number;
  height: number;
  dpr: number;
  lanes: readonly string[];
  axis: Axis;
  view: Span;
  /** Origin subtracted from wall-clock tick labels (the run's first reading). */
  wallOrigin: number;
  base: WindowResult | null;
  detail: WindowResult | null;
  cone: ConeResult | null;
  selected: number | null;
  /** Replay cursor: events with a larger id are dimmed. */
  cursor: number;
  /** Where the cursor event sits on this axis (for bins), if known. */
  cursorAt: number | null;
  replaying: boolean;
}

/** An event as drawn, for hit testing and for the page's data-test attributes. */
export interface DrawnEvent {
  id: number;
  x: number;
  y: number;
  label: string | null;
  relation: ConeRelation | null;
  dimmed: boolean;
}

export interface DrawResult {
  mode: 'events' | 'bins' | 'pending' | 'none';
  events: DrawnEvent[];
  inversions: number;
  /** Message arrows drawn. */
  arrows: number;
  /** Lanes with a cone band (zoomed out with an event selected). */
  coneBands: number;
  /** y of the replay cursor line, when drawn. */
  cursorY: number | null;
}

function axisTickLabel(axis: Axis, v: number, origin: number, step: number): string {
  if (axis !== 'wall') return String(Math.round(v));
  const rel = v - origin;
  const digits = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return `+${rel.toFixed(digits)} ms`;
}

function eventAt(e: WindowEvent, axis: Axis): number | null {
  return axis === 'wall' ? e.wall : axis === 'lamport' ? e.lamport : e.causal;
}

function kindColor(kind: string): string {
  return kind === 'send' ? COLORS.send : kind === 'receive' ? COLORS.receive : kind === 'local' ? COLORS.event : COLORS.other;
}

function relationColor(r: ConeRelation): string {
  return r === 'self' ? COLORS.self : r === 'past' ? COLORS.past : r === 'future' ? COLORS.future : COLORS.concurrent;
}

export function drawDiagram(ctx: CanvasRenderingContext2D, d: DrawInput): DrawResult {
  const { width, height, dpr, view, axis } = d;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, width, height);
  const track = Math.max(1, height - TOP_PX - BOTTOM_PX);
  const y = (v: number) => TOP_PX + toPx(view, track, v);
  const layout = laneLayout(d.lanes.length, width, GUTTER_PX);

  // Grid and tick labels.
  // Wall ticks fall on round offsets from the run's first reading, not on round epoch values.
  const origin = axis === 'wall' ? d.wallOrigin : 0;
  const ticks = niceTicks({ from: view.from - origin, to: view.to - origin }, Math.max(2, Math.floor(track / 70)), axis !== 'wall').map((t) => t + origin);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  ctx.font = '11px ui-monospace, Menlo, monospace';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const ty = Math.round(y(t)) + 0.5;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(GUTTER_PX - 4, ty);
    ctx.lineTo(width, ty);
    ctx.stroke();
    ctx.fillStyle = COLORS.tick;
    ctx.fillText(axisTickLabel(axis, t, d.wallOrigin, step), GUTTER_PX - 8, ty);
  }

  // Lane lines (their names go on top of everything, last).
  layout.x.forEach((x) => {
    ctx.strokeStyle = COLORS.lane;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, TOP_PX);
    ctx.lineTo(Math.round(x) + 0.5, height - BOTTOM_PX);
    ctx.stroke();
  });
  const done = (r: DrawResult): DrawResult => {
    ctx.fillStyle = COLORS.bg;
    ctx.fillRect(GUTTER_PX - 4, 0, width, TOP_PX - 6);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = COLORS.laneText;
    layout.x.forEach((x, i) => ctx.fillText(d.lanes[i], x, 16, layout.pitch - 4));
    return r;
  };

  const win = d.detail ?? d.base;
  const result: DrawResult = { mode: win ? win.mode : 'none', events: [], inversions: 0, arrows: 0, coneBands: 0, cursorY: null };
  if (!win || win.mode === 'pending') return done(result);

  // Background bins from the whole-run window, only where the detail does not reach.
  if (d.base && d.base !== win && d.base.mode === 'bins' && (win.span.from > view.from || win.span.to < view.to)) {
    const top = Math.max(TOP_PX, y(win.span.from));
    const bottom = Math.min(height, y(win.span.to));
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, width, top);
    ctx.rect(0, bottom, width, height - bottom);
    ctx.clip();
    drawBins(ctx, d.base, view, layout.x, layout.pitch, y, track, null);
    ctx.restore();
  }
  if (win.mode === 'bins') {
    drawBins(ctx, win, view, layout.x, layout.pitch, y, track, null);
    if (d.cone) result.coneBands = drawConeBands(ctx, d, layout.x, layout.pitch, y, height);
    result.cursorY = drawCursorLine(ctx, d, y, width);
    return done(result);
  }

  // Messages first, events on top.
  const cursor = d.cursor;
  const r = Math.max(2.5, Math.min(6, layout.pitch / 10));
  for (const m of win.messages) {
    if (m.sendAt == null || m.recvAt == null) continue;
    const x1 = layout.x[m.sendLane];
    const y1 = y(m.sendAt);
    const x2 = layout.x[m.recvLane];
    const y2 = y(m.recvAt);
    if ((y1 < 0 && y2 < 0) || (y1 > height && y2 > height)) continue;
    const dim = m.recv > cursor;
    if (m.inversion) result.inversions++;
    result.arrows++;
    ctx.globalAlpha = dim ? 0.12 : 1;
    ctx.strokeStyle = m.inversion && axis === 'wall' ? COLORS.inversion : m.inversion ? 'rgba(239,83,80,0.7)' : COLORS.arrow;
    ctx.lineWidth = m.inversion ? 2 : 1.2;
    arrow(ctx, x1, y1, x2, y2, r + 2);
  }
  ctx.globalAlpha = 1;

  const labels = win.events.length <= 400;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const e of win.events) {
    const at = eventAt(e, axis);
    if (at == null) continue;
    const ey = y(at);
    if (ey < TOP_PX - 10 || ey > height + 10) continue;
    const ex = layout.x[e.lane];
    const relation = d.cone ? coneRelation(d.cone, e.node, e.seq) : null;
    const dimmed = e.id > cursor;
    ctx.globalAlpha = dimmed ? 0.15 : 1;
    ctx.fillStyle = relation ? relationColor(relation) : kindColor(e.kind);
    ctx.beginPath();
    ctx.arc(ex, ey, relation === 'self' ? r + 2 : r, 0, Math.PI * 2);
    ctx.fill();
    if (relation === 'self') {
      ctx.strokeStyle = COLORS.future;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(ex, ey, r + 5, 0, Math.PI * 2);
      ctx.stroke();
    }
    if (labels && e.label) {
      ctx.fillStyle = COLORS.laneText;
      ctx.fillText(fit(ctx, e.label, layout.pitch / 2 + 20), ex + r + 5, ey);
    }
    result.events.push({ id: e.id, x: ex, y: ey, label: e.label, relation, dimmed });
  }
  ctx.globalAlpha = 1;
  result.cursorY = drawCursorLine(ctx, d, y, width);
  return done(result);
}

/**
 * Zoomed out, the cone shows as bands along each lane: blue from the top down to the
 * lane's last event in the causal past, amber from its first event in the causal future
 * down. Exact on the Lamport and causal axes (both grow along a node); on the wall axis
 * a node whose clock stepped back can have past events below the band's end.
 */
function drawConeBands(ctx: CanvasRenderingContext2D, d: DrawInput, xs: number[], pitch: number, y: (v: number) => number, height: number): number {
  const cone = d.cone!;
  let bands = 0;
  const w = Math.max(4, Math.min(pitch * 0.7, 48)) + 6;
  const at = (p: { wall: number | null; lamport: number; causal: number }) => (d.axis === 'wall' ? p.wall : d.axis === 'lamport' ? p.lamport : p.causal);
  d.lanes.forEach((node, lane) => {
    const f = cone.frontier[node];
    if (!f) return;
    const x = xs[lane] - w / 2;
    const past = f.past ? at(f.past) : null;
    const future = f.future ? at(f.future) : null;
    if (past != null || future != null) bands++;
    if (past != null) {
      const yb = Math.min(height, y(past));
      if (yb > TOP_PX) {
        ctx.fillStyle = 'rgba(79,179,255,0.28)';
        ctx.fillRect(x, TOP_PX, w, yb - TOP_PX);
        ctx.fillStyle = COLORS.past;
        ctx.fillRect(x, yb - 1, w, 2);
      }
    }
    if (future != null) {
      const yt = Math.max(TOP_PX, y(future));
      if (yt < height) {
        ctx.fillStyle = 'rgba(245,165,36,0.28)';
        ctx.fillRect(x, yt, w, height - yt);
        ctx.fillStyle = COLORS.future;
        ctx.fillRect(x, yt - 1, w, 2);
      }
    }
  });
  const self = at(cone.at);
  const lane = d.lanes.indexOf(cone.node);
  if (self != null && lane >= 0) {
    ctx.strokeStyle = COLORS.self;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(xs[lane], y(self), 7, 0, Math.PI * 2);
    ctx.stroke();
  }
  return bands;
}

/** The label cut to a width, with an ellipsis. */
function fit(ctx: CanvasRenderingContext2D, text: string, maxPx: number): string {
  if (ctx.measureText(text).width <= maxPx) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

function drawCursorLine(ctx: CanvasRenderingContext2D, d: DrawInput, y: (v: number) => number, width: number): number | null {
  if (!d.replaying || d.cursorAt == null) return null;
  const cy = Math.round(y(d.cursorAt)) + 0.5;
  const win = d.detail ?? d.base;
  if (win && win.mode === 'bins' && cy < d.height) {
    // Zoomed out, what lies below the cursor's place on the axis is (mostly) not replayed yet.
    ctx.fillStyle = 'rgba(15,20,25,0.72)';
    ctx.fillRect(GUTTER_PX, Math.max(TOP_PX, cy), width - GUTTER_PX, d.height - Math.max(TOP_PX, cy));
  }
  ctx.strokeStyle = COLORS.cursor;
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(GUTTER_PX, cy);
  ctx.lineTo(width, cy);
  ctx.stroke();
  ctx.setLineDash([]);
  return cy;
}

function arrow(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number, inset: number): void {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len < 1) return;
  const ux = dx / len;
  const uy = dy / len;
  const ex = x2 - ux * inset;
  const ey = y2 - uy * inset;
  ctx.beginPath();
  ctx.moveTo(x1 + ux * inset * 0.6, y1 + uy * inset * 0.6);
  ctx.lineTo(ex, ey);
  ctx.stroke();
  const h = 7;
  ctx.beginPath();
  ctx.moveTo(ex, ey);
  ctx.lineTo(ex - ux * h - uy * h * 0.5, ey - uy * h + ux * h * 0.5);
  ctx.lineTo(ex - ux * h + uy * h * 0.5, ey - uy * h - ux * h * 0.5);
  ctx.closePath();
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fill();
}

/** Per-lane density: one bar per bin, brighter where more events fall. Skips `except` (drawn by the detail). */
function drawBins(ctx: CanvasRenderingContext2D, w: WindowResult & { mode: 'bins' }, view: Span, xs: number[], pitch: number, y: (v: number) => number, track: number, except: Span | null): void {
  const bins = w.counts[0]?.length ?? 0;
  if (!bins) return;
  // Re-bin to at most one bar per 2 px of what is on screen.
  const pxPerBin = ((w.span.to - w.span.from) / bins / (view.to - view.from)) * track;
  const src = pxPerBin < 1.5 ? rebin({ span: w.span, counts: w.counts }, w.span, Math.max(1, Math.ceil(bins * (pxPerBin / 2)))) : { span: w.span, counts: w.counts };
  const n = src.counts[0].length;
  const max = Math.max(1, maxBin(src));
  const logMax = Math.log1p(max);
  const bw = (src.span.to - src.span.from) / n;
  const barW = Math.max(3, Math.min(pitch * 0.55, 40));
  // Bucket the bars by shade so the canvas changes fill style a few times, not once per bar.
  const buckets: number[][] = Array.from({ length: SHADES }, () => []);
  for (let lane = 0; lane < src.counts.length; lane++) {
    const row = src.counts[lane];
    const x = xs[lane] - barW / 2;
    for (let i = 0; i < n; i++) {
      const c = row[i];
      if (c <= 0) continue;
      const a0 = src.span.from + i * bw;
      const a1 = a0 + bw;
      if (a1 < view.from || a0 > view.to) continue;
      if (except && a0 >= except.from && a1 <= except.to) continue;
      const y0 = y(a0);
      const shade = Math.min(SHADES - 1, Math.floor((Math.log1p(c) / logMax) * SHADES));
      buckets[shade].push(x, y0, Math.max(1, y(a1) - y0));
    }
  }
  for (let k = 0; k < SHADES; k++) {
    const b = buckets[k];
    if (!b.length) continue;
    ctx.fillStyle = SHADE_STYLES[k];
    for (let i = 0; i < b.length; i += 3) ctx.fillRect(b[i], b[i + 1], barW, b[i + 2]);
  }
}

const SHADES = 24;
const SHADE_STYLES = Array.from({ length: SHADES }, (_, k) => `rgba(${COLORS.bins.join(',')},${(0.15 + (0.85 * (k + 1)) / SHADES).toFixed(3)})`);

/** y of an axis value on the track (for the canvas' hit testing and tests). */
export function trackY(view: Span, height: number, v: number): number {
  return TOP_PX + toPx(view, Math.max(1, height - TOP_PX - BOTTOM_PX), v);
}

/** Axis value at a y offset. */
export function valueAtY(view: Span, height: number, py: number): number {
  const track = Math.max(1, height - TOP_PX - BOTTOM_PX);
  return view.from + ((py - TOP_PX) / track) * (view.to - view.from);
}

/** Fraction of the track at a y offset (for zoom anchoring). */
export function trackFraction(height: number, py: number): number {
  const track = Math.max(1, height - TOP_PX - BOTTOM_PX);
  return Math.min(1, Math.max(0, (py - TOP_PX) / track));
}

export function trackHeight(height: number): number {
  return Math.max(1, height - TOP_PX - BOTTOM_PX);
}
