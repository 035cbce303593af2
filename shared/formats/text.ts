/** Line bookkeeping for parsers: offsets to 1-based line numbers. */

/** Offsets at which each line starts (line 1 starts at 0). */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** The 1-based line holding `offset`. */
export function lineAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Unix nanoseconds as a decimal string → ms since the epoch (fractional), keeping sub-ms digits. */
export function unixNsToMs(ns: string): number {
  if (ns.length <= 6) return Number(ns) / 1e6;
  return Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6;
}

/** Whether a string looks like a Unix timestamp in nanoseconds (up to 19 digits; 16+ for real dates). */
export function isUnixNs(s: string): boolean {
  return /^\d{1,19}$/.test(s);
}
