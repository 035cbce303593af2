/**
 * Chrome trace-event JSON, as ui.perfetto.dev and chrome://tracing open it: one
 * track (thread) per node, a slice per event, a flow arrow per message.
 * Time is each node's wall clock when every event has one (so clock error shows
 * as arrows going back), else Lamport time at 1 ms per tick.
 */
import type { LabEvent } from '../events.js';
import { buildCausalIndex, clockEdges, hasMessageIds, matchedMessages } from '../causality/index.js';
import { compareNodeIds } from '../clocks/index.js';
import { describeEvent } from './shiviz-export.js';

/** Options for {@link toPerfetto}. */
export interface PerfettoOptions {
  /** Process name shown above the tracks. */
  readonly title?: string;
  /** `wall` (default when every event has a reading) or `lamport`. */
  readonly time?: 'wall' | 'lamport';
}

const SLICE_US_MAX = 1000;

/** The trace as a JSON string (`{"traceEvents": [...]}`). */
export function toPerfetto(events: readonly LabEvent[], options: PerfettoOptions = {}): string {
  const allWall = events.length > 0 && events.every((e) => e.wall_ms !== null);
  const time = options.time ?? (allWall ? 'wall' : 'lamport');
  const useWall = time === 'wall' && allWall;
  let t0 = Infinity;
  if (useWall) for (const e of events) t0 = Math.min(t0, e.wall_ms as number);
  if (!useWall) t0 = 0;
  const tsUs = events.map((e) => (useWall ? Math.round(((e.wall_ms as number) - t0) * 1000) : e.lamport * 1000));
  const nodes = [...new Set(events.map((e) => e.node))].sort(compareNodeIds);
  const tid = new Map(nodes.map((n, i) => [n, i + 1]));
  const pid = 1;
  const trace: Record<string, unknown>[] = [
    { ph: 'M', name: 'process_name', pid, tid: 0, args: { name: options.title ?? `coordlab run ${events[0]?.run ?? ''}`.trim() } },
  ];
  nodes.forEach((n, i) => {
    trace.push({ ph: 'M', name: 'thread_name', pid, tid: i + 1, args: { name: n } });
    trace.push({ ph: 'M', name: 'thread_sort_index', pid, tid: i + 1, args: { sort_index: i } });
  });
  // Slice length: up to the node's next event, at most 1 ms, at least 1 µs.
  const dur = new Array<number>(events.length).fill(SLICE_US_MAX);
  const byNode = new Map<string, number[]>();
  events.forEach((e, p) => {
    let list = byNode.get(e.node);
    if (!list) byNode.set(e.node, (list = []));
    list.push(p);
  });
  for (const list of byNode.values()) {
    list.sort((a, b) => events[a].seq - events[b].seq);
    for (let k = 0; k + 1 < list.length; k++) dur[list[k]] = Math.max(1, Math.min(SLICE_US_MAX, tsUs[list[k + 1]] - tsUs[list[k]]));
  }
  events.forEach((e, p) => {
    trace.push({
      ph: 'X', name: describeEvent(e), cat: e.kind, pid, tid: tid.get(e.node), ts: tsUs[p], dur: dur[p],
      args: { id: e.id, seq: e.seq, lamport: e.lamport, vclock: e.vclock, wall_ms: e.wall_ms, msg: e.msg, peer: e.peer, data: e.data },
    });
  });
  const edges = hasMessageIds(events) ? matchedMessages(events).edges : clockEdges(buildCausalIndex(events));
  edges.forEach(({ from, to }, k) => {
    const name = events[from].msg ?? 'message';
    trace.push({ ph: 's', id: k + 1, name, cat: 'message', pid, tid: tid.get(events[from].node), ts: tsUs[from] });
    trace.push({ ph: 'f', bp: 'e', id: k + 1, name, cat: 'message', pid, tid: tid.get(events[to].node), ts: tsUs[to] });
  });
  return JSON.stringify({ traceEvents: trace, displayTimeUnit: 'ms', otherData: { time_base: useWall ? 'node wall clock' : 'lamport (1 ms per tick)' } });
}
