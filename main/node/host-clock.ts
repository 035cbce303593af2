/**
 * The host's real clocks, read together (the input of a node's clock model).
 * `Date.now()` has 1 ms resolution, too coarse for NTP on loopback; the wall reading
 * is the system clock anchored once and carried forward on the monotonic clock
 * (fractional ms), re-anchored whenever it drifts more than 2 ms from `Date.now()`
 * (the system clock was stepped or slewed).
 */
import type { HostReading } from '../../shared/clock-model';

let anchorWallMs = performance.timeOrigin + performance.now();
let anchorMonoNs = process.hrtime.bigint();

/** Reads the host wall clock (fractional ms) and monotonic clock (ns) now. */
export function hostReading(): HostReading {
  const monoNs = process.hrtime.bigint();
  let wallMs = anchorWallMs + Number(monoNs - anchorMonoNs) / 1e6;
  const sys = Date.now();
  if (wallMs < sys - 2 || wallMs > sys + 3) {
    anchorWallMs = sys + 0.5;
    anchorMonoNs = monoNs;
    wallMs = anchorWallMs;
  }
  return { wallMs, monoNs };
}
