/** Basic Raft vocabulary shared by the core, its messages and its drivers. */

/** A node's name, e.g. `n1`. */
export type NodeId = string;

/**
 * The role a node plays. `pre-candidate` is the pre-vote phase (Raft thesis §9.6):
 * the node asks whether it could win before it disturbs anyone with a new term.
 */
export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** One log entry. Its index is implicit: position in the log + 1. */
export interface Entry {
  /** The term of the leader that created the entry. */
  term: number;
  /** Optional opaque payload (the election lab mostly appends no-ops). */
  data?: string;
}

/**
 * The state a node must write durably before it sends the messages of the same
 * `Ready` (Raft Figure 2 "persistent state"). A restarted node is built from it.
 */
export interface HardState {
  /** Latest term the node has seen. */
  term: number;
  /** Candidate that received this node's vote in `term`, or null. */
  votedFor: NodeId | null;
  /** The log; entry i (1-based) is `log[i - 1]`. */
  log: readonly Entry[];
}

/** An empty hard state: term 0, no vote, empty log. */
export function emptyHardState(): HardState {
  return { term: 0, votedFor: null, log: [] };
}
