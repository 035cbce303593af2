/**
 * What the core hands its driver (etcd `Ready`): messages to send, hard state to
 * persist first, and events for the recorder.
 */
import type { Message } from './message';
import type { HardState, NodeId, Role } from './types';

/** The node's role, term or known leader changed. */
export interface StateEvent {
  type: 'state';
  node: NodeId;
  role: Role;
  term: number;
  leader: NodeId | null;
  prevRole: Role;
  prevTerm: number;
  /** Why, e.g. `election timeout`, `won election`, `higher term from n3`. */
  reason: string;
}

/** The node decided a (pre-)vote request. Real votes granted are persisted. */
export interface VoteEvent {
  type: 'vote';
  node: NodeId;
  candidate: NodeId;
  /** The term the vote is for (for a pre-vote: the term the candidate proposes). */
  term: number;
  granted: boolean;
  preVote: boolean;
  /** Why it was refused; empty when granted. */
  reason: string;
}

/** A message was ignored: malformed, misaddressed, from a stale term, … */
export interface DropEvent {
  type: 'drop';
  node: NodeId;
  /** What was dropped, e.g. `RequestVote from n3` or `malformed message`. */
  what: string;
  reason: string;
  /** The sender, when it could be read. */
  from: NodeId | null;
}

/** Anything the recorder should see besides the messages. */
export type RaftEvent = StateEvent | VoteEvent | DropEvent;

/**
 * One batch of output. Contract (etcd `Ready`): write `hardState` durably (when not
 * null) before sending `messages`; record `events` in order.
 */
export interface Ready {
  /** The hard state to persist, or null if unchanged since the last Ready. */
  hardState: HardState | null;
  /** Messages to send, in order. */
  messages: Message[];
  /** Events for the recorder, in the order they happened. */
  events: RaftEvent[];
}
