/**
 * Replay cursor arithmetic. The cursor is an event id: events with a larger id
 * (recorded later) are not yet "seen". At 1× the cursor moves through a recorded
 * run at the pace it was recorded (events / recorded duration); runs without a
 * duration (imported logs) go at {@link DEFAULT_EVENTS_PER_S}.
 */

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 100;
export const SPEEDS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 4, 10, 25, 100];
export const DEFAULT_EVENTS_PER_S = 5;

/** Clamps a speed to [0.1, 100]. */
export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return 1;
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, s));
}

/** Events per second at 1× for a run of `events` events recorded over `durationMs`. */
export function baseRate(events: number, durationMs: number | null): number {
  if (durationMs == null || !(durationMs > 0) || events <= 0) return DEFAULT_EVENTS_PER_S;
  return Math.max(events / (durationMs / 1000), 0.01);
}

/**
 * Advances a fractional cursor by `dtMs` of play at `speed`; returns the new
 * position clamped to [0, total].
 */
export function advance(position: number, dtMs: number, speed: number, rate: number, total: number): number {
  const next = position + (Math.max(0, dtMs) / 1000) * rate * clampSpeed(speed);
  return Math.min(total, Math.max(0, next));
}

/** One step forward or back, to a whole event. */
export function step(position: number, delta: number, total: number): number {
  const whole = delta > 0 ? Math.floor(position) + delta : Math.ceil(position) + delta;
  return Math.min(total, Math.max(0, whole));
}

/** The next speed up or down the ladder from the current one. */
export function nextSpeed(speed: number, dir: 1 | -1): number {
  if (dir > 0) return SPEEDS.find((s) => s > speed + 1e-9) ?? SPEED_MAX;
  return [...SPEEDS].reverse().find((s) => s < speed - 1e-9) ?? SPEED_MIN;
}
