/**
 * Collecting validation problems as `field: what is wrong` lines, and the small
 * type tests the validators share.
 */
import { formatDurationMs } from './duration';

/** A list of problems, one line each. */
export class Problems {
  readonly lines: string[] = [];
  /** Add `path: message`. */
  add(path: string, message: string): void {
    this.lines.push(`${path}: ${message}`);
  }
  get empty(): boolean {
    return this.lines.length === 0;
  }
}

/** A plain object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A finite number. */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A short rendering of a bad value for an error line. */
export function show(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'number') return showNumber(x);
  if (x === undefined) return 'nothing';
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** A duration for an error line: `-5ms`, `1.5s`; or the raw value if it is not a number. */
export function showMs(x: unknown): string {
  return isFiniteNumber(x) ? formatDurationMs(x) : show(x);
}

/** A name as typed when it is plain (`n1`, `fair-loss`), else quoted so an error stays one line. */
export function showName(x: string): string {
  return /^[A-Za-z0-9_*][\w.*-]*$/.test(x) ? x : JSON.stringify(x);
}

/** `path.key`, with the key quoted when it is not plain. */
export function fieldPath(path: string, key: string): string {
  return path ? `${path}.${showName(key)}` : showName(key);
}

/** Report fields of `obj` outside `known` as `path.field: unknown field`. */
export function unknownFields(obj: Record<string, unknown>, known: readonly string[], path: string, p: Problems): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) p.add(fieldPath(path, k), `unknown field (known: ${known.join(', ')})`);
  }
}

/** A number for an error line: large ones compactly (1e9, not 1000000000). */
export function showNumber(x: number): string {
  return Number.isFinite(x) && Math.abs(x) >= 1e6 ? x.toExponential().replace('e+', 'e') : String(x);
}
