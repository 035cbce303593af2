/**
 * The clock's rate corrections over run time: the node's NTP frequency settings
 * (piecewise constant) and slews (a rate offset over a window; a new slew cuts a
 * running one short, as adjtime does). Integrating gives the ms the corrections
 * have gained. Changes arrive in time order, so prefix sums make the usual read
 * (at the latest time) O(1) however many corrections a long run collects.
 */

/** The largest NTP correction (slew rate or frequency) a node may apply, ±ppm. */
export const MAX_CORRECTION_PPM = 100_000;

/** Rate corrections in time order, with their running integral. */
export class RateHistory {
  private readonly freqAtMs: number[] = [];
  private readonly freqPpm: number[] = [];
  /** ∫ frequency (ppm·ms) from 0 to freqAtMs[i]. */
  private readonly freqAcc: number[] = [];
  private readonly slewAtMs: number[] = [];
  private readonly slewPpm: number[] = [];
  private readonly slewForMs: number[] = [];
  /** ∫ slews (ppm·ms) of every slew before slew i. */
  private readonly slewAcc: number[] = [];

  /** The latest run time a correction was applied at (0 before any). */
  get lastChangeMs(): number {
    const f = this.freqAtMs.length ? this.freqAtMs[this.freqAtMs.length - 1] : 0;
    const s = this.slewAtMs.length ? this.slewAtMs[this.slewAtMs.length - 1] : 0;
    return Math.max(f, s);
  }

  /** Frequency correction `ppm` from `atMs` on (atMs ≥ every earlier change). */
  setFrequency(atMs: number, ppm: number): void {
    const n = this.freqAtMs.length;
    const acc = n === 0 ? 0 : this.freqAcc[n - 1] + this.freqPpm[n - 1] * (atMs - this.freqAtMs[n - 1]);
    this.freqAtMs.push(atMs);
    this.freqPpm.push(ppm);
    this.freqAcc.push(acc);
  }

  /** Slew at `ppm` for `forMs` from `atMs` (atMs ≥ every earlier change); cuts a running slew short. */
  slew(atMs: number, ppm: number, forMs: number): void {
    const n = this.slewAtMs.length;
    let acc = 0;
    if (n > 0) {
      this.slewForMs[n - 1] = Math.min(this.slewForMs[n - 1], atMs - this.slewAtMs[n - 1]);
      acc = this.slewAcc[n - 1] + this.slewPpm[n - 1] * this.slewForMs[n - 1];
    }
    this.slewAtMs.push(atMs);
    this.slewPpm.push(ppm);
    this.slewForMs.push(forMs);
    this.slewAcc.push(acc);
  }

  /** Ms gained by the corrections by run time `elapsedMs`: ∫₀ᵉ (frequency + slew) dt / 1e6. */
  gainedMs(elapsedMs: number): number {
    const e = Math.max(0, elapsedMs);
    let ppmMs = 0;
    const i = lastAtOrBefore(this.freqAtMs, e);
    if (i >= 0) ppmMs += this.freqAcc[i] + this.freqPpm[i] * (e - this.freqAtMs[i]);
    const j = lastAtOrBefore(this.slewAtMs, e);
    if (j >= 0) ppmMs += this.slewAcc[j] + this.slewPpm[j] * Math.min(e - this.slewAtMs[j], this.slewForMs[j]);
    return ppmMs / 1e6;
  }

  /** The frequency correction in force at `elapsedMs`, ppm. */
  frequencyAt(elapsedMs: number): number {
    const i = lastAtOrBefore(this.freqAtMs, elapsedMs);
    return i >= 0 ? this.freqPpm[i] : 0;
  }

  /** The slew rate in force at `elapsedMs`, ppm (0 when not slewing). */
  slewAt(elapsedMs: number): number {
    const j = lastAtOrBefore(this.slewAtMs, elapsedMs);
    return j >= 0 && elapsedMs < this.slewAtMs[j] + this.slewForMs[j] ? this.slewPpm[j] : 0;
  }
}

/** Index of the last element ≤ x in ascending `xs` (-1 if none); O(1) when x is past the end. */
function lastAtOrBefore(xs: readonly number[], x: number): number {
  const n = xs.length;
  if (n === 0 || xs[0] > x) return -1;
  if (xs[n - 1] <= x) return n - 1;
  let lo = 0;
  let hi = n - 1; // xs[lo] ≤ x < xs[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}
