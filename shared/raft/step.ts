/**
 * The role-independent half of `step` (etcd `raft.Step`): validate the input, apply
 * the term rules of Raft Figure 2, then hand the message to the current role.
 */
import type { Message } from './message';
import { lastIndex } from './log';
import { parseMessage } from './parse-message';
import type { DropEvent } from './ready';
import { becomeFollower, handleVoteRequest } from './roles';
import { drop, inLease, send, type RaftState } from './state';

/** Step one untrusted message; returns the drop event if it was refused. */
export function stepMessage(s: RaftState, raw: unknown): DropEvent | null {
  const parsed = parseMessage(raw);
  if (!parsed.ok) {
    const from = typeof raw === 'object' && raw !== null && typeof (raw as { from?: unknown }).from === 'string' ? (raw as { from: string }).from : null;
    return drop(s, 'malformed message', parsed.reason, from);
  }
  const m = parsed.message;
  const what = `${m.type} from ${m.from}`;
  if (m.to !== s.id) return drop(s, what, `addressed to ${m.to}`, m.from);
  if (m.from === s.id || !s.peers.includes(m.from)) return drop(s, what, `unknown sender ${m.from}`, m.from);

  if (m.term > s.term) {
    if (m.type === 'RequestVote' && s.checkQuorum && inLease(s)) {
      // A live leader exists: do not let a (rejoining) candidate bump our term.
      s.events.push({ type: 'vote', node: s.id, candidate: m.from, term: m.term, granted: false, preVote: false, reason: s.leader === s.id ? 'I am the leader' : `heard from leader ${s.leader} recently` });
      return null;
    }
    const keepTerm = m.type === 'PreVote' || (m.type === 'PreVoteResponse' && m.granted);
    if (!keepTerm) {
      becomeFollower(s, m.term, m.type === 'AppendEntries' ? m.from : null, `higher term from ${m.from}`);
    }
  } else if (m.term < s.term) {
    return stale(s, m);
  }
  s.behavior.step(s, m);
  return null;
}

function stale(s: RaftState, m: Message): DropEvent | null {
  switch (m.type) {
    case 'RequestVote':
    case 'PreVote':
      // Answer, so the candidate learns the newer term (Figure 2: reply false).
      refuseStaleVote(s, m);
      return null;
    case 'AppendEntries': {
      const e = drop(s, `${m.type} from ${m.from}`, `stale term ${m.term} < ${s.term}`, m.from);
      // Tell the deposed leader about the newer term.
      send(s, { type: 'AppendEntriesResponse', from: s.id, to: m.from, term: s.term, success: false, matchIndex: lastIndex(s.log) });
      return e;
    }
    default:
      return drop(s, `${m.type} from ${m.from}`, `stale term ${m.term} < ${s.term}`, m.from);
  }
}

function refuseStaleVote(s: RaftState, m: Extract<Message, { type: 'RequestVote' | 'PreVote' }>): void {
  if (m.type === 'PreVote') {
    handleVoteRequest(s, m); // refuses with "stale term"
    return;
  }
  s.events.push({ type: 'vote', node: s.id, candidate: m.from, term: m.term, granted: false, preVote: false, reason: `stale term ${m.term} < ${s.term}` });
  send(s, { type: 'RequestVoteResponse', from: s.id, to: m.from, term: s.term, granted: false });
}
