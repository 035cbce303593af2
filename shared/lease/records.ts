/**
 * The lease scenario's event vocabulary: what the client, the store and the storage
 * resource record, as `LabEvent` `kind`/`label`/`data`. `data.lease` says which record
 * it is, so the checks can find them among other events of a run.
 */
import type { LeaseEndReason } from './store';

/** A node's role in lease election. */
export type LeaseRole = 'candidate' | 'leader' | 'follower';

/** A node's belief, recorded on every role change and renewal (kind `state`). */
export interface LeaseStateData {
  lease: 'state';
  key: string;
  role: LeaseRole;
  /** Fencing token of the lease it holds (leader), else null. */
  token: number | null;
  /** Until when, on the node's own clock, it believes it leads (leader), else null. */
  believedUntilMs: number | null;
  /** Why the state was recorded: `acquired`, `renewed`, `expired-locally`, `lost`, `busy`, … */
  reason: string;
}

/** The store's view: a key got a holder or lost it (kind `state`, recorded by the store's node). */
export interface LeaseStoreData {
  lease: 'store';
  key: string;
  change: 'acquired' | 'ended';
  holder: string | null;
  token: number | null;
  leaseId: string | null;
  reason?: LeaseEndReason;
}

/** A write the storage resource accepted or rejected (kind `local`). */
export interface LeaseWriteData {
  lease: 'write';
  outcome: 'accepted' | 'rejected';
  /** The node the write came from. */
  from: string;
  token: number;
  value: string;
  /** The newest token the resource had seen before this write. */
  newestToken: number | null;
  fencing: boolean;
}

/** A lease-store call that failed or timed out at a node (kind `local`). */
export interface LeaseErrorData {
  lease: 'error';
  op: string;
  code: string;
  message: string;
}

/** Any lease record. */
export type LeaseData = LeaseStateData | LeaseStoreData | LeaseWriteData | LeaseErrorData;

/** An event a pure lease machine asks its driver to record (the driver stamps clocks). */
export interface LeaseEventDraft<D extends LeaseData = LeaseData> {
  /** A `LabEvent` kind (`state` for beliefs and store view, `local` otherwise). */
  kind: 'state' | 'local';
  label: string;
  data: D;
}

/** Read `data.lease` of an event's payload if it is a lease record. */
export function leaseDataOf(data: Record<string, unknown> | null | undefined): LeaseData | null {
  if (!data || typeof data !== 'object') return null;
  const tag = (data as { lease?: unknown }).lease;
  if (tag === 'state' || tag === 'store' || tag === 'write' || tag === 'error') return data as unknown as LeaseData;
  return null;
}
