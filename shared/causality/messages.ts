/**
 * Message edges of a run: matched send → receive pairs by message id (recorded
 * runs), or the direct cross-node edges the vector clocks imply (imported logs).
 */
import type { CausalIndex } from './causal-index.js';
import type { CausalEvent, Edge } from './types.js';

/** Send → receive pairs matched by `msg`; a duplicated delivery is one pair per receive. */
export function matchedMessages(events: readonly CausalEvent[]): { edges: Edge[]; unmatchedReceives: number } {
  const sendOf = new Map<string, number>();
  const receives: number[] = [];
  for (let p = 0; p < events.length; p++) {
    const e = events[p];
    if (e.msg === null) continue;
    if (e.kind === 'send') {
      if (!sendOf.has(e.msg)) sendOf.set(e.msg, p);
    } else if (e.kind === 'receive') receives.push(p);
  }
  const edges: Edge[] = [];
  let unmatchedReceives = 0;
  for (const p of receives) {
    const from = sendOf.get(events[p].msg as string);
    if (from === undefined) unmatchedReceives++;
    else edges.push({ from, to: p });
  }
  return { edges, unmatchedReceives };
}

/**
 * Matched send → receive pairs counted without building edges, and how many of
 * them were received at an earlier node wall-clock time than sent.
 */
export function matchedMessageCounts(events: readonly CausalEvent[]): { messages: number; unmatchedReceives: number; wallInversions: number } {
  const sendOf = new Map<string, number>();
  const receives: number[] = [];
  for (let p = 0; p < events.length; p++) {
    const e = events[p];
    if (e.msg === null) continue;
    if (e.kind === 'send') {
      if (!sendOf.has(e.msg)) sendOf.set(e.msg, p);
    } else if (e.kind === 'receive') receives.push(p);
  }
  let messages = 0;
  let wallInversions = 0;
  for (const p of receives) {
    const r = events[p];
    const from = sendOf.get(r.msg as string);
    if (from === undefined) continue;
    messages++;
    const sw = events[from].wall_ms;
    if (sw !== null && r.wall_ms !== null && r.wall_ms < sw) wallInversions++;
  }
  return { messages, unmatchedReceives: receives.length - messages, wallInversions };
}

/** Whether any event carries a message id (then messages are counted by matching ids). */
export function hasMessageIds(events: readonly CausalEvent[]): boolean {
  for (const e of events) if (e.msg !== null && (e.kind === 'send' || e.kind === 'receive')) return true;
  return false;
}

/**
 * The direct cross-node edges the clocks imply, as ShiViz draws them: an event
 * whose clock newly covers another node's event (compared with its own previous
 * event) is linked to it, unless another newly covered event has already seen it.
 */
export function clockEdges(index: CausalIndex): Edge[] {
  const { width, clocks, byNode } = index;
  const edges: Edge[] = [];
  const cand: number[] = [];
  for (let i = 0; i < width; i++) {
    const seqs = byNode[i];
    for (let s = 0; s < seqs.length; s++) {
      const p = seqs[s];
      const base = p * width;
      const prevBase = s === 0 ? -1 : seqs[s - 1] * width;
      cand.length = 0;
      for (let j = 0; j < width; j++) {
        if (j === i) continue;
        const v = clocks[base + j];
        if (v > (prevBase < 0 ? 0 : clocks[prevBase + j])) cand.push(j);
      }
      for (const j of cand) {
        const v = clocks[base + j];
        const f = byNode[j][v - 1];
        let covered = false;
        for (const k of cand) {
          if (k !== j && clocks[byNode[k][clocks[base + k] - 1] * width + j] >= v) {
            covered = true;
            break;
          }
        }
        if (!covered) edges.push({ from: f, to: p });
      }
    }
  }
  return edges;
}
