/**
 * The one interface every lease store implements (embedded SQLite service, etcd v3):
 * acquire a key with compare-and-swap, bound to a lease with a TTL; keep it alive;
 * release it; read it; watch it. Each successful acquisition carries a fencing token
 * that is larger than every token handed out before it for that store.
 */
import type { LeaseStoreError } from './errors';

/** Per-call options. Every call has a deadline; no call may hang. */
export interface CallOptions {
  /** Fail with code `deadline` if the store has not answered within this many ms. */
  timeoutMs: number;
}

/** A lease as the store sees it: who holds which key under which lease. */
export interface LeaseGrant {
  key: string;
  /** The node that holds the key, e.g. `n1`. */
  holder: string;
  /** The store's lease id (opaque; etcd's is an int64 in decimal). */
  leaseId: string;
  /**
   * Fencing token: the store revision at which the key was created. Strictly larger
   * for every later acquisition of any key in the same store.
   */
  token: number;
  /**
   * The TTL the store granted (etcd rounds up to whole seconds); 0 when unknown (an
   * etcd key written by something other than coordlab).
   */
  ttlMs: number;
}

/** Which lease to renew or release. */
export interface LeaseRef {
  key: string;
  leaseId: string;
}

/** What `acquire` asks for. */
export interface AcquireRequest {
  key: string;
  holder: string;
  /** Lease time-to-live; must be > 0. */
  ttlMs: number;
}

/** Outcome of `acquire`: granted, or someone already holds the key. */
export type AcquireResult =
  | { ok: true; lease: LeaseGrant }
  | { ok: false; current: LeaseGrant | null };

/** Outcome of `keepAlive`: renewed for `ttlMs`, or the lease no longer exists. */
export type KeepAliveResult = { ok: true; ttlMs: number } | { ok: false };

/** Why a key stopped being held. etcd's watch cannot tell expiry from revoke: `deleted`. */
export type LeaseEndReason = 'released' | 'expired' | 'deleted';

/** What a watcher of a key is told. */
export type LeaseChange =
  | { kind: 'acquired'; lease: LeaseGrant }
  | { kind: 'ended'; key: string; holder: string | null; token: number | null; leaseId: string | null; reason: LeaseEndReason }
  | { kind: 'error'; key: string; error: LeaseStoreError };

/** A running watch. */
export interface LeaseWatch {
  /** Stop watching. Safe to call twice. */
  cancel(): Promise<void>;
}

/**
 * A key-value store with TTL leases and linearizable compare-and-swap, seen through
 * the four operations lease election needs. Every method rejects with a
 * `LeaseStoreError` (never hangs past `opts.timeoutMs`).
 */
export interface LeaseStore {
  /** `embedded`, `etcd`, … for labels and events. */
  readonly kind: string;
  /** Create `key` bound to a new lease iff the key does not exist (CAS on create revision 0). */
  acquire(req: AcquireRequest, opts: CallOptions): Promise<AcquireResult>;
  /** Renew the lease; `{ ok: false }` if it already expired or was released. */
  keepAlive(ref: LeaseRef, opts: CallOptions): Promise<KeepAliveResult>;
  /** Give the lease up (the key is deleted); resolves false if it was already gone. */
  release(ref: LeaseRef, opts: CallOptions): Promise<boolean>;
  /** The current holder of `key`, or null. */
  get(key: string, opts: CallOptions): Promise<LeaseGrant | null>;
  /** Be told about every later acquisition and end of `key` (and about a lost watch). */
  watch(key: string, listener: (change: LeaseChange) => void, opts: CallOptions): Promise<LeaseWatch>;
  /** Free connections, timers and files. Pending calls reject with code `closed`. */
  close(): Promise<void>;
}
