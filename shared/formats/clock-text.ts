/** Parsing the clock text of a log line: JSON, possibly escaped (`{\"n1\":1}`), zero entries dropped. */
import type { VClock } from '../events.js';

/** A parsed clock, or the reason it is not one. */
export type ClockParse = { ok: true; clock: VClock } | { ok: false; problem: string };

/**
 * Parse a clock as ShiViz accepts it: a JSON object of host → non-negative
 * integer; escaped quotes (as TLA+ traces print them) are unescaped first;
 * `host` must have an entry of its own; zero entries are then dropped.
 */
export function parseClockText(text: string, host: string): ClockParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    let recovered = false;
    if (text.includes('\\"')) {
      try {
        value = JSON.parse(JSON.parse(`"${text}"`) as string);
        recovered = true;
      } catch {
        recovered = false;
      }
    }
    if (!recovered) return { ok: false, problem: `clock is not JSON (${(err as Error).message}): ${clip(text)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: `clock is not a JSON object: ${clip(text)}` };
  const clock: VClock = {};
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return { ok: false, problem: `clock entry "${k}" is ${JSON.stringify(v)}, not a non-negative integer` };
    if (v > 0) clock[k] = v;
  }
  if (!Object.prototype.hasOwnProperty.call(obj, host)) return { ok: false, problem: `host "${host}" is missing from its own clock ${clip(text)}` };
  return { ok: true, clock };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
