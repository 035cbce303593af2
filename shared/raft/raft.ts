/**
 * The public face of one Raft node (etcd `RawNode`): feed it messages and ticks,
 * take its `Ready`. It does no I/O and reads no clock.
 */
import { lastIndex, lastTerm } from './log';
import { validateRaftOptions, type RaftOptions } from './options';
import type { DropEvent, Ready } from './ready';
import { broadcastHeartbeat, campaign, INITIAL_BEHAVIOR, sendAppend } from './roles';
import { hardStateOf, initialState, others, resetTimers, type RaftState } from './state';
import { stepMessage } from './step';
import type { Entry, NodeId, Role } from './types';

/** A read-only snapshot of a node, for tests, UIs and the simulator. */
export interface RaftStatus {
  id: NodeId;
  role: Role;
  term: number;
  votedFor: NodeId | null;
  leader: NodeId | null;
  lastLogIndex: number;
  lastLogTerm: number;
  commitIndex: number;
  log: readonly Entry[];
}

/** One Raft node. All methods are synchronous and deterministic given the Rng. */
export interface RaftNode {
  readonly id: NodeId;
  /**
   * Deliver one message from the network. The value is untrusted: a malformed,
   * misaddressed or unknown-sender message is dropped and the drop is returned
   * (and recorded in the next Ready).
   */
  step(message: unknown): DropEvent | null;
  /** Advance logical time by `ticks` (default 1); same as calling tick() that many times. */
  tick(ticks?: number): void;
  /** Ticks until this node's own timer next fires (election timeout or heartbeat); at least 1. */
  ticksToNextTimer(): number;
  /** Start an election now (etcd MsgHup); no-op on a leader. */
  campaign(): void;
  /** Leader only: a heartbeat round now (etcd MsgBeat). Returns false on a non-leader. */
  broadcastHeartbeat(): boolean;
  /** Leader only: append an entry and replicate it. Returns false on a non-leader. */
  propose(data?: string): boolean;
  /** True if `ready()` would return something. */
  hasReady(): boolean;
  /**
   * Take the pending output and clear it. Persist `hardState` (if not null) before
   * sending `messages`.
   */
  ready(): Ready;
  status(): RaftStatus;
}

/**
 * Create a node (fresh, or restarted from `options.hardState`). Throws
 * `RaftOptionsError` with a one-line reason for invalid options.
 */
export function createRaft(options: RaftOptions): RaftNode {
  validateRaftOptions(options);
  const s: RaftState = initialState(options, INITIAL_BEHAVIOR);
  resetTimers(s);
  if (options.hardState) {
    // Tell the recorder which term the node came back with (checks: terms never decrease).
    s.events.push({ type: 'state', node: s.id, role: 'follower', term: s.term, leader: null, prevRole: 'follower', prevTerm: s.term, reason: 'restart from hard state' });
  }
  return {
    id: s.id,
    step: (message) => stepMessage(s, message),
    tick: (ticks = 1) => tickMany(s, ticks),
    ticksToNextTimer: () => ticksToNextTimer(s),
    campaign: () => campaign(s, 'campaign'),
    broadcastHeartbeat: () => {
      if (s.behavior.role !== 'leader') return false;
      broadcastHeartbeat(s);
      return true;
    },
    propose: (data) => {
      if (s.behavior.role !== 'leader') return false;
      s.log = [...s.log, data === undefined ? { term: s.term } : { term: s.term, data }];
      s.hardStateDirty = true;
      for (const p of others(s)) sendAppend(s, p);
      return true;
    },
    hasReady: () => s.hardStateDirty || s.messages.length > 0 || s.events.length > 0,
    ready: () => {
      const r: Ready = { hardState: s.hardStateDirty ? hardStateOf(s) : null, messages: s.messages, events: s.events };
      s.messages = [];
      s.events = [];
      s.hardStateDirty = false;
      return r;
    },
    status: () => ({
      id: s.id,
      role: s.behavior.role,
      term: s.term,
      votedFor: s.votedFor,
      leader: s.leader,
      lastLogIndex: lastIndex(s.log),
      lastLogTerm: lastTerm(s.log),
      commitIndex: s.commitIndex,
      log: s.log.map((e) => ({ ...e })),
    }),
  };
}

function ticksToNextTimer(s: RaftState): number {
  if (s.behavior.role === 'leader') {
    return Math.max(1, Math.min(s.heartbeatIntervalTicks - s.heartbeatElapsed, s.electionTimeoutMinTicks - s.electionElapsed));
  }
  return Math.max(1, s.randomizedElectionTimeout - s.electionElapsed);
}

/** Skip the ticks where nothing can fire, then tick once at each firing point. */
function tickMany(s: RaftState, ticks: number): void {
  if (!Number.isInteger(ticks) || ticks < 0) throw new RangeError(`tick count must be a non-negative integer, got ${ticks}`);
  let left = ticks;
  while (left > 0) {
    const skip = Math.min(left, ticksToNextTimer(s)) - 1;
    s.electionElapsed += skip;
    s.heartbeatElapsed += skip;
    s.behavior.tick(s);
    left -= skip + 1;
  }
}
