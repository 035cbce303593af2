/**
 * Options of one Raft node, and their validation. Timeouts are counted in ticks
 * (the driver calls `tick()` every `tickMs`); `ticksFromMs` converts from ms.
 */
import type { Rng } from '../rng';
import type { HardState, NodeId } from './types';

/** Options for `createRaft`. */
export interface RaftOptions {
  /** This node's name; must be one of `peers`. */
  id: NodeId;
  /** Every voting member, this node included. */
  peers: readonly NodeId[];
  /** Smallest randomized election timeout, in ticks. */
  electionTimeoutMinTicks: number;
  /** Largest randomized election timeout, in ticks (inclusive). */
  electionTimeoutMaxTicks: number;
  /** Leader heartbeat interval, in ticks. Must be smaller than the election timeout. */
  heartbeatIntervalTicks: number;
  /** Seeded randomness for election timeouts. */
  rng: Rng;
  /** Ask for pre-votes before bumping the term (thesis §9.6). Default false. */
  preVote?: boolean;
  /** Leader steps down without a quorum; followers in a leader lease ignore vote requests. Default false. */
  checkQuorum?: boolean;
  /** Persisted state to restart from (crash-recovery); empty when absent. */
  hardState?: HardState;
}

/** Thrown for options that make no sense; the message is one clear line. */
export class RaftOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RaftOptionsError';
  }
}

function fail(message: string): never {
  throw new RaftOptionsError(`invalid raft options: ${message}`);
}

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) fail(`${name} must be a positive integer, got ${v}`);
}

/** Validate options; throws `RaftOptionsError` with a one-line reason. */
export function validateRaftOptions(o: RaftOptions): void {
  if (o.peers.length === 0) fail('a cluster needs at least 1 node, got 0');
  if (new Set(o.peers).size !== o.peers.length) fail(`peers contain duplicates: ${o.peers.join(',')}`);
  for (const p of o.peers) if (typeof p !== 'string' || p === '') fail('peer names must be non-empty strings');
  if (!o.peers.includes(o.id)) fail(`id ${o.id} is not one of peers ${o.peers.join(',')}`);
  positiveInt('heartbeatIntervalTicks', o.heartbeatIntervalTicks);
  positiveInt('electionTimeoutMinTicks', o.electionTimeoutMinTicks);
  positiveInt('electionTimeoutMaxTicks', o.electionTimeoutMaxTicks);
  if (o.electionTimeoutMaxTicks < o.electionTimeoutMinTicks) {
    fail(`electionTimeoutMaxTicks (${o.electionTimeoutMaxTicks}) is smaller than electionTimeoutMinTicks (${o.electionTimeoutMinTicks})`);
  }
  if (o.electionTimeoutMinTicks <= o.heartbeatIntervalTicks) {
    fail(`election timeout (${o.electionTimeoutMinTicks} ticks) must be larger than the heartbeat interval (${o.heartbeatIntervalTicks} ticks)`);
  }
  if (o.hardState) validateHardState(o.hardState, o.peers);
}

function validateHardState(hs: HardState, peers: readonly NodeId[]): void {
  if (!Number.isInteger(hs.term) || hs.term < 0) fail(`hardState.term must be a non-negative integer, got ${hs.term}`);
  if (hs.votedFor !== null && !peers.includes(hs.votedFor)) fail(`hardState.votedFor ${hs.votedFor} is not a peer`);
  let prev = 0;
  for (const [i, e] of hs.log.entries()) {
    if (!Number.isInteger(e.term) || e.term < prev || e.term > hs.term) {
      fail(`hardState.log[${i}].term ${e.term} must be an integer between ${prev} and ${hs.term}`);
    }
    prev = e.term;
  }
}

/** Timeouts given in ms with the tick length. */
export interface RaftTimingMs {
  electionTimeoutMinMs: number;
  electionTimeoutMaxMs: number;
  heartbeatIntervalMs: number;
  /** How often the driver calls `tick()`, in ms. */
  tickMs: number;
}

/** The tick counts of `RaftOptions` for timeouts given in ms. */
export interface RaftTimingTicks {
  electionTimeoutMinTicks: number;
  electionTimeoutMaxTicks: number;
  heartbeatIntervalTicks: number;
}

/**
 * Convert ms timeouts to ticks (rounded to the nearest tick), refusing nonsense
 * with a one-line `RaftOptionsError`.
 */
export function ticksFromMs(t: RaftTimingMs): RaftTimingTicks {
  const finitePositive = (name: string, v: number): void => {
    if (!Number.isFinite(v) || v <= 0) fail(`${name} must be a positive number of ms, got ${v}`);
  };
  finitePositive('tickMs', t.tickMs);
  finitePositive('heartbeatIntervalMs', t.heartbeatIntervalMs);
  finitePositive('electionTimeoutMinMs', t.electionTimeoutMinMs);
  finitePositive('electionTimeoutMaxMs', t.electionTimeoutMaxMs);
  if (t.electionTimeoutMaxMs < t.electionTimeoutMinMs) {
    fail(`election timeout range ${t.electionTimeoutMinMs}-${t.electionTimeoutMaxMs} ms is reversed`);
  }
  if (t.electionTimeoutMinMs <= t.heartbeatIntervalMs) {
    fail(`election timeout (${t.electionTimeoutMinMs} ms) must be larger than the heartbeat interval (${t.heartbeatIntervalMs} ms)`);
  }
  const toTicks = (ms: number): number => Math.max(1, Math.round(ms / t.tickMs));
  return {
    electionTimeoutMinTicks: toTicks(t.electionTimeoutMinMs),
    electionTimeoutMaxTicks: toTicks(t.electionTimeoutMaxMs),
    heartbeatIntervalTicks: toTicks(t.heartbeatIntervalMs),
  };
}
