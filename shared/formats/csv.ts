/** CSV export (RFC 4180): the JSONL columns; `vclock` and `data` as JSON text. */
import type { LabEvent } from '../events.js';
import { EVENT_FIELDS } from './jsonl.js';

/** Header row plus one row per event, CRLF line ends as RFC 4180 says. */
export function toCsv(events: readonly LabEvent[]): string {
  const rows = [EVENT_FIELDS.join(',')];
  for (const e of events) rows.push(EVENT_FIELDS.map((f) => cell(e[f])).join(','));
  return rows.join('\r\n') + '\r\n';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
