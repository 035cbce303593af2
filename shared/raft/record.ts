/**
 * How Raft output becomes recorded events. Both drivers (real processes and the
 * simulator) use these, so `shared/checks/raft.ts` reads both kinds of run alike.
 *
 * Contract read by the checks:
 * - role/term/leader change: kind `state`, data `{ term, role, leader, prevRole, prevTerm, reason }`;
 * - a (pre-)vote decided: kind `local`, data `{ event: 'vote', term, candidate, granted, preVote, reason }`;
 * - a refused message: kind `drop`, data `{ what, reason }`;
 * - a message: kind `send`/`receive`, data from `messageData`, label from `describeMessage`.
 */
import { describeEvent } from './describe';
import type { Message } from './message';
import type { RaftEvent } from './ready';

/** The kind-specific part of a recorded event. */
export interface RaftRecord {
  kind: 'state' | 'local' | 'drop';
  label: string;
  peer: string | null;
  data: Record<string, unknown>;
}

/** Map a core event to the fields of a LabEvent. */
export function eventRecord(e: RaftEvent): RaftRecord {
  const label = describeEvent(e);
  switch (e.type) {
    case 'state':
      return { kind: 'state', label, peer: null, data: { term: e.term, role: e.role, leader: e.leader, prevRole: e.prevRole, prevTerm: e.prevTerm, reason: e.reason } };
    case 'vote':
      return { kind: 'local', label, peer: e.candidate, data: { event: 'vote', term: e.term, candidate: e.candidate, granted: e.granted, preVote: e.preVote, reason: e.reason } };
    case 'drop':
      return { kind: 'drop', label, peer: e.from, data: { what: e.what, reason: e.reason } };
  }
}

/** The `data` of a send/receive event for a message: its fields without from/to. */
export function messageData(m: Message): Record<string, unknown> {
  const { from: _from, to: _to, ...rest } = m;
  return rest;
}
