/**
 * The embedded lease store: a lab service in main, backed by SQLite. Every operation is
 * one `BEGIN IMMEDIATE` transaction that applies one pure step of
 * `shared/lease/store-machine` to the key's row, so operations are serialized
 * (linearizable) even if several connections share the file. Leases expire on the
 * store's own clock (`nowMs`, default the host wall clock so persisted expiries survive a
 * restart); a timer sweeps run-out leases so watchers hear about expiry when it happens.
 */
import type Database from 'better-sqlite3';
import {
  LeaseStoreError,
  acquireStep,
  expireStep,
  getStep,
  keepAliveStep,
  releaseStep,
  validateName,
  validateTimeoutMs,
  type AcquireRequest,
  type LeaseReply,
  type LeaseRequest,
  type AcquireResult,
  type CallOptions,
  type KeepAliveResult,
  type LeaseChange,
  type LeaseGrant,
  type LeaseRef,
  type LeaseStore,
  type LeaseWatch,
  type StoreCounters,
  type StoreStep,
  type StoredLease,
} from '../../shared/lease';
import { loadNodeModule } from './etcd3-loader';

/** Where the embedded store keeps its tables and which clock it uses. */
export interface EmbeddedLeaseStoreOptions {
  /** SQLite file (a run database or a file of its own); `:memory:` for a throwaway store. */
  file: string;
  /** The store's clock in ms. Default `Date.now`. */
  nowMs?: () => number;
  /** Sweep run-out leases on a timer (default true; tests with a fake clock call `sweep`). */
  autoSweep?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lease_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL,
  lease_no INTEGER NOT NULL
);
INSERT OR IGNORE INTO lease_meta (id, revision, lease_no) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS lease_keys (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  lease_id TEXT NOT NULL,
  token INTEGER NOT NULL,
  mod_revision INTEGER NOT NULL,
  ttl_ms REAL NOT NULL,
  expires_at_ms REAL NOT NULL
);`;

interface Row {
  key: string;
  holder: string;
  lease_id: string;
  token: number;
  mod_revision: number;
  ttl_ms: number;
  expires_at_ms: number;
}

const fromRow = (r: Row | undefined): StoredLease | null =>
  r ? { key: r.key, holder: r.holder, leaseId: r.lease_id, token: r.token, modRevision: r.mod_revision, ttlMs: r.ttl_ms, expiresAtMs: r.expires_at_ms } : null;

/** The embedded `LeaseStore`. Open with `openEmbeddedLeaseStore`. */
export class EmbeddedLeaseStore implements LeaseStore {
  readonly kind = 'embedded';
  private readonly db: Database.Database;
  private readonly nowMs: () => number;
  private readonly autoSweep: boolean;
  private readonly watchers = new Map<string, Set<(c: LeaseChange) => void>>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;

  /** @internal use `openEmbeddedLeaseStore` */
  constructor(opts: EmbeddedLeaseStoreOptions) {
    try {
      // Loaded at run time, not bundled: a node process opens it too (its native addon sits in node_modules).
      const Sqlite = loadNodeModule<typeof Database>('better-sqlite3');
      this.db = new Sqlite(opts.file);
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new LeaseStoreError('unavailable', `embedded lease store: cannot open ${opts.file}: ${(err as Error).message}`);
    }
    this.nowMs = opts.nowMs ?? Date.now;
    this.autoSweep = opts.autoSweep ?? true;
    this.scheduleSweep();
  }

  async acquire(req: AcquireRequest, opts: CallOptions): Promise<AcquireResult> {
    return this.run(req.key, opts, (c, row, now) => acquireStep(c, row, req, now));
  }

  async keepAlive(ref: LeaseRef, opts: CallOptions): Promise<KeepAliveResult> {
    return this.run(ref.key, opts, (c, row, now) => keepAliveStep(c, row, ref, now));
  }

  async release(ref: LeaseRef, opts: CallOptions): Promise<boolean> {
    return this.run(ref.key, opts, (c, row, now) => releaseStep(c, row, ref, now));
  }

  async get(key: string, opts: CallOptions): Promise<LeaseGrant | null> {
    return this.run(key, opts, (c, row, now) => getStep(c, row, now));
  }

  async watch(key: string, listener: (change: LeaseChange) => void, opts: CallOptions): Promise<LeaseWatch> {
    this.check(opts);
    validateName('key', key);
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(listener);
    return { cancel: async () => void set.delete(listener) };
  }

  /**
   * Answer one request synchronously (one transaction; watchers are told before this
   * returns). For a store node that steps like a pure core. Bad input is an error reply.
   */
  applyRequest(req: LeaseRequest): LeaseReply {
    const opts = { timeoutMs: 1000 };
    try {
      switch (req.op) {
        case 'acquire':
          return { op: 'acquire', reqId: req.reqId, acquire: this.run(req.key, opts, (c, row, now) => acquireStep(c, row, req, now)) };
        case 'keepAlive':
          return { op: 'keepAlive', reqId: req.reqId, keepAlive: this.run(req.key, opts, (c, row, now) => keepAliveStep(c, row, req, now)) };
        case 'release':
          return { op: 'release', reqId: req.reqId, released: this.run(req.key, opts, (c, row, now) => releaseStep(c, row, req, now)) };
        case 'get':
          return { op: 'get', reqId: req.reqId, current: this.run(req.key, opts, (c, row, now) => getStep(c, row, now)) };
        default:
          throw new LeaseStoreError('invalid-argument', `unknown lease request op ${JSON.stringify((req as { op: unknown }).op)}`);
      }
    } catch (err) {
      const e = err instanceof LeaseStoreError ? err : new LeaseStoreError('internal', String(err));
      return { op: req.op, reqId: req.reqId, error: { code: e.code, message: e.message } };
    }
  }

  /**
   * Give every held lease a full TTL from the store's now: what a restarted store does
   * when its clock restarted with it (as etcd does for outstanding leases after a leader
   * change).
   */
  restartClock(): void {
    if (this.closed) return;
    this.db.prepare('UPDATE lease_keys SET expires_at_ms = ? + ttl_ms').run(this.nowMs());
    this.scheduleSweep();
  }

  /** Expire every run-out lease now (the timer does this; call it with a fake clock). */
  sweep(): LeaseChange[] {
    if (this.closed) return [];
    const keys = this.db.prepare('SELECT key FROM lease_keys WHERE expires_at_ms <= ?').pluck().all(this.nowMs()) as string[];
    const changes = keys.flatMap((key) => this.transact(key, (c, row, now) => expireStep(c, row, now)).changes);
    this.notify(changes);
    this.scheduleSweep();
    return changes;
  }

  /** Last revision handed out (for tests and the UI). */
  revision(): number {
    return (this.db.prepare('SELECT revision FROM lease_meta WHERE id = 1').pluck().get() as number) ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.watchers.clear();
    this.db.close();
  }

  private check(opts: CallOptions): void {
    validateTimeoutMs(opts?.timeoutMs);
    if (this.closed) throw new LeaseStoreError('closed', 'embedded lease store is closed');
  }

  private run<R>(key: string, opts: CallOptions, step: (c: StoreCounters, row: StoredLease | null, nowMs: number) => StoreStep<R>): R {
    this.check(opts);
    validateName('key', key);
    // A busy file (another connection writing) waits at most the call's deadline.
    this.db.pragma(`busy_timeout = ${Math.ceil(opts.timeoutMs)}`);
    let s: StoreStep<R>;
    try {
      s = this.transact(key, step);
    } catch (err) {
      if (err instanceof LeaseStoreError) throw err;
      const e = err as { code?: string; message?: string };
      if (e.code === 'SQLITE_BUSY') throw new LeaseStoreError('deadline', `embedded lease store busy for more than ${opts.timeoutMs} ms`);
      throw new LeaseStoreError('internal', `embedded lease store: ${e.message ?? String(err)}`);
    }
    this.notify(s.changes);
    this.scheduleSweep();
    return s.result;
  }

  private transact<R>(key: string, step: (c: StoreCounters, row: StoredLease | null, nowMs: number) => StoreStep<R>): StoreStep<R> {
    const tx = this.db.transaction(() => {
      const meta = this.db.prepare('SELECT revision, lease_no FROM lease_meta WHERE id = 1').get() as { revision: number; lease_no: number };
      const row = fromRow(this.db.prepare('SELECT * FROM lease_keys WHERE key = ?').get(key) as Row | undefined);
      const s = step({ revision: meta.revision, leaseNo: meta.lease_no }, row, this.nowMs());
      this.db.prepare('UPDATE lease_meta SET revision = ?, lease_no = ? WHERE id = 1').run(s.counters.revision, s.counters.leaseNo);
      if (s.row) {
        const r = s.row;
        this.db
          .prepare('INSERT OR REPLACE INTO lease_keys (key, holder, lease_id, token, mod_revision, ttl_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(key, r.holder, r.leaseId, r.token, r.modRevision, r.ttlMs, r.expiresAtMs);
      } else {
        this.db.prepare('DELETE FROM lease_keys WHERE key = ?').run(key);
      }
      return s;
    });
    return tx.immediate();
  }

  private notify(changes: LeaseChange[]): void {
    for (const ch of changes) {
      const key = ch.kind === 'acquired' ? ch.lease.key : ch.key;
      for (const l of this.watchers.get(key) ?? []) {
        try {
          l(ch);
        } catch {
          // a failing watcher must not break the store
        }
      }
    }
  }

  private scheduleSweep(): void {
    if (!this.autoSweep || this.closed) return;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    const next = this.db.prepare('SELECT MIN(expires_at_ms) FROM lease_keys').pluck().get() as number | null;
    if (next === null) return;
    this.sweepTimer = setTimeout(() => this.sweep(), Math.max(0, next - this.nowMs()) + 1);
    this.sweepTimer.unref();
  }
}

/**
 * Open (creating its tables if needed) the embedded lease store in `opts.file`.
 * @throws LeaseStoreError `unavailable` if the file cannot be opened
 */
export function openEmbeddedLeaseStore(opts: EmbeddedLeaseStoreOptions): EmbeddedLeaseStore {
  return new EmbeddedLeaseStore(opts);
}
