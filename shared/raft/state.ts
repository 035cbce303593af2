/**
 * The in-memory state of one Raft node, and the small helpers every role uses.
 * The role is data: `behavior` holds the step and tick functions of the current
 * role and is swapped on each transition (etcd `r.step` / `r.tick`).
 */
import type { Rng } from '../rng';
import type { Message } from './message';
import type { RaftOptions } from './options';
import type { DropEvent, RaftEvent } from './ready';
import { emptyHardState, type Entry, type HardState, type NodeId, type Role } from './types';

/** The step and tick functions of one role. */
export interface RoleBehavior {
  role: Role;
  step: (s: RaftState, m: Message) => void;
  tick: (s: RaftState) => void;
}

/** What a leader knows about one follower (Raft Figure 2 nextIndex/matchIndex). */
export interface Progress {
  next: number;
  match: number;
  /** Heard from since the last check-quorum round. */
  recentActive: boolean;
}

/** The whole mutable state of a node. Only the core's own modules touch it. */
export interface RaftState {
  id: NodeId;
  peers: readonly NodeId[];
  electionTimeoutMinTicks: number;
  electionTimeoutMaxTicks: number;
  heartbeatIntervalTicks: number;
  preVote: boolean;
  checkQuorum: boolean;
  rng: Rng;
  // persistent
  term: number;
  votedFor: NodeId | null;
  log: readonly Entry[];
  // volatile
  commitIndex: number;
  leader: NodeId | null;
  behavior: RoleBehavior;
  electionElapsed: number;
  heartbeatElapsed: number;
  randomizedElectionTimeout: number;
  votes: Map<NodeId, boolean>;
  progress: Map<NodeId, Progress>;
  // output
  messages: Message[];
  events: RaftEvent[];
  hardStateDirty: boolean;
}

/** Build the state of a fresh or restarted node; `behavior` is set by the caller. */
export function initialState(o: RaftOptions, behavior: RoleBehavior): RaftState {
  const hs = o.hardState ?? emptyHardState();
  return {
    id: o.id,
    peers: [...o.peers],
    electionTimeoutMinTicks: o.electionTimeoutMinTicks,
    electionTimeoutMaxTicks: o.electionTimeoutMaxTicks,
    heartbeatIntervalTicks: o.heartbeatIntervalTicks,
    preVote: o.preVote ?? false,
    checkQuorum: o.checkQuorum ?? false,
    rng: o.rng,
    term: hs.term,
    votedFor: hs.votedFor,
    log: hs.log.map((e) => ({ ...e })),
    commitIndex: 0,
    leader: null,
    behavior,
    electionElapsed: 0,
    heartbeatElapsed: 0,
    randomizedElectionTimeout: o.electionTimeoutMinTicks,
    votes: new Map(),
    progress: new Map(),
    messages: [],
    events: [],
    hardStateDirty: false,
  };
}

/** Copy of the persistent part of the state. */
export function hardStateOf(s: RaftState): HardState {
  return { term: s.term, votedFor: s.votedFor, log: s.log.map((e) => ({ ...e })) };
}

/** Number of votes that make a majority. */
export function quorum(s: RaftState): number {
  return Math.floor(s.peers.length / 2) + 1;
}

/** The other members. */
export function others(s: RaftState): NodeId[] {
  return s.peers.filter((p) => p !== s.id);
}

/** Queue a message for the driver. */
export function send(s: RaftState, m: Message): void {
  s.messages.push(m);
}

/** Restart the timers and draw a new randomized election timeout (etcd `reset`). */
export function resetTimers(s: RaftState): void {
  s.electionElapsed = 0;
  s.heartbeatElapsed = 0;
  s.randomizedElectionTimeout = s.rng.int(s.electionTimeoutMinTicks, s.electionTimeoutMaxTicks);
}

/**
 * Restart the election timer with a fresh random timeout: on hearing from the
 * leader and on granting a vote (Raft Figure 2; LogCabin draws anew each time too).
 */
export function restartElectionTimer(s: RaftState): void {
  s.electionElapsed = 0;
  s.randomizedElectionTimeout = s.rng.int(s.electionTimeoutMinTicks, s.electionTimeoutMaxTicks);
}

/**
 * Leader lease (thesis §9.6, etcd `inLease`): this node heard from a live leader
 * less than the minimum election timeout ago.
 */
export function inLease(s: RaftState): boolean {
  return s.leader !== null && s.electionElapsed < s.electionTimeoutMinTicks;
}

/** Record a dropped message with its reason. */
export function drop(s: RaftState, what: string, reason: string, from: NodeId | null): DropEvent {
  const e: DropEvent = { type: 'drop', node: s.id, what, reason, from };
  s.events.push(e);
  return e;
}
