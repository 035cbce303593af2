/**
 * Turn entries of a vector-clock log (ShiViz, GoVector) into coordlab events,
 * validating the way ShiViz does: each host's own counter runs 1..n, every clock
 * entry names an event that exists, and the clocks form a real causal order.
 */
import type { NewEvent, VClock } from '../events.js';
import { buildCausalIndex, causalDepth, CausalityError, clockEdges } from '../causality/index.js';
import type { LogProblem } from './errors.js';

/** One event as a log states it. */
export interface LogEntry {
  readonly host: string;
  /** Clock with zero entries dropped; contains `host`. */
  readonly clock: VClock;
  /** The event text. */
  readonly text: string;
  /** Other named groups of the parser regex. */
  readonly fields: Record<string, string>;
  readonly wall_ms: number | null;
  readonly file: string;
  /** Line where the entry starts. */
  readonly line: number;
}

/**
 * Events in log order with seq = own counter, Lamport = longest causal chain (what
 * Lamport's algorithm gives when every event ticks), and kinds from the clock
 * edges: `receive` when the event newly learns of another host's event, `send`
 * for the event it learns of, else `local`. Message ids are left null: the
 * clocks, not ids, carry the messages of an imported log.
 */
export function eventsFromEntries(entries: readonly LogEntry[]): { events: NewEvent[]; problems: LogProblem[] } {
  const problems: LogProblem[] = [];
  const byHost = new Map<string, LogEntry[]>();
  for (const e of entries) {
    let list = byHost.get(e.host);
    if (!list) byHost.set(e.host, (list = []));
    list.push(e);
  }
  for (const [host, list] of byHost) {
    const sorted = [...list].sort((a, b) => a.clock[host] - b.clock[host]);
    sorted.forEach((e, k) => {
      const own = e.clock[host];
      if (own === k + 1) return;
      const problem = k === 0
        ? `clock for host "${host}" must start at 1, but its first event has ${own}`
        : `clock for host "${host}" goes from ${sorted[k - 1].clock[host]} to ${own} (line ${sorted[k - 1].line}): own counter must run 1, 2, 3…`;
      problems.push({ file: e.file, line: e.line, problem });
    });
  }
  for (const e of entries) {
    for (const k in e.clock) {
      if (k === e.host) continue; // the own counter is checked above
      const count = byHost.get(k)?.length;
      if (count === undefined) problems.push({ file: e.file, line: e.line, problem: `clock names host "${k}", which logs no events` });
      else if (e.clock[k] > count) {
        problems.push({ file: e.file, line: e.line, problem: `clock refers to ${k}:${e.clock[k]}, an event that does not exist (${k} logs ${count} events)` });
      }
    }
  }
  if (problems.length > 0) return { events: [], problems };

  const events: NewEvent[] = entries.map((e) => ({
    node: e.host,
    seq: e.clock[e.host],
    kind: 'local',
    wall_ms: e.wall_ms,
    mono_ns: null,
    ref_ms: null,
    lamport: 0,
    vclock: e.clock,
    msg: null,
    peer: null,
    label: e.text,
    data: Object.keys(e.fields).length > 0 ? { ...e.fields } : null,
  }));
  const withIds = events.map((e, p) => ({ ...e, id: p + 1 }));
  let index;
  try {
    index = buildCausalIndex(withIds);
  } catch (err) {
    if (!(err instanceof CausalityError)) throw err;
    const at = err.eventId !== null ? entries[err.eventId - 1] : entries[0];
    return { events: [], problems: [{ file: at.file, line: at.line, problem: err.message.replace(/event (\d+)/g, (_, id) => `the event on line ${entries[Number(id) - 1]?.line ?? '?'}`) }] };
  }
  const depth = causalDepth(index);
  events.forEach((e, p) => (e.lamport = depth[p]));
  const edges = clockEdges(index);
  for (const { from, to } of edges) {
    const r = events[to];
    if (r.kind !== 'receive') {
      r.kind = 'receive';
      r.peer = events[from].node;
    }
  }
  for (const { from, to } of edges) {
    const s = events[from];
    if (s.kind === 'local') {
      s.kind = 'send';
      s.peer = events[to].node;
    }
  }
  return { events, problems };
}
