/**
 * Recompute Lamport and vector clocks from the send/receive structure alone
 * (message ids), to validate what a run recorded. Every event ticks; a receive
 * merges the clock its send carried.
 */
import { compareNodeIds, vcMerge, vcTick, type VClock } from '../clocks/index.js';
import type { CausalEvent } from './types.js';

/** Clocks recomputed for one event. */
export interface RecomputedClock {
  readonly id: number;
  readonly lamport: number;
  readonly vclock: VClock;
}

/** Result of {@link recomputeClocks}: clocks by event position, and what could not be matched. */
export interface Recomputed {
  readonly clocks: RecomputedClock[];
  /** Human-readable problems (receives of unknown messages, waits that never resolve). */
  readonly problems: string[];
}

/**
 * Replay each node's events in seq order; a receive waits for its send (matched
 * by `msg`). A receive whose message was never sent is treated as a local event
 * and reported; so is a set of receives that wait on each other.
 */
export function recomputeClocks(events: readonly CausalEvent[]): Recomputed {
  const problems: string[] = [];
  const perNode = new Map<string, number[]>();
  const sendOf = new Map<string, number>();
  events.forEach((e, p) => {
    let list = perNode.get(e.node);
    if (!list) perNode.set(e.node, (list = []));
    list.push(p);
    if (e.kind === 'send' && e.msg !== null && !sendOf.has(e.msg)) sendOf.set(e.msg, p);
  });
  const queues = [...perNode.keys()].sort(compareNodeIds).map((node) => perNode.get(node)!.sort((a, b) => events[a].seq - events[b].seq));
  const out: RecomputedClock[] = new Array(events.length);
  const state = new Map<string, { lamport: number; vclock: VClock }>();
  const cursor = new Array<number>(queues.length).fill(0);
  let remaining = events.length;
  let forced = false;
  while (remaining > 0) {
    let progressed = false;
    for (let q = 0; q < queues.length; q++) {
      const list = queues[q];
      while (cursor[q] < list.length) {
        const p = list[cursor[q]];
        const e = events[p];
        let sender: RecomputedClock | undefined;
        if (e.kind === 'receive' && e.msg !== null) {
          const s = sendOf.get(e.msg);
          if (s === undefined) problems.push(`event ${e.id} on ${e.node}: receive of message ${e.msg} that no event sent`);
          else if (out[s] === undefined) {
            if (!forced) break;
            problems.push(`event ${e.id} on ${e.node}: receive of message ${e.msg} waits on a cycle; treated as local`);
          } else sender = out[s];
        }
        forced = false;
        const cur = state.get(e.node) ?? { lamport: 0, vclock: {} };
        const lamport = Math.max(cur.lamport, sender?.lamport ?? 0) + 1;
        const vclock = vcTick(sender ? vcMerge(cur.vclock, sender.vclock) : cur.vclock, e.node);
        state.set(e.node, { lamport, vclock });
        out[p] = { id: e.id, lamport, vclock };
        cursor[q]++;
        remaining--;
        progressed = true;
      }
    }
    if (!progressed) forced = true; // a deadlock: let the first blocked receive through as local
  }
  return { clocks: out, problems };
}

/** One disagreement between a recorded and a recomputed clock. */
export interface ClockMismatch {
  readonly id: number;
  readonly field: 'lamport' | 'vclock';
  readonly recorded: string;
  readonly recomputed: string;
}

/** Compare the recorded clocks with the recomputed ones; empty when the run is consistent. */
export function checkRecordedClocks(events: readonly CausalEvent[]): { mismatches: ClockMismatch[]; problems: string[] } {
  const { clocks, problems } = recomputeClocks(events);
  const mismatches: ClockMismatch[] = [];
  events.forEach((e, p) => {
    const r = clocks[p];
    if (r.lamport !== e.lamport) mismatches.push({ id: e.id, field: 'lamport', recorded: String(e.lamport), recomputed: String(r.lamport) });
    if (!sameClock(r.vclock, e.vclock)) {
      mismatches.push({ id: e.id, field: 'vclock', recorded: JSON.stringify(e.vclock), recomputed: JSON.stringify(r.vclock) });
    }
  });
  return { mismatches, problems };
}

function sameClock(a: VClock, b: VClock): boolean {
  for (const k in a) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  for (const k in b) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}
