/**
 * Safety checks of Raft leader election over recorded events (real or simulated
 * runs alike; the event contract is in `shared/raft/record.ts`):
 * - election safety: at most one leader per term;
 * - one vote per term: a node grants its (real) vote to at most one candidate per term;
 * - monotonic terms: a node's term never decreases, also across crash-recovery.
 */
import type { LabEvent } from '../events.js';

/** Names of the Raft checks. */
export type RaftCheckName = 'election-safety' | 'one-vote-per-term' | 'monotonic-terms';

/** One violation, with the events that show it. */
export interface RaftViolation {
  check: RaftCheckName;
  /** One line for humans. */
  message: string;
  /** Ids of the events that together show the violation. */
  events: number[];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** At most one node becomes leader in any term. */
export function checkElectionSafety(events: readonly LabEvent[]): RaftViolation[] {
  const leaders = new Map<number, Map<string, number>>();
  for (const e of events) {
    if (e.kind !== 'state' || e.data?.role !== 'leader' || e.data.prevRole === 'leader') continue;
    const term = num(e.data.term);
    if (term === null) continue;
    let m = leaders.get(term);
    if (!m) leaders.set(term, (m = new Map()));
    if (!m.has(e.node)) m.set(e.node, e.id);
  }
  const out: RaftViolation[] = [];
  for (const [term, m] of leaders) {
    if (m.size > 1) {
      out.push({ check: 'election-safety', message: `term ${term} has ${m.size} leaders: ${[...m.keys()].join(', ')}`, events: [...m.values()] });
    }
  }
  return out;
}

/** A node grants its real vote to at most one candidate per term. */
export function checkOneVotePerTerm(events: readonly LabEvent[]): RaftViolation[] {
  const votes = new Map<string, Map<string, number>>();
  const out: RaftViolation[] = [];
  for (const e of events) {
    const d = e.data;
    if (e.kind !== 'local' || d?.event !== 'vote' || d.granted !== true || d.preVote === true) continue;
    const term = num(d.term);
    const cand = typeof d.candidate === 'string' ? d.candidate : null;
    if (term === null || cand === null) continue;
    const key = `${e.node}\u0000${term}`;
    let m = votes.get(key);
    if (!m) votes.set(key, (m = new Map()));
    if (m.has(cand)) continue;
    m.set(cand, e.id);
    if (m.size === 2) {
      out.push({ check: 'one-vote-per-term', message: `${e.node} voted for ${[...m.keys()].join(' and ')} in term ${term}`, events: [...m.values()] });
    }
  }
  return out;
}

/** A node's term (on its state events, in its own order) never decreases. */
export function checkMonotonicTerms(events: readonly LabEvent[]): RaftViolation[] {
  const byNode = new Map<string, LabEvent[]>();
  for (const e of events) {
    if (e.kind !== 'state' || num(e.data?.term) === null) continue;
    let list = byNode.get(e.node);
    if (!list) byNode.set(e.node, (list = []));
    list.push(e);
  }
  const out: RaftViolation[] = [];
  for (const [node, list] of byNode) {
    list.sort((a, b) => a.seq - b.seq);
    let max = list[0];
    for (const e of list) {
      const term = num(e.data?.term) as number;
      const maxTerm = num(max.data?.term) as number;
      if (term < maxTerm) out.push({ check: 'monotonic-terms', message: `${node}'s term went from ${maxTerm} down to ${term}`, events: [max.id, e.id] });
      else max = e;
    }
  }
  return out;
}

/** All Raft checks; an empty list means the run is safe. */
export function checkRaft(events: readonly LabEvent[]): RaftViolation[] {
  return [...checkElectionSafety(events), ...checkOneVotePerTerm(events), ...checkMonotonicTerms(events)];
}

/** Election figures of a run (the `raft` object of `analyze --json`). */
export interface RaftSummary {
  /** Highest term any node reached. */
  terms: number;
  /** Most distinct leaders seen in one term (1 in a safe run that elected anyone). */
  leaders_per_term_max: number;
  /** Elections started: times a node became a candidate (pre-vote rounds not counted). */
  elections: number;
}

/** Summarize the elections of a run from its state events. */
export function summarizeRaft(events: readonly LabEvent[]): RaftSummary {
  let terms = 0;
  let elections = 0;
  const leaders = new Map<number, Set<string>>();
  for (const e of events) {
    if (e.kind !== 'state') continue;
    const term = num(e.data?.term);
    if (term === null) continue;
    terms = Math.max(terms, term);
    if (e.data?.role === 'candidate' && (e.data.prevRole !== 'candidate' || num(e.data.prevTerm) !== term)) elections++;
    if (e.data?.role === 'leader') {
      let set = leaders.get(term);
      if (!set) leaders.set(term, (set = new Set()));
      set.add(e.node);
    }
  }
  let max = 0;
  for (const set of leaders.values()) max = Math.max(max, set.size);
  return { terms, leaders_per_term_max: max, elections };
}
