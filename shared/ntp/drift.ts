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

/** Fit a line; null when fewer than 2 points or all at the same time. */
export function fitDrift(points: readonly DriftPoint[]): DriftFit | null {
  const n = points.length;
  if (n < 2) return null;
  const originMs = points[n - 1].rawAtMs;
  let sx = 0, sy = 0;
  for (const p of points) { sx += p.rawAtMs - originMs; sy += p.rawOffsetMs; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (const p of points) {
    const dx = p.rawAtMs - originMs - mx;
    sxx += dx * dx;
    sxy += dx * (p.rawOffsetMs - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, interceptMs: my - slope * mx, originMs, points: n };
}

/** The value of a fit at `rawAtMs`. */
export function predictRawOffsetMs(fit: DriftFit, rawAtMs: number): number {
  return fit.interceptMs + fit.slope * (rawAtMs - fit.originMs);
}
