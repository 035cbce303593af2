/** Hand-made event histories for the view builders: times are ms on the reference clock. */
import type { TopicEvent } from '../../../shared/views';

let nextId = 1;

/** Start a new history (ids from 1). */
export function reset(): void {
  nextId = 1;
}

/** One event at reference time `t` ms (wall = reference unless `wall` is given). */
export function ev(node: string, kind: string, t: number, data: Record<string, unknown> | null = null, extra: Partial<TopicEvent> = {}): TopicEvent {
  return { id: nextId++, node, kind, wall_ms: t, ref_ms: t, label: null, peer: null, data, ...extra };
}

/** A Raft role change (shared/raft/record.ts). */
export function state(node: string, t: number, prevRole: string, prevTerm: number, role: string, term: number, reason: string, leader: string | null = null): TopicEvent {
  return ev(node, 'state', t, { term, role, leader, prevRole, prevTerm, reason });
}

/** A Raft vote decision. */
export function vote(voter: string, t: number, candidate: string, term: number, granted: boolean): TopicEvent {
  return ev(voter, 'local', t, { event: 'vote', term, candidate, granted, preVote: false, reason: granted ? '' : 'already voted' }, { peer: candidate });
}

/** A vote request sent. */
export function request(from: string, to: string, t: number, term: number): TopicEvent {
  return ev(from, 'send', t, { type: 'RequestVote', term, lastLogIndex: 0, lastLogTerm: 0 }, { peer: to, label: `${from}->${to} RequestVote term=${term}` });
}
