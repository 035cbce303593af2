/**
 * coordlab JSONL: one event per line with the DESIGN.md fields. Import groups
 * lines by `run` (one parsed run per run id, labelled by it) and checks each
 * field and the clocks; export writes the fields in schema order.
 */
import type { LabEvent, NewEvent, VClock } from '../events.js';
import { buildCausalIndex, CausalityError } from '../causality/index.js';
import { LogFormatError, type LogProblem } from './errors.js';
import type { ParsedRun } from './types.js';

/** The JSONL columns, in order. */
export const EVENT_FIELDS = ['run', 'id', 'node', 'seq', 'kind', 'wall_ms', 'mono_ns', 'ref_ms', 'lamport', 'vclock', 'msg', 'peer', 'label', 'data'] as const;

/** One event per line, fields in schema order, `\n` after each line. */
export function toJsonl(events: readonly LabEvent[]): string {
  let out = '';
  for (const e of events) {
    const row: Record<string, unknown> = {};
    for (const f of EVENT_FIELDS) row[f] = e[f];
    out += JSON.stringify(row) + '\n';
  }
  return out;
}

type Check = (v: unknown) => boolean;
const isStr: Check = (v) => typeof v === 'string';
const isInt: Check = (v) => typeof v === 'number' && Number.isInteger(v);
const isNum: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const orNull = (c: Check): Check => (v) => v === null || v === undefined || c(v);
const isClock: Check = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0);
const isObj: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIELD_CHECKS: [keyof LabEvent, Check, string, boolean][] = [
  ['node', isStr, 'a string', true],
  ['seq', (v) => isInt(v) && (v as number) >= 1, 'an integer ≥ 1', true],
  ['kind', isStr, 'a string', true],
  ['lamport', (v) => isInt(v) && (v as number) >= 0, 'a non-negative integer', true],
  ['vclock', isClock, 'an object of non-negative integers', true],
  ['wall_ms', orNull(isNum), 'a number or null', false],
  ['mono_ns', orNull((v) => isStr(v) && /^-?\d+$/.test(v as string)), 'a decimal string or null', false],
  ['ref_ms', orNull(isNum), 'a number or null', false],
  ['msg', orNull(isStr), 'a string or null', false],
  ['peer', orNull(isStr), 'a string or null', false],
  ['label', orNull(isStr), 'a string or null', false],
  ['data', orNull(isObj), 'an object or null', false],
  ['run', orNull(isStr), 'a string', false],
  ['id', orNull(isInt), 'an integer', false],
];

/**
 * Parse coordlab JSONL (blank lines ignored).
 * @throws LogFormatError listing every problem with its line; nothing is returned then.
 */
export function parseJsonl(text: string, options: { file?: string } = {}): ParsedRun[] {
  const file = options.file ?? 'events.jsonl';
  const problems: LogProblem[] = [];
  if (text.trim().length === 0) throw new LogFormatError([{ file, line: 1, problem: 'empty file: no events to import' }]);
  if (text.includes('\u0000')) throw new LogFormatError([{ file, line: text.slice(0, text.indexOf('\u0000')).split('\n').length, problem: 'not a text file (binary data)' }]);
  const byRun = new Map<string, { events: NewEvent[]; ids: number[]; lines: number[] }>();
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].trim();
    if (raw.length === 0) continue;
    const line = k + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (err) {
      const first = byRun.size === 0 && problems.length === 0;
      if (first) throw new LogFormatError([{ file, line, problem: `not coordlab JSONL: the first line is not JSON (${(err as Error).message})` }]);
      problems.push({ file, line, problem: `not a JSON object (${(err as Error).message})` });
      if (problems.length >= 50) break;
      continue;
    }
    if (!isObj(obj)) {
      problems.push({ file, line, problem: 'not a JSON object' });
      continue;
    }
    const o = obj as Record<string, unknown>;
    const bad = FIELD_CHECKS.filter(([f, check, , required]) => (required || f in o ? !check(o[f]) : false));
    if (bad.length > 0) {
      problems.push({ file, line, problem: bad.map(([f, , want]) => (o[f] === undefined ? `missing "${f}"` : `"${f}" must be ${want}`)).join(', ') });
      if (problems.length >= 50) break;
      continue;
    }
    const run = (o.run as string | undefined) ?? '';
    let group = byRun.get(run);
    if (!group) byRun.set(run, (group = { events: [], ids: [], lines: [] }));
    const vclock: VClock = {};
    for (const [n, c] of Object.entries(o.vclock as VClock)) if (c > 0) vclock[n] = c;
    group.events.push({
      node: o.node as string, seq: o.seq as number, kind: o.kind as string,
      wall_ms: (o.wall_ms as number | null | undefined) ?? null, mono_ns: (o.mono_ns as string | null | undefined) ?? null,
      ref_ms: (o.ref_ms as number | null | undefined) ?? null, lamport: o.lamport as number, vclock,
      msg: (o.msg as string | null | undefined) ?? null, peer: (o.peer as string | null | undefined) ?? null,
      label: (o.label as string | null | undefined) ?? null, data: (o.data as Record<string, unknown> | null | undefined) ?? null,
    });
    group.ids.push((o.id as number | undefined) ?? group.events.length);
    group.lines.push(line);
  }
  if (problems.length > 0) throw new LogFormatError(problems);
  const runs: ParsedRun[] = [];
  for (const [run, g] of byRun) {
    const order = g.events.map((_, p) => p).sort((a, b) => g.ids[a] - g.ids[b] || a - b);
    const events = order.map((p) => g.events[p]);
    const lineOf = order.map((p) => g.lines[p]);
    try {
      buildCausalIndex(events.map((e, p) => ({ ...e, id: p + 1 })));
    } catch (err) {
      if (!(err instanceof CausalityError)) throw err;
      const at = err.eventId !== null ? lineOf[err.eventId - 1] : lineOf[0];
      problems.push({ file, line: at, problem: err.message.replace(/event (\d+)/g, (_, id) => `the event on line ${lineOf[Number(id) - 1] ?? '?'}`) });
      continue;
    }
    runs.push({ label: run === '' ? file : run, format: 'jsonl', file, events });
  }
  if (problems.length > 0) throw new LogFormatError(problems);
  return runs;
}
