/**
 * The Raft view model of a recorded run: a lane per node of role segments over time,
 * the terms with their candidates, votes and leader (split votes marked), vote
 * requests and decisions, election-timer expiries, faults. Reads the event contract
 * of shared/raft/record.ts (real and simulated runs alike).
 */
import { checkRaft, summarizeRaft, type RaftSummary } from '../checks/raft';
import type { LabEvent } from '../events';
import { byTime, faultSpans, frameOf, num, r3, str, subjectOf, type FaultSpan, type IdTime, type TopicEvent, type ViewFrame } from './common';

/** A node's role, or `down` while crashed. */
export type RaftLaneRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader' | 'down';

/** A stretch of time a node spent in one role and term. */
export interface RoleSegment {
  node: string;
  role: RaftLaneRole;
  term: number;
  startMs: number;
  endMs: number;
  /** Event that began it. */
  id: number;
}

/** How a term's election ended. */
export type TermOutcome = 'elected' | 'split' | 'no-leader';

/** One term of the run. */
export interface RaftTerm {
  term: number;
  /** First time a node entered this term. */
  startMs: number;
  /** Nodes that stood as candidate in this term. */
  candidates: string[];
  leader: string | null;
  leaderAtMs: number | null;
  /** Real votes granted, per candidate. */
  votes: Record<string, number>;
  /**
   * `elected`: a leader; `split`: two or more candidates and none won (a split vote);
   * `no-leader`: one candidate that did not win, or a term only heard of.
   */
  outcome: TermOutcome;
}

/** A vote request on the wire (the candidate's send). */
export interface VoteRequest {
  atMs: number;
  id: number;
  from: string;
  to: string;
  term: number;
  preVote: boolean;
}

/** A (pre-)vote decided by `voter`. */
export interface VoteDecision {
  atMs: number;
  id: number;
  voter: string;
  candidate: string;
  term: number;
  granted: boolean;
  preVote: boolean;
  reason: string;
}

/** An election timer that fired (the node stood for election because of it). */
export interface TimerMark {
  atMs: number;
  id: number;
  node: string;
  term: number;
}

/** The Raft view of one run. */
export interface RaftView {
  topic: 'raft';
  frame: ViewFrame;
  nodes: string[];
  segments: RoleSegment[];
  terms: RaftTerm[];
  requests: VoteRequest[];
  votes: VoteDecision[];
  timers: TimerMark[];
  faults: FaultSpan[];
  summary: RaftSummary;
  /** Safety violations found by `checkRaft` (one line each). */
  violations: string[];
  /** Vote requests/decisions left out to keep the model small. */
  omitted: number;
  timeline: IdTime[];
}

const ROLES = new Set(['follower', 'pre-candidate', 'candidate', 'leader']);

/** Options of {@link buildRaftView}. */
export interface RaftViewOptions {
  /** Lane order (the run's nodes); nodes seen only in events are appended. */
  nodes?: readonly string[];
  /** Time bounds of the whole run (absolute ms), if known. */
  bounds?: { startMs?: number | null; endMs?: number | null };
  timeline?: IdTime[];
  /** Most vote requests plus decisions to keep (default 4000). */
  maxVotes?: number;
}

/** Is this a Raft role-change event? */
export function isRaftState(e: TopicEvent): boolean {
  return e.kind === 'state' && num(e.data?.term) !== null && typeof e.data?.role === 'string' && ROLES.has(e.data.role as string);
}

/** Build the Raft view from a run's state, vote, vote-request and fault events (any order). */
export function buildRaftView(events: readonly TopicEvent[], o: RaftViewOptions = {}): RaftView {
  const frame = frameOf(events, o.bounds);
  const rel = (t: number): number => r3(t - frame.t0Ms);
  const nodes = [...(o.nodes ?? [])].filter((n) => n !== 'lab');
  const addNode = (n: string): void => {
    if (n !== 'lab' && !nodes.includes(n)) nodes.push(n);
  };
  const segments: RoleSegment[] = [];
  const open = new Map<string, RoleSegment>();
  const terms = new Map<number, RaftTerm>();
  const requests: VoteRequest[] = [];
  const votes: VoteDecision[] = [];
  const timers: TimerMark[] = [];
  const maxVotes = o.maxVotes ?? 4000;
  let omitted = 0;

  const termOf = (term: number, at: number): RaftTerm => {
    let t = terms.get(term);
    if (!t) terms.set(term, (t = { term, startMs: at, candidates: [], leader: null, leaderAtMs: null, votes: {}, outcome: 'no-leader' }));
    return t;
  };
  const begin = (node: string, role: RaftLaneRole, term: number, at: number, id: number): void => {
    const cur = open.get(node);
    if (cur && cur.role === role && cur.term === term) return;
    if (cur) cur.endMs = Math.max(cur.startMs, at);
    const s: RoleSegment = { node, role, term, startMs: at, endMs: frame.endMs, id };
    segments.push(s);
    open.set(node, s);
  };

  for (const { e, t } of byTime(events)) {
    const at = rel(t);
    if (isRaftState(e)) {
      const d = e.data!;
      const term = d.term as number;
      const role = d.role as RaftLaneRole;
      addNode(e.node);
      if (!open.has(e.node)) {
        const prevRole = str(d.prevRole);
        const prevTerm = num(d.prevTerm);
        if (prevRole && ROLES.has(prevRole) && prevTerm !== null) begin(e.node, prevRole as RaftLaneRole, prevTerm, 0, e.id);
      }
      begin(e.node, role, term, at, e.id);
      if (term > 0) {
        const tm = termOf(term, at);
        if (role === 'candidate' && !tm.candidates.includes(e.node)) tm.candidates.push(e.node);
        if (role === 'leader' && tm.leader === null) {
          tm.leader = e.node;
          tm.leaderAtMs = at;
        }
        if (String(d.reason ?? '').includes('timeout') && (role === 'candidate' || role === 'pre-candidate')) timers.push({ atMs: at, id: e.id, node: e.node, term });
      }
    } else if (e.kind === 'local' && e.data?.event === 'vote') {
      const d = e.data;
      const term = num(d.term);
      const candidate = str(d.candidate);
      if (term === null || candidate === null) continue;
      addNode(e.node);
      if (d.granted === true && d.preVote !== true) {
        const tm = termOf(term, at);
        tm.votes[candidate] = (tm.votes[candidate] ?? 0) + 1;
      }
      if (votes.length + requests.length >= maxVotes) omitted++;
      else votes.push({ atMs: at, id: e.id, voter: e.node, candidate, term, granted: d.granted === true, preVote: d.preVote === true, reason: String(d.reason ?? '') });
    } else if (e.kind === 'send') {
      const req = voteRequestOf(e);
      if (!req || !e.peer) continue;
      if (votes.length + requests.length >= maxVotes) omitted++;
      else requests.push({ atMs: at, id: e.id, from: e.node, to: e.peer, term: req.term, preVote: req.preVote });
    } else if (e.kind === 'crash' || e.kind === 'recover' || (e.kind === 'fault' && e.data?.action === 'restart')) {
      const node = subjectOf(e);
      if (!nodes.includes(node)) continue;
      const term = open.get(node)?.term ?? 0;
      if (e.kind === 'crash') begin(node, 'down', term, at, e.id);
      else if (open.get(node)?.role === 'down') begin(node, 'follower', term, at, e.id);
    } else if (e.kind === 'timer' && e.node !== 'lab') {
      timers.push({ atMs: at, id: e.id, node: e.node, term: num(e.data?.term) ?? 0 });
    }
  }

  const faults = faultSpans(events, frame);
  segments.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const termList = [...terms.values()].sort((a, b) => a.term - b.term);
  for (const tm of termList) tm.outcome = tm.leader ? 'elected' : tm.candidates.length >= 2 ? 'split' : 'no-leader';

  const asLab = events as unknown as readonly LabEvent[];
  return {
    topic: 'raft',
    frame,
    nodes,
    segments: segments.filter((s) => s.endMs > s.startMs),
    terms: termList,
    requests,
    votes,
    timers,
    faults,
    summary: summarizeRaft(asLab),
    violations: checkRaft(asLab).map((v) => v.message),
    omitted,
    timeline: o.timeline ?? [],
  };
}

const REQUEST_LABEL = /^\S+->\S+ (RequestVote|PreVote) term=(\d+)/;

/**
 * The vote request a send carries: from its data (`messageData`: the process runtime)
 * or, when a driver records no data (the simulator), from its `describeMessage` label.
 */
export function voteRequestOf(e: TopicEvent): { term: number; preVote: boolean } | null {
  const type = e.data?.type;
  if (type === 'RequestVote' || type === 'PreVote') {
    const term = num(e.data?.term);
    return term === null ? null : { term, preVote: type === 'PreVote' };
  }
  const m = e.label ? REQUEST_LABEL.exec(e.label) : null;
  return m ? { term: Number(m[2]), preVote: m[1] === 'PreVote' } : null;
}
