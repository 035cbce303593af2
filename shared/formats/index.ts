/**
 * Log formats: pure parsers (text in → runs out, or a LogFormatError listing
 * every problem with its line) and exporters (events in → text out).
 */
export { LogFormatError, ExportError, formatProblem } from './errors.js';
export type { LogProblem } from './errors.js';
export type { ParsedRun } from './types.js';
export { parseShiviz, GOVECTOR_REGEX, groupNames } from './shiviz.js';
export type { ShivizOptions } from './shiviz.js';
export { parseGoVector } from './govector.js';
export type { NamedText } from './govector.js';
export { parseJsonl, toJsonl, EVENT_FIELDS } from './jsonl.js';
export { toCsv } from './csv.js';
export { toShiviz, describeEvent, msToUnixNs, SHIVIZ_DELIMITER, GOVECTOR_TS_REGEX } from './shiviz-export.js';
export type { RunToExport } from './shiviz-export.js';
export { toPerfetto } from './perfetto.js';
export type { PerfettoOptions } from './perfetto.js';
export { parseClockText } from './clock-text.js';
export { eventsFromEntries } from './vector-log.js';
export type { LogEntry } from './vector-log.js';
export { withRunIds } from './run-events.js';
