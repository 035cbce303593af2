/**
 * The four roles as data: each is a `RoleBehavior` (step + tick), swapped by the
 * `become*` transitions. Role-independent rules (terms, malformed input) live in
 * `step.ts`; this file has what differs per role.
 */
import { appendAfter, isUpToDate, lastIndex, lastTerm, termAt } from './log';
import type { AppendEntries, Message, PreVote, RequestVote } from './message';
import {
  drop, inLease, others, quorum, resetTimers, restartElectionTimer, send,
  type RaftState, type RoleBehavior,
} from './state';
import type { NodeId, Role } from './types';

// ---- transitions -------------------------------------------------------------

function enter(s: RaftState, b: RoleBehavior, term: number, leader: NodeId | null, reason: string): void {
  const prevRole: Role = s.behavior.role;
  const prevTerm = s.term;
  const prevLeader = s.leader;
  if (term !== s.term) {
    s.term = term;
    s.votedFor = null;
    s.hardStateDirty = true;
  }
  s.behavior = b;
  s.leader = leader;
  // Raft Figure 2: a follower's election timer restarts only when it hears from the
  // current leader or grants a vote, not because it saw a higher term (LogCabin does
  // the same; etcd restarts it on every term change). Other roles start fresh timers.
  if (b !== FOLLOWER || prevRole === 'leader') resetTimers(s);
  if (prevRole !== b.role || prevTerm !== term || prevLeader !== leader) {
    s.events.push({ type: 'state', node: s.id, role: b.role, term, leader, prevRole, prevTerm, reason });
  }
}

/** Become a follower of `leader` (null: unknown) in `term`. */
export function becomeFollower(s: RaftState, term: number, leader: NodeId | null, reason: string): void {
  enter(s, FOLLOWER, term, leader, reason);
}

function becomePreCandidate(s: RaftState, reason: string): void {
  enter(s, PRE_CANDIDATE, s.term, null, reason);
  s.votes = new Map([[s.id, true]]);
  for (const to of others(s)) {
    send(s, { type: 'PreVote', from: s.id, to, term: s.term + 1, lastLogIndex: lastIndex(s.log), lastLogTerm: lastTerm(s.log) });
  }
  if (quorum(s) <= 1) becomeCandidate(s, 'won pre-vote');
}

function becomeCandidate(s: RaftState, reason: string): void {
  enter(s, CANDIDATE, s.term + 1, null, reason);
  s.votedFor = s.id;
  s.hardStateDirty = true;
  s.votes = new Map([[s.id, true]]);
  for (const to of others(s)) {
    send(s, { type: 'RequestVote', from: s.id, to, term: s.term, lastLogIndex: lastIndex(s.log), lastLogTerm: lastTerm(s.log) });
  }
  if (quorum(s) <= 1) becomeLeader(s);
}

function becomeLeader(s: RaftState): void {
  enter(s, LEADER, s.term, s.id, 'won election');
  s.progress = new Map();
  for (const p of others(s)) s.progress.set(p, { next: lastIndex(s.log) + 1, match: 0, recentActive: false });
  // A no-op entry of the new term (Raft §8): commits the earlier entries, and makes
  // the election restriction bite for servers that missed it.
  s.log = [...s.log, { term: s.term }];
  s.hardStateDirty = true;
  for (const p of others(s)) sendAppend(s, p);
  maybeCommit(s);
}

/** Start an election now (etcd MsgHup): a pre-vote round first if enabled. */
export function campaign(s: RaftState, reason: string): void {
  if (s.behavior.role === 'leader') return;
  if (s.preVote) becomePreCandidate(s, reason);
  else becomeCandidate(s, reason);
}

// ---- leader replication ------------------------------------------------------

/** Send `to` the entries from its nextIndex on (optimistically advancing it). */
export function sendAppend(s: RaftState, to: NodeId): void {
  const pr = s.progress.get(to);
  if (!pr) return;
  const prev = pr.next - 1;
  const entries = s.log.slice(prev).map((e) => ({ ...e }));
  send(s, { type: 'AppendEntries', from: s.id, to, term: s.term, prevLogIndex: prev, prevLogTerm: termAt(s.log, prev) ?? 0, entries, leaderCommit: s.commitIndex });
  pr.next = lastIndex(s.log) + 1;
}

/** A heartbeat round (etcd MsgBeat): an empty AppendEntries to every follower. */
export function broadcastHeartbeat(s: RaftState): void {
  s.heartbeatElapsed = 0;
  for (const [to, pr] of s.progress) {
    const prev = pr.next - 1;
    send(s, { type: 'AppendEntries', from: s.id, to, term: s.term, prevLogIndex: prev, prevLogTerm: termAt(s.log, prev) ?? 0, entries: [], leaderCommit: Math.min(s.commitIndex, pr.match) });
  }
}

function maybeCommit(s: RaftState): void {
  const matches = [lastIndex(s.log), ...[...s.progress.values()].map((p) => p.match)].sort((a, b) => b - a);
  const q = matches[quorum(s) - 1];
  if (q > s.commitIndex && termAt(s.log, q) === s.term) s.commitIndex = q;
}

// ---- handlers shared by several roles ---------------------------------------

function handleAppend(s: RaftState, m: AppendEntries): void {
  const reply = (success: boolean, matchIndex: number): void =>
    send(s, { type: 'AppendEntriesResponse', from: s.id, to: m.from, term: s.term, success, matchIndex });
  if (termAt(s.log, m.prevLogIndex) !== m.prevLogTerm) {
    reply(false, Math.min(lastIndex(s.log), m.prevLogIndex - 1));
    return;
  }
  const next = appendAfter(s.log, m.prevLogIndex, m.entries);
  if (next !== s.log) {
    s.log = next;
    s.hardStateDirty = true;
  }
  const lastNew = m.prevLogIndex + m.entries.length;
  s.commitIndex = Math.max(s.commitIndex, Math.min(m.leaderCommit, lastNew));
  reply(true, lastNew);
}

/** Decide a RequestVote or PreVote whose term is not below ours (step.ts filtered those). */
export function handleVoteRequest(s: RaftState, m: RequestVote | PreVote): void {
  const preVote = m.type === 'PreVote';
  const answer = (granted: boolean, reason: string): void => {
    s.events.push({ type: 'vote', node: s.id, candidate: m.from, term: m.term, granted, preVote, reason });
    const term = granted && preVote ? m.term : s.term;
    send(s, { type: preVote ? 'PreVoteResponse' : 'RequestVoteResponse', from: s.id, to: m.from, term, granted });
  };
  const upToDate = isUpToDate(s.log, m.lastLogIndex, m.lastLogTerm);
  if (preVote) {
    if (m.term <= s.term) return answer(false, `stale term ${m.term} <= ${s.term}`);
    if (s.behavior.role === 'leader') return answer(false, 'I am the leader');
    if (inLease(s)) return answer(false, `heard from leader ${s.leader} recently`);
    if (!upToDate) return answer(false, 'candidate log is not up to date');
    return answer(true, '');
  }
  if (s.votedFor !== null && s.votedFor !== m.from) return answer(false, `already voted for ${s.votedFor}`);
  if (!upToDate) return answer(false, 'candidate log is not up to date');
  if (s.votedFor !== m.from) {
    s.votedFor = m.from;
    s.hardStateDirty = true;
  }
  restartElectionTimer(s);
  answer(true, '');
}

function tally(s: RaftState, from: NodeId, granted: boolean): 'won' | 'lost' | 'pending' {
  s.votes.set(from, granted);
  let yes = 0;
  let no = 0;
  for (const g of s.votes.values()) if (g) yes++; else no++;
  if (yes >= quorum(s)) return 'won';
  if (no >= quorum(s)) return 'lost';
  return 'pending';
}

function unexpected(s: RaftState, m: Message): void {
  // Late answers to an election that is already decided are normal: ignore quietly.
  if (m.type === 'RequestVoteResponse' || m.type === 'PreVoteResponse') return;
  drop(s, `${m.type} from ${m.from}`, `not expected by a ${s.behavior.role} at term ${s.term}`, m.from);
}

// ---- the roles ----------------------------------------------------------------

function tickElection(s: RaftState): void {
  s.electionElapsed++;
  if (s.electionElapsed >= s.randomizedElectionTimeout) campaign(s, 'election timeout');
}

function tickHeartbeat(s: RaftState): void {
  s.electionElapsed++;
  s.heartbeatElapsed++;
  if (s.electionElapsed >= s.electionTimeoutMinTicks) {
    s.electionElapsed = 0;
    if (s.checkQuorum) {
      let active = 1;
      for (const pr of s.progress.values()) if (pr.recentActive) active++;
      for (const pr of s.progress.values()) pr.recentActive = false;
      if (active < quorum(s)) {
        becomeFollower(s, s.term, null, 'check quorum: lost contact with a majority');
        return;
      }
    }
  }
  if (s.heartbeatElapsed >= s.heartbeatIntervalTicks) broadcastHeartbeat(s);
}

const FOLLOWER: RoleBehavior = {
  role: 'follower',
  tick: tickElection,
  step(s, m) {
    switch (m.type) {
      case 'AppendEntries':
        restartElectionTimer(s);
        if (s.leader !== m.from) becomeFollower(s, s.term, m.from, `heard from leader ${m.from}`);
        return handleAppend(s, m);
      case 'RequestVote':
      case 'PreVote':
        return handleVoteRequest(s, m);
      default:
        return unexpected(s, m);
    }
  },
};

const PRE_CANDIDATE: RoleBehavior = {
  role: 'pre-candidate',
  tick: tickElection,
  step(s, m) {
    switch (m.type) {
      case 'AppendEntries':
        // A leader of this term exists: follow it (and restart the timer, as a follower does).
        becomeFollower(s, s.term, m.from, `heard from leader ${m.from}`);
        return FOLLOWER.step(s, m);
      case 'RequestVote':
      case 'PreVote':
        return handleVoteRequest(s, m);
      case 'PreVoteResponse': {
        if (m.granted && m.term !== s.term + 1) return unexpected(s, m);
        const r = tally(s, m.from, m.granted);
        if (r === 'won') becomeCandidate(s, 'won pre-vote');
        else if (r === 'lost') becomeFollower(s, s.term, null, 'lost pre-vote');
        return;
      }
      default:
        return unexpected(s, m);
    }
  },
};

const CANDIDATE: RoleBehavior = {
  role: 'candidate',
  tick: tickElection,
  step(s, m) {
    switch (m.type) {
      case 'AppendEntries':
        // A leader of this term exists: follow it (and restart the timer, as a follower does).
        becomeFollower(s, s.term, m.from, `heard from leader ${m.from}`);
        return FOLLOWER.step(s, m);
      case 'RequestVote':
      case 'PreVote':
        return handleVoteRequest(s, m);
      case 'RequestVoteResponse': {
        const r = tally(s, m.from, m.granted);
        if (r === 'won') becomeLeader(s);
        else if (r === 'lost') becomeFollower(s, s.term, null, 'lost election');
        return;
      }
      default:
        return unexpected(s, m);
    }
  },
};

const LEADER: RoleBehavior = {
  role: 'leader',
  tick: tickHeartbeat,
  step(s, m) {
    switch (m.type) {
      case 'AppendEntriesResponse': {
        const pr = s.progress.get(m.from);
        if (!pr) return unexpected(s, m);
        pr.recentActive = true;
        if (m.success) {
          pr.match = Math.max(pr.match, m.matchIndex);
          pr.next = Math.max(pr.next, pr.match + 1);
          maybeCommit(s);
          if (pr.next <= lastIndex(s.log)) sendAppend(s, m.from);
        } else {
          pr.next = Math.max(1, Math.min(pr.next - 1, m.matchIndex + 1));
          sendAppend(s, m.from);
        }
        return;
      }
      case 'RequestVote':
      case 'PreVote':
        return handleVoteRequest(s, m);
      default:
        return unexpected(s, m);
    }
  },
};

/** The behavior a node starts (and restarts) with. */
export const INITIAL_BEHAVIOR: RoleBehavior = FOLLOWER;
