/**
 * Durations as people type them: `10s`, `250ms`, `1.5s`, `2m`, `1h`, `500us`.
 * A unit is required; a bare number is refused (is `5` seconds or ms?).
 */

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(ns|us|ms|s|m|h)$/;

/** Parse an unsigned duration to ms, or null if it is not one (`10s` → 10000). */
export function parseDurationMs(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  if (!m || m[1] !== '') return null;
  return Number(m[2]) * UNIT_MS[m[3]];
}

/** Parse a duration that may carry a sign (`-250ms` → -250, `+1.5s` → 1500), or null. */
export function parseSignedDurationMs(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[2]) * UNIT_MS[m[3]];
  return m[1] === '-' ? -ms : ms;
}

/** Format ms the way the flags take it back: 1500 → `1.5s`, 250 → `250ms`, 120000 → `2m`. */
export function formatDurationMs(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a !== 0 && a % 60_000 === 0) return `${sign}${a / 60_000}m`;
  if (a >= 1_000) return `${sign}${round3(a / 1_000)}s`;
  return `${sign}${round3(a)}ms`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
