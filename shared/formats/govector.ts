/**
 * GoVector raw logs (github.com/DistributedClocks/GoVector): one `<name>-Log.txt`
 * per process, each entry a `[unixNs ]pid {clock}` line followed by the event
 * line. Several files merge into one run. With `AppendLog`, a file holds several
 * executions separated by `=== Execution #<date>  ===`; execution k of every file
 * then forms run k.
 */
import { LogFormatError, type LogProblem } from './errors.js';
import { parseClockText } from './clock-text.js';
import { isUnixNs, lineAt, lineStarts, unixNsToMs } from './text.js';
import { eventsFromEntries, type LogEntry } from './vector-log.js';
import type { ParsedRun } from './types.js';

/** One input file. */
export interface NamedText {
  readonly name: string;
  readonly text: string;
}

const ENTRY = /^(?:(?<timestamp>\d{10,}) )?(?<host>\S+) (?<clock>\{.*\})\r?\n(?<event>.*)/gm;
const EXECUTION = /^=== Execution #(?<trace>.*?)\s*===\s*$/gm;

/**
 * Parse and merge GoVector logs.
 * @throws LogFormatError listing every problem (file and line); nothing is returned then.
 */
export function parseGoVector(files: readonly NamedText[]): ParsedRun[] {
  const problems: LogProblem[] = [];
  const executions: { entries: LogEntry[]; label: string | null }[] = [];
  for (const { name, text } of files) {
    if (text.trim().length === 0) {
      problems.push({ file: name, line: 1, problem: 'empty file: no log to import' });
      continue;
    }
    if (text.includes('\u0000')) {
      problems.push({ file: name, line: lineAt(lineStarts(text), text.indexOf('\u0000')), problem: 'not a text log (binary data)' });
      continue;
    }
    const starts = lineStarts(text);
    const cuts: { at: number; label: string }[] = [];
    for (const m of text.matchAll(EXECUTION)) cuts.push({ at: m.index!, label: m.groups!.trace });
    const spans = [{ start: 0, end: cuts[0]?.at ?? text.length, label: null as string | null }];
    cuts.forEach((c, k) => spans.push({ start: c.at, end: cuts[k + 1]?.at ?? text.length, label: c.label }));
    let k = 0;
    let found = 0;
    for (const span of spans) {
      const body = text.slice(span.start, span.end);
      const entries: LogEntry[] = [];
      for (const m of body.matchAll(ENTRY)) {
        const g = m.groups!;
        const line = lineAt(starts, span.start + m.index!);
        const parsed = parseClockText(g.clock, g.host);
        if (!parsed.ok) {
          problems.push({ file: name, line, problem: parsed.problem });
          continue;
        }
        const wall = g.timestamp !== undefined && isUnixNs(g.timestamp) ? unixNsToMs(g.timestamp) : null;
        const fields: Record<string, string> = g.timestamp !== undefined ? { timestamp: g.timestamp } : {};
        entries.push({ host: g.host, clock: parsed.clock, text: g.event.replace(/\r$/, ''), fields, wall_ms: wall, file: name, line });
      }
      if (entries.length === 0 && span.label === null && cuts.length > 0) continue; // only the blank lead-in
      found += entries.length;
      executions[k] ??= { entries: [], label: span.label };
      executions[k].entries.push(...entries);
      k++;
    }
    if (found === 0 && !problems.some((p) => p.file === name)) {
      problems.push({ file: name, line: 1, problem: 'no GoVector entries ("pid {clock}" line, then the event line): not a GoVector log' });
    }
  }
  if (problems.length > 0) throw new LogFormatError(problems);
  const names = files.map((f) => f.name.replace(/^.*[\\/]/, '')).join(' + ');
  const runs: ParsedRun[] = executions.map((x, k) => {
    const built = eventsFromEntries(x.entries);
    problems.push(...built.problems);
    const label = x.label ?? (executions.length > 1 ? `${names} #${k + 1}` : names);
    return { label, format: 'govector', file: names, events: built.events };
  });
  if (problems.length > 0) throw new LogFormatError(problems);
  return runs;
}
