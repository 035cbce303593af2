/**
 * Node-id ordering used to break ties (Lamport total order, orderings, exports).
 * Natural order: digit runs compare as numbers, so `n2 < n10`.
 */

const CHUNK = /(\d+|\D+)/g;

/** Compare two node ids in natural order; a total order (falls back to code-unit order). */
export function compareNodeIds(a: string, b: string): number {
  if (a === b) return 0;
  const ca = a.match(CHUNK) ?? [];
  const cb = b.match(CHUNK) ?? [];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const xd = isDigit(x.charCodeAt(0));
    const yd = isDigit(y.charCodeAt(0));
    if (xd && yd) {
      const xs = stripZeros(x);
      const ys = stripZeros(y);
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : 1;
}

/** The given node ids, deduplicated and sorted with {@link compareNodeIds}. */
export function sortNodeIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareNodeIds);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}
