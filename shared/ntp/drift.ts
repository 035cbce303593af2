/**
 * Frequency (drift) estimate by least squares over (raw local time, raw offset)
 * pairs. "Raw offset" is the server's time minus the node's *undisciplined* clock, so
 * the series is a straight line with slope −drift no matter what corrections were
 * applied meanwhile (they are added back before fitting).
 */

/** One point of the fit. */
export interface DriftPoint {
  rawAtMs: number;
  rawOffsetMs: number;
  /**
   * Round-trip delay of the exchange, ms. When given, the point is weighted by
   * 1/(δ/2)² (inverse variance: an offset's error bound is δ/2), so one exchange that
   * took a slow path (a cold socket, a scheduling hiccup) cannot tilt the line.
   */
  delayMs?: number;
}

/** Floor on δ/2 for weighting, ms (the resolution of loopback timing). */
export const DRIFT_WEIGHT_FLOOR_MS = 0.01;

function weightOf(p: DriftPoint): number {
  if (p.delayMs === undefined) return 1;
  const half = Math.max(p.delayMs / 2, DRIFT_WEIGHT_FLOOR_MS);
  return 1 / (half * half);
}

/** Least-squares line through the points. */
export interface DriftFit {
  /** d(rawOffset)/d(raw), dimensionless (ppm × 1e-6). */
  slope: number;
  /** rawOffset predicted at `rawAtMs = originMs`. */
  interceptMs: number;
  originMs: number;
  points: number;
}

/** Fit a (weighted) line; null when fewer than 2 points or all at the same time. */
export function fitDrift(points: readonly DriftPoint[]): DriftFit | null {
  const n = points.length;
  if (n < 2) return null;
  const originMs = points[n - 1].rawAtMs;
  let sw = 0, sx = 0, sy = 0;
  for (const p of points) { const w = weightOf(p); sw += w; sx += w * (p.rawAtMs - originMs); sy += w * p.rawOffsetMs; }
  const mx = sx / sw, my = sy / sw;
  let sxx = 0, sxy = 0;
  for (const p of points) {
    const w = weightOf(p);
    const dx = p.rawAtMs - originMs - mx;
    sxx += w * dx * dx;
    sxy += w * dx * (p.rawOffsetMs - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, interceptMs: my - slope * mx, originMs, points: n };
}

/** The value of a fit at `rawAtMs`. */
export function predictRawOffsetMs(fit: DriftFit, rawAtMs: number): number {
  return fit.interceptMs + fit.slope * (rawAtMs - fit.originMs);
}
