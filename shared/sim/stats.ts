/** Summary statistics and CDF points of a sample (pure, for benchmarks). */

/** The figures a benchmark reports per series. Field names are a public JSON contract. */
export interface Summary {
  trials: number;
  median_ms: number;
  mean_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** Nearest-rank percentile of an ascending array, p in (0, 100]. */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sortedAsc.length);
  return sortedAsc[Math.min(sortedAsc.length, Math.max(1, rank)) - 1];
}

/** Median (mean of the two middle values for even sizes), mean, p99 and max. */
export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { trials: 0, median_ms: NaN, mean_ms: NaN, p99_ms: NaN, max_ms: NaN };
  const median = n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  return { trials: n, median_ms: median, mean_ms: mean, p99_ms: percentile(s, 99), max_ms: s[n - 1] };
}

/** Empirical CDF: one [value, cumulative fraction] point per sample, ascending. */
export function cdfPoints(values: readonly number[]): [number, number][] {
  const s = [...values].sort((a, b) => a - b);
  return s.map((v, i) => [v, (i + 1) / s.length]);
}
