import { niceTicks } from '../../../../shared/layout';

/** A linear scale from ms on a view's axis to px. */
export interface TimeScale {
  x(ms: number): number;
  ticks: { ms: number; px: number; text: string }[];
  left: number;
  right: number;
}

/** The time scale of a chart `width` px wide with `left`/`right` margins over [0, endMs]. */
export function timeScale(endMs: number, width: number, left = 90, right = 16): TimeScale {
  const span = endMs > 0 ? endMs : 1;
  const inner = Math.max(10, width - left - right);
  const x = (ms: number): number => left + (Math.min(Math.max(ms, 0), span) / span) * inner;
  const ticks = niceTicks({ from: 0, to: span }, Math.max(2, Math.floor(inner / 110))).map((ms) => ({ ms, px: x(ms), text: fmtMs(ms) }));
  return { x, ticks, left, right: left + inner };
}

/** `1.25 s` or `350 ms`. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(Math.abs(ms) >= 10_000 ? 1 : 2)} s`;
  return `${Number(ms.toFixed(Math.abs(ms) < 10 ? 2 : 0))} ms`;
}

/** A number with fixed decimals, or – for null. */
export function fmtNum(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** Where the replay cursor sits in px (the left edge before the first event), or null when every event is shown. */
export function cursorPx(sc: TimeScale, cursorMs: number): number | null {
  if (cursorMs === Infinity || Number.isNaN(cursorMs)) return null;
  if (cursorMs === -Infinity) return sc.left;
  return sc.x(Math.max(0, cursorMs));
}
