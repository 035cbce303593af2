/**
 * The embedded lease store as a pure state machine. It is linearizable because its
 * driver applies operations one at a time; leases expire on an injected time (`nowMs`,
 * the store's own clock), and the store revision is the fencing token (like etcd's
 * create revision: every mutation bumps it, a new key takes the bumped value).
 *
 * The steps work on one key's row plus the store-wide counters, so a driver can keep
 * the state anywhere (in memory here, SQLite rows in main) and apply one step inside
 * one transaction.
 */
import { LeaseStoreError, validateName, validateTtlMs } from './errors';
import type { AcquireRequest, AcquireResult, KeepAliveResult, LeaseChange, LeaseGrant, LeaseRef } from './store';
import type { LeaseReply, LeaseRequest } from './protocol';

/** Store-wide counters. */
export interface StoreCounters {
  /** Last revision handed out; 0 for an empty store. */
  revision: number;
  /** Last lease number handed out (lease ids are `L<n>`). */
  leaseNo: number;
}

/** One held key, as stored. */
export interface StoredLease extends LeaseGrant {
  /** Revision of the last change (creation; renewals do not change the key). */
  modRevision: number;
  /** Store-clock time at which the lease ends unless renewed. */
  expiresAtMs: number;
}

/** The result of applying one step to one key. */
export interface StoreStep<R> {
  counters: StoreCounters;
  /** The key's row after the step (null: the key does not exist). */
  row: StoredLease | null;
  result: R;
  /** What watchers of the key are told, in order. */
  changes: LeaseChange[];
}

/** An empty store's counters. */
export function emptyCounters(): StoreCounters {
  return { revision: 0, leaseNo: 0 };
}

function grantOf(row: StoredLease): LeaseGrant {
  return { key: row.key, holder: row.holder, leaseId: row.leaseId, token: row.token, ttlMs: row.ttlMs };
}

/** Expire the row if its lease has run out at `nowMs` (deleting a key is a mutation). */
export function expireStep(counters: StoreCounters, row: StoredLease | null, nowMs: number): StoreStep<boolean> {
  if (!row || row.expiresAtMs > nowMs) return { counters, row, result: false, changes: [] };
  return {
    counters: { ...counters, revision: counters.revision + 1 },
    row: null,
    result: true,
    changes: [{ kind: 'ended', key: row.key, holder: row.holder, token: row.token, leaseId: row.leaseId, reason: 'expired' }],
  };
}

/** Acquire: create the key iff it does not exist (after expiring a run-out lease). */
export function acquireStep(
  counters: StoreCounters,
  row: StoredLease | null,
  req: AcquireRequest,
  nowMs: number,
): StoreStep<AcquireResult> {
  validateName('key', req.key);
  validateName('holder', req.holder);
  validateTtlMs(req.ttlMs);
  const exp = expireStep(counters, row, nowMs);
  if (exp.row) return { ...exp, result: { ok: false, current: grantOf(exp.row) } };
  const revision = exp.counters.revision + 1;
  const leaseNo = exp.counters.leaseNo + 1;
  const created: StoredLease = {
    key: req.key,
    holder: req.holder,
    leaseId: `L${leaseNo}`,
    token: revision,
    ttlMs: req.ttlMs,
    modRevision: revision,
    expiresAtMs: nowMs + req.ttlMs,
  };
  return {
    counters: { revision, leaseNo },
    row: created,
    result: { ok: true, lease: grantOf(created) },
    changes: [...exp.changes, { kind: 'acquired', lease: grantOf(created) }],
  };
}

/** Keep alive: push the expiry to `nowMs + ttlMs` iff the lease still holds the key. */
export function keepAliveStep(
  counters: StoreCounters,
  row: StoredLease | null,
  ref: LeaseRef,
  nowMs: number,
): StoreStep<KeepAliveResult> {
  const exp = expireStep(counters, row, nowMs);
  if (!exp.row || exp.row.leaseId !== ref.leaseId) return { ...exp, result: { ok: false } };
  return { ...exp, row: { ...exp.row, expiresAtMs: nowMs + exp.row.ttlMs }, result: { ok: true, ttlMs: exp.row.ttlMs } };
}

/** Release: delete the key iff this lease holds it. */
export function releaseStep(
  counters: StoreCounters,
  row: StoredLease | null,
  ref: LeaseRef,
  nowMs: number,
): StoreStep<boolean> {
  const exp = expireStep(counters, row, nowMs);
  if (!exp.row || exp.row.leaseId !== ref.leaseId) return { ...exp, result: false };
  const r = exp.row;
  return {
    counters: { ...exp.counters, revision: exp.counters.revision + 1 },
    row: null,
    result: true,
    changes: [...exp.changes, { kind: 'ended', key: r.key, holder: r.holder, token: r.token, leaseId: r.leaseId, reason: 'released' }],
  };
}

/** Get: the current holder (after expiring a run-out lease). */
export function getStep(counters: StoreCounters, row: StoredLease | null, nowMs: number): StoreStep<LeaseGrant | null> {
  const exp = expireStep(counters, row, nowMs);
  return { ...exp, result: exp.row ? grantOf(exp.row) : null };
}

/** What `EmbeddedStoreMachine.snapshot` returns. */
export interface EmbeddedStoreSnapshot {
  counters: StoreCounters;
  rows: StoredLease[];
}

/**
 * The whole embedded store in memory: one `apply` at a time (the caller's loop is the
 * serialization). Used by the in-process simulator and the unit tests; main's SQLite
 * service applies the same steps to table rows.
 */
export class EmbeddedStoreMachine {
  private counters: StoreCounters = emptyCounters();
  private readonly rows = new Map<string, StoredLease>();

  /** Apply one request at store time `nowMs`; bad input becomes an error reply. */
  apply(req: LeaseRequest, nowMs: number): { reply: LeaseReply; changes: LeaseChange[] } {
    const row = this.rows.get(req.key) ?? null;
    try {
      switch (req.op) {
        case 'acquire': {
          const s = this.commit(req.key, acquireStep(this.counters, row, req, nowMs));
          return { reply: { op: 'acquire', reqId: req.reqId, acquire: s.result }, changes: s.changes };
        }
        case 'keepAlive': {
          const s = this.commit(req.key, keepAliveStep(this.counters, row, req, nowMs));
          return { reply: { op: 'keepAlive', reqId: req.reqId, keepAlive: s.result }, changes: s.changes };
        }
        case 'release': {
          const s = this.commit(req.key, releaseStep(this.counters, row, req, nowMs));
          return { reply: { op: 'release', reqId: req.reqId, released: s.result }, changes: s.changes };
        }
        case 'get': {
          const s = this.commit(req.key, getStep(this.counters, row, nowMs));
          return { reply: { op: 'get', reqId: req.reqId, current: s.result }, changes: s.changes };
        }
      }
    } catch (err) {
      const e = err instanceof LeaseStoreError ? err : new LeaseStoreError('internal', String(err));
      return { reply: { op: req.op, reqId: req.reqId, error: { code: e.code, message: e.message } }, changes: [] };
    }
  }

  /** Expire every lease that has run out at `nowMs`; the store's own sweep. */
  expireDue(nowMs: number): LeaseChange[] {
    const changes: LeaseChange[] = [];
    for (const [key, row] of [...this.rows]) changes.push(...this.commit(key, expireStep(this.counters, row, nowMs)).changes);
    return changes;
  }

  /** The earliest store time at which some lease runs out, or null when nothing is held. */
  nextExpiryMs(): number | null {
    let next: number | null = null;
    for (const row of this.rows.values()) if (next === null || row.expiresAtMs < next) next = row.expiresAtMs;
    return next;
  }

  /** Last revision handed out. */
  revision(): number {
    return this.counters.revision;
  }

  /**
   * Give every lease a full TTL from `nowMs`: what a restarted store does (its clock
   * restarted too), as etcd does for outstanding leases after a leader change.
   */
  extendAll(nowMs: number): void {
    for (const [key, row] of this.rows) this.rows.set(key, { ...row, expiresAtMs: nowMs + row.ttlMs });
  }

  /** The whole state, JSON-serialisable (to persist across a restart of the store). */
  snapshot(): EmbeddedStoreSnapshot {
    return { counters: { ...this.counters }, rows: [...this.rows.values()].map((r) => ({ ...r })) };
  }

  /** A store continuing from `snap` (revisions, so fencing tokens, keep increasing). */
  static restore(snap: EmbeddedStoreSnapshot): EmbeddedStoreMachine {
    const m = new EmbeddedStoreMachine();
    m.counters = { ...snap.counters };
    for (const r of snap.rows) m.rows.set(r.key, { ...r });
    return m;
  }

  private commit<R>(key: string, step: StoreStep<R>): StoreStep<R> {
    this.counters = step.counters;
    if (step.row) this.rows.set(key, step.row);
    else this.rows.delete(key);
    return step;
  }
}
