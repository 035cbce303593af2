/**
 * The messages Raft nodes exchange. String-literal `type`s so traces read well.
 * Every message carries the sender's `term` (for PreVote: the term the sender
 * would campaign in; for a granted PreVoteResponse: that same term).
 */
import type { Entry, NodeId } from './types';

interface Envelope {
  from: NodeId;
  to: NodeId;
  term: number;
}

/** Candidate asks for a vote (Raft Figure 2 RequestVote RPC). */
export interface RequestVote extends Envelope {
  type: 'RequestVote';
  lastLogIndex: number;
  lastLogTerm: number;
}

/** Reply to RequestVote. */
export interface RequestVoteResponse extends Envelope {
  type: 'RequestVoteResponse';
  granted: boolean;
}

/** Pre-vote: "would you vote for me in `term`?" The receiver's term does not change. */
export interface PreVote extends Envelope {
  type: 'PreVote';
  lastLogIndex: number;
  lastLogTerm: number;
}

/** Reply to PreVote. */
export interface PreVoteResponse extends Envelope {
  type: 'PreVoteResponse';
  granted: boolean;
}

/** Leader's heartbeat (no entries) or replication (entries after prevLogIndex). */
export interface AppendEntries extends Envelope {
  type: 'AppendEntries';
  prevLogIndex: number;
  prevLogTerm: number;
  entries: readonly Entry[];
  leaderCommit: number;
}

/**
 * Reply to AppendEntries. On success `matchIndex` is the last index known to match
 * the leader; on refusal it is a hint: the follower's last log index.
 */
export interface AppendEntriesResponse extends Envelope {
  type: 'AppendEntriesResponse';
  success: boolean;
  matchIndex: number;
}

/** Any Raft message. */
export type Message =
  | RequestVote
  | RequestVoteResponse
  | PreVote
  | PreVoteResponse
  | AppendEntries
  | AppendEntriesResponse;

/** The message type names, in a stable order. */
export const MESSAGE_TYPES = [
  'RequestVote',
  'RequestVoteResponse',
  'PreVote',
  'PreVoteResponse',
  'AppendEntries',
  'AppendEntriesResponse',
] as const;

/** One of the message type names. */
export type MessageType = Message['type'];

/** True for the two kinds of vote request. */
export function isVoteRequest(m: Message): m is RequestVote | PreVote {
  return m.type === 'RequestVote' || m.type === 'PreVote';
}
