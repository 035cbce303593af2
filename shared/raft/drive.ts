/**
 * The thin loop every driver of a Raft core runs (etcd's `Ready` handling): persist
 * first, then record, then send. The node runtime and the tests use it so the order
 * is the same everywhere.
 */
import type { Message } from './message';
import type { RaftNode } from './raft';
import { eventRecord, type RaftRecord } from './record';
import type { HardState } from './types';

/** What a driver does with a node's output. */
export interface RaftIo {
  /** Write durably (fsync) before returning; called before any message of the same Ready is sent. */
  persist(hardState: HardState): void;
  /** Record one event (kind/label/peer/data of a LabEvent). */
  record(record: RaftRecord): void;
  /** Hand one message to the network. */
  send(message: Message): void;
}

/** Take the node's Ready, if any, and apply it: persist, record, send. Returns whether there was one. */
export function handleReady(node: RaftNode, io: RaftIo): boolean {
  if (!node.hasReady()) return false;
  const rd = node.ready();
  if (rd.hardState) io.persist(rd.hardState);
  for (const e of rd.events) io.record(eventRecord(e));
  for (const m of rd.messages) io.send(m);
  return true;
}

/**
 * How many ticks are due at monotonic time `nowMs` for a node started at `startMs`
 * that has had `tickedSoFar` ticks: lets a runtime catch up after a late timer or a
 * pause instead of losing ticks. Pass the result to `node.tick()`.
 */
export function ticksDue(nowMs: number, startMs: number, tickMs: number, tickedSoFar: number): number {
  return Math.max(0, Math.floor((nowMs - startMs) / tickMs) - tickedSoFar);
}
