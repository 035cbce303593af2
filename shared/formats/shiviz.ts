/**
 * ShiViz logs (github.com/DistributedClocks/shiviz). The upload format is: line 1
 * the parser regex, line 2 the execution delimiter (may be empty), then the log.
 * A plain log takes the regex and delimiter as options, and without a regex the
 * GoVector default layout (`host {clock}` line, then the event line).
 *
 * As ShiViz does, the regex is applied globally with the `m` flag to the text of
 * each execution, so one match may span lines (`\n` in the regex); text between
 * matches is ignored. The named groups `host`, `clock` and `event` are required;
 * other named groups become fields in `data`. The delimiter splits the text into
 * executions, each labelled by the delimiter's `trace` group.
 */
import type { LogProblem } from './errors.js';
import { LogFormatError } from './errors.js';
import { parseClockText } from './clock-text.js';
import { isUnixNs, lineAt, lineStarts, unixNsToMs } from './text.js';
import { eventsFromEntries, type LogEntry } from './vector-log.js';
import type { ParsedRun } from './types.js';

/** GoVector's default layout, as ShiViz's examples parse it. */
export const GOVECTOR_REGEX = String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`;

/** Options for {@link parseShiviz}. */
export interface ShivizOptions {
  /** File name used in problems and labels. */
  readonly file?: string;
  /** Parser regex; when given the whole text is the log (no header lines). */
  readonly regex?: string;
  /** Execution delimiter regex (with a `trace` group for labels). */
  readonly delimiter?: string;
}

const REQUIRED = ['host', 'clock', 'event'] as const;

/**
 * Parse a ShiViz log into one run per execution.
 * @throws LogFormatError listing every problem with its line; nothing is returned then.
 */
export function parseShiviz(input: string, options: ShivizOptions = {}): ParsedRun[] {
  // Windows line ends: the regexes match `\n`; dropping `\r` keeps every line number.
  const text = input.includes('\r\n') ? input.replace(/\r\n/g, '\n') : input;
  const file = options.file ?? 'log';
  const problems: LogProblem[] = [];
  const fail = (line: number | null, problem: string): never => {
    throw new LogFormatError([...problems, { file, line, problem }]);
  };
  if (text.trim().length === 0) fail(1, 'empty file: no log to import');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) fail(lineAt(lineStarts(text), nul), 'not a text log (binary data)');
  const starts = lineStarts(text);

  let regexSrc: string;
  let regexLine: number | null = null;
  let delimiterSrc: string | null = options.delimiter?.trim() || null;
  let delimiterLine: number | null = null;
  let bodyStart = 0;
  if (options.regex !== undefined) {
    regexSrc = options.regex.trim();
  } else {
    const line1 = lineText(text, starts, 1);
    if (line1.includes('(?<')) {
      regexSrc = line1.trim();
      regexLine = 1;
      if (delimiterSrc === null && starts.length > 1) {
        delimiterSrc = lineText(text, starts, 2).trim() || null;
        delimiterLine = 2;
      }
      bodyStart = starts.length > 2 ? starts[2] : text.length;
    } else {
      regexSrc = GOVECTOR_REGEX;
    }
  }
  const where = (line: number | null): { f: string; l: number | null } => (line === null ? { f: `${file} (--regex)`, l: null } : { f: file, l: line });
  const regex = compile(regexSrc, 'gmd');
  if (typeof regex === 'string') {
    const w = where(regexLine);
    throw new LogFormatError([{ file: w.f, line: w.l, problem: `invalid parser regex: ${regex}` }]);
  }
  const names = groupNames(regexSrc);
  const missing = REQUIRED.filter((g) => !names.includes(g));
  if (missing.length > 0) {
    const w = where(regexLine);
    throw new LogFormatError([{ file: w.f, line: w.l, problem: `parser regex lacks the named group${missing.length > 1 ? 's' : ''} ${missing.map((m) => `(?<${m}>…)`).join(', ')}` }]);
  }
  let delimiter: RegExp | null = null;
  if (delimiterSrc !== null) {
    const d = compile(delimiterSrc, 'gm');
    if (typeof d === 'string') {
      throw new LogFormatError([{ file: delimiterLine === null ? `${file} (--delimiter)` : file, line: delimiterLine, problem: `invalid delimiter regex: ${d}` }]);
    }
    delimiter = d;
  }

  // Split into executions: [start, end) spans with labels (text before the first delimiter: no label).
  const spans: { start: number; end: number; label: string | null }[] = [];
  if (delimiter) {
    let start = bodyStart;
    let label: string | null = null;
    delimiter.lastIndex = bodyStart;
    for (let m = delimiter.exec(text); m; m = delimiter.exec(text)) {
      if (m[0].length === 0) {
        delimiter.lastIndex++;
        continue;
      }
      spans.push({ start, end: m.index, label });
      label = m.groups?.trace ?? '';
      start = m.index + m[0].length;
    }
    spans.push({ start, end: text.length, label });
  } else {
    spans.push({ start: bodyStart, end: text.length, label: null });
  }
  const executions = spans.filter((s) => text.slice(s.start, s.end).trim().length > 0);
  if (executions.length === 0) fail(lineAt(starts, bodyStart), 'no log after the header lines');

  const runs: ParsedRun[] = [];
  executions.forEach((span, k) => {
    const body = text.slice(span.start, span.end);
    const entries: LogEntry[] = [];
    regex.lastIndex = 0;
    for (const m of body.matchAll(regex)) {
      const groups = m.groups ?? {};
      const indices = (m as RegExpMatchArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }).indices?.groups ?? {};
      const line = lineAt(starts, span.start + m.index!);
      const host = groups.host ?? '';
      const clockAt = indices.clock ? lineAt(starts, span.start + indices.clock[0]) : line;
      const parsed = parseClockText(groups.clock ?? '', host);
      if (!parsed.ok) {
        problems.push({ file, line: clockAt, problem: parsed.problem });
        continue;
      }
      const fields: Record<string, string> = {};
      for (const name of names) if (!REQUIRED.includes(name as (typeof REQUIRED)[number]) && groups[name] !== undefined) fields[name] = groups[name];
      const wall = fields.timestamp !== undefined && isUnixNs(fields.timestamp) ? unixNsToMs(fields.timestamp) : null;
      entries.push({ host, clock: parsed.clock, text: groups.event ?? '', fields, wall_ms: wall, file, line });
    }
    const firstLine = lineAt(starts, span.start + (body.length - body.trimStart().length));
    if (entries.length === 0 && !problems.some((p) => p.line !== null && p.line >= firstLine)) {
      problems.push({ file, line: firstLine, problem: `the parser regex matches no event in ${span.label === null ? 'the log' : `execution "${span.label}"`} (not a log in this format?)` });
      return;
    }
    const built = eventsFromEntries(entries);
    problems.push(...built.problems);
    const label = span.label !== null && span.label !== '' ? span.label : executions.length > 1 ? `${file} #${k + 1}` : file;
    runs.push({ label, format: 'shiviz', file, events: built.events });
  });
  if (problems.length > 0) throw new LogFormatError(problems);
  return runs;
}

function lineText(text: string, starts: Int32Array, line: number): string {
  const s = starts[line - 1];
  const e = line < starts.length ? starts[line] - 1 : text.length;
  return text.slice(s, e).replace(/\r$/, '');
}

function compile(src: string, flags: string): RegExp | string {
  if (src.length === 0) return 'empty regex';
  try {
    return new RegExp(src, flags);
  } catch (err) {
    return (err as Error).message;
  }
}

/** Named groups of a regex source, in order. */
export function groupNames(src: string): string[] {
  const names: string[] = [];
  for (const m of src.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)) names.push(m[1]);
  return names;
}
