/**
 * ShiViz export: the upload format ShiViz loads (line 1 the parser regex, line 2
 * the delimiter, then the log), one execution per run labelled by its trace line,
 * each event as GoVector lays it out: `host {clock}` then the event text.
 */
import type { LabEvent } from '../events.js';
import { ExportError } from './errors.js';
import { GOVECTOR_REGEX } from './shiviz.js';

/** GoVector's layout with Unix-ns timestamps (`UseTimestamps`), used when every event has a wall reading. */
export const GOVECTOR_TS_REGEX = String.raw`(?<timestamp>\d+) (?<host>\S*) (?<clock>{.*})\n(?<event>.*)`;

/** The delimiter line the export writes; its `trace` group carries the run label. */
export const SHIVIZ_DELIMITER = '^=== (?<trace>.*) ===$';

/** A run to export. */
export interface RunToExport {
  readonly label: string;
  readonly events: readonly LabEvent[];
}

/** One line of text describing the event, e.g. `send m7 → n2: AppendEntries`. */
export function describeEvent(e: LabEvent): string {
  let s = e.kind;
  if (e.msg) s += ` ${e.msg}`;
  if (e.peer) s += e.kind === 'receive' ? ` ← ${e.peer}` : ` → ${e.peer}`;
  if (e.label) s += `: ${e.label}`;
  return s.replace(/[\r\n]+/g, ' ');
}

/**
 * Write runs as one ShiViz log.
 * @throws ExportError for a node name ShiViz cannot parse (empty or with whitespace).
 */
export function toShiviz(runs: readonly RunToExport[]): string {
  const timed = runs.every((r) => r.events.every((e) => e.wall_ms !== null && e.wall_ms >= 0 && e.wall_ms < 1e13));
  const out: string[] = [timed ? GOVECTOR_TS_REGEX : GOVECTOR_REGEX, SHIVIZ_DELIMITER];
  for (const run of runs) {
    out.push(`=== ${run.label.replace(/[\r\n]+/g, ' ')} ===`);
    for (const e of run.events) {
      if (!/^\S+$/.test(e.node)) throw new ExportError(`node name ${JSON.stringify(e.node)} cannot be written to a ShiViz log (empty or with whitespace)`);
      const clock: Record<string, number> = { [e.node]: e.vclock[e.node] ?? 0 };
      for (const k of Object.keys(e.vclock).sort()) if (k !== e.node && e.vclock[k] > 0) clock[k] = e.vclock[k];
      const ts = timed ? `${msToUnixNs(e.wall_ms as number)} ` : '';
      out.push(`${ts}${e.node} ${JSON.stringify(clock)}`, describeEvent(e));
    }
  }
  return out.join('\n') + '\n';
}

/** ms since the epoch → Unix ns as a decimal string (no 2^53 overflow; as precise as the double). */
export function msToUnixNs(ms: number): string {
  let whole = Math.floor(ms);
  let ns = Math.round((ms - whole) * 1e6);
  if (ns >= 1e6) {
    whole += 1;
    ns -= 1e6;
  }
  return whole === 0 ? String(ns) : `${whole}${String(ns).padStart(6, '0')}`;
}
