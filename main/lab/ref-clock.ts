/** The host reference clock main stamps events with (`ref_ms`), and run time. */

/** Host reference time now, ms since the epoch, fractional (wall origin + monotonic elapsed). */
export function refNowMs(): number {
  return performance.timeOrigin + performance.now();
}
