/** Small helpers for human-readable CLI output. */

/** Left-aligned text table with a header row. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/** Parses a duration like `10s`, `250ms`, `2m`, `1.5s`; a bare number is ms. Returns ms or null. */
export function parseDurationMs(text: string): number | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|min|h|us|µs)?\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const mult = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, us: 0.001, 'µs': 0.001 }[unit]!;
  return v * mult;
}
