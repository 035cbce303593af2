/**
 * The clock's rate error over run time: the injected drift, the node's NTP
 * frequency corrections (piecewise constant) and slews (rate offsets over a
 * window). Integrating it gives the time the clock has gained, in ms.
 */
import type { ClockSlew } from './types';

/** A frequency correction in force from `atMs` on (until the next one). */
export interface FrequencyChange {
  atMs: number;
  ppm: number;
}

/** The largest NTP correction (slew rate or frequency) a node may apply, ±ppm. */
export const MAX_CORRECTION_PPM = 100_000;

function overlapMs(aMs: number, bMs: number, endMs: number): number {
  return Math.max(0, Math.min(bMs, endMs) - Math.max(aMs, 0));
}

/** Ms gained by run time `elapsedMs` (negative: lost): ∫₀ᵉ (drift + freq + slew) dt / 1e6. */
export function gainedMs(driftPpm: number, freq: readonly FrequencyChange[], slews: readonly ClockSlew[], elapsedMs: number): number {
  const e = Math.max(0, elapsedMs);
  let ppmMs = driftPpm * e;
  for (let i = 0; i < freq.length; i++) {
    const until = i + 1 < freq.length ? freq[i + 1].atMs : Infinity;
    ppmMs += freq[i].ppm * overlapMs(freq[i].atMs, until, e);
  }
  for (const s of slews) ppmMs += s.ratePpm * overlapMs(s.atMs, s.atMs + s.durationMs, e);
  return ppmMs / 1e6;
}

/** The rate error in force at run time `elapsedMs`, ppm. */
export function rateErrorPpm(driftPpm: number, freq: readonly FrequencyChange[], slews: readonly ClockSlew[], elapsedMs: number): number {
  return driftPpm + frequencyAt(freq, elapsedMs) + slewAt(slews, elapsedMs);
}

/** The frequency correction in force at `elapsedMs`, ppm. */
export function frequencyAt(freq: readonly FrequencyChange[], elapsedMs: number): number {
  let ppm = 0;
  for (const f of freq) if (f.atMs <= elapsedMs) ppm = f.ppm;
  return ppm;
}

/** The slew rate in force at `elapsedMs`, ppm. */
export function slewAt(slews: readonly ClockSlew[], elapsedMs: number): number {
  let ppm = 0;
  for (const s of slews) if (s.atMs <= elapsedMs && elapsedMs < s.atMs + s.durationMs) ppm += s.ratePpm;
  return ppm;
}
