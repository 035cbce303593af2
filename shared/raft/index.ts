/**
 * Raft leader election as a pure state machine (etcd-io/raft shape): `step`, `tick`
 * and a `Ready`. Drivers (the node runtime, the simulator, the transcript tests) do
 * the I/O.
 */
export { createRaft, type RaftNode, type RaftStatus } from './raft';
export { RaftOptionsError, ticksFromMs, validateRaftOptions, type RaftOptions, type RaftTimingMs, type RaftTimingTicks } from './options';
export type { Ready, RaftEvent, StateEvent, VoteEvent, DropEvent } from './ready';
export { MESSAGE_TYPES, isVoteRequest, type Message, type MessageType, type RequestVote, type RequestVoteResponse, type PreVote, type PreVoteResponse, type AppendEntries, type AppendEntriesResponse } from './message';
export { parseMessage, type ParseResult } from './parse-message';
export { describeMessage, describeEvent } from './describe';
export { emptyHardState, type Entry, type HardState, type NodeId, type Role } from './types';
export { isUpToDate, lastIndex, lastTerm } from './log';
export { eventRecord, messageData, type RaftRecord } from './record';
export { handleReady, ticksDue, type RaftIo } from './drive';
