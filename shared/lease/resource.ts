/**
 * The shared storage resource the leader writes to (a storage node in the lab), as a
 * pure state machine. With fencing on it rejects a write whose token is older than the
 * newest token it has seen (Kleppmann's fencing token); with fencing off it accepts
 * everything, so a stale leader's write lands: the corruption the lab shows.
 */
import type { LeaseEventDraft, LeaseWriteData } from './records';

/** A write to the resource. */
export interface ResourceWrite {
  /** The writing node. */
  from: string;
  /** The fencing token the writer holds (or believes it holds). */
  token: number;
  value: string;
}

/** What happened to one write. */
export interface ResourceOutcome {
  accepted: boolean;
  /** The newest token seen before this write (null: none yet). */
  newestToken: number | null;
}

/** A row of the resource's history. */
export interface ResourceRecord extends ResourceWrite, ResourceOutcome {}

/** The storage resource. Create with `createStorageResource`. */
export interface StorageResource {
  readonly fencing: boolean;
  /** Apply one write, in arrival order. */
  write(w: ResourceWrite): ResourceOutcome;
  /** The last accepted value, or null. */
  value(): string | null;
  /** What to persist to survive a restart. */
  durable(): ResourceDurable;
  /** Every write so far, accepted or not, in arrival order. */
  history(): readonly ResourceRecord[];
  /** Take and clear the events to record (one per write). */
  takeEvents(): LeaseEventDraft<LeaseWriteData>[];
}

/** What a storage resource keeps across a restart. */
export interface ResourceDurable {
  newestToken: number | null;
  value: string | null;
}

/**
 * Create a storage resource, with or without fencing (optionally continuing from
 * what it kept before a restart, so fencing survives it).
 */
export function createStorageResource(opts: { fencing: boolean; durable?: ResourceDurable | null }): StorageResource {
  const fencing = opts.fencing;
  let newestToken: number | null = opts.durable?.newestToken ?? null;
  let current: string | null = opts.durable?.value ?? null;
  const rows: ResourceRecord[] = [];
  let events: LeaseEventDraft<LeaseWriteData>[] = [];

  return {
    fencing,
    write(w) {
      const stale = newestToken !== null && w.token < newestToken;
      const accepted = !(fencing && stale);
      const outcome: ResourceOutcome = { accepted, newestToken };
      rows.push({ ...w, ...outcome });
      if (accepted) {
        current = w.value;
        newestToken = newestToken === null ? w.token : Math.max(newestToken, w.token);
      }
      const data: LeaseWriteData = {
        lease: 'write',
        outcome: accepted ? 'accepted' : 'rejected',
        from: w.from,
        token: w.token,
        value: w.value,
        newestToken: outcome.newestToken,
        fencing,
      };
      const label = accepted
        ? `accepted write from ${w.from} (token ${w.token})`
        : `rejected write from ${w.from}: token ${w.token} < ${String(outcome.newestToken)}`;
      events.push({ kind: 'local', label, data });
      return outcome;
    },
    value: () => current,
    durable: () => ({ newestToken, value: current }),
    history: () => rows,
    takeEvents: () => {
      const out = events;
      events = [];
      return out;
    },
  };
}
