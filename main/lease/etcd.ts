/**
 * A `LeaseStore` on a real etcd v3 cluster through the `etcd3` client: an etcd lease
 * per acquisition (grant with TTL, keep-alive on the LeaseKeepAlive stream, revoke to
 * release), a transaction that creates the key iff its create revision is 0, the key's
 * create revision as the fencing token (etcd revisions only grow), and a watch.
 *
 * Every call has a deadline (gRPC deadline plus a hard timer), so an unreachable
 * cluster or wrong endpoints give a clear `LeaseStoreError` in time. etcd's leases have
 * whole-second TTLs (at least 1 s, more if the server's minimum is higher); the granted
 * TTL is returned. After an etcd leader change a lease can take about 2×TTL to expire
 * (the new leader renews outstanding leases).
 */
import type { Etcd3, IKeyValue, IDuplexStream, ILeaseKeepAliveRequest, ILeaseKeepAliveResponse, Watcher } from 'etcd3';
import {
  LeaseStoreError,
  validateName,
  validateTimeoutMs,
  validateTtlMs,
  type AcquireRequest,
  type AcquireResult,
  type CallOptions,
  type KeepAliveResult,
  type LeaseChange,
  type LeaseGrant,
  type LeaseRef,
  type LeaseStore,
  type LeaseWatch,
} from '../../shared/lease';
import { etcdError, isLeaseNotFound, withDeadline } from './etcd-errors';
import { parseEtcdEndpoints } from './endpoints';
import { etcdFaultHandling, loadEtcd3 } from './etcd3-loader';

/** How to reach the cluster. */
export interface EtcdLeaseStoreOptions {
  /** Client URLs, e.g. `['http://127.0.0.1:2379']` (or one comma-separated string). */
  endpoints: string[] | string;
  /** Key prefix for lease keys (default `coordlab/lease/`). */
  prefix?: string;
}

/** What the store keeps as a key's value: the holder, and the TTL it was granted. */
interface Holding {
  holder: string;
  ttlMs: number;
}

function decode(key: string, kv: IKeyValue): LeaseGrant {
  const raw = kv.value.toString();
  let h: Holding = { holder: raw, ttlMs: 0 };
  try {
    const v = JSON.parse(raw) as Partial<Holding>;
    if (typeof v.holder === 'string') h = { holder: v.holder, ttlMs: Number(v.ttlMs) || 0 };
  } catch {
    // a value written by someone else: the raw string is the holder
  }
  return { key, holder: h.holder, leaseId: String(kv.lease), token: Number(kv.create_revision), ttlMs: h.ttlMs };
}

/** The etcd `LeaseStore`. Open with `openEtcdLeaseStore`. */
export class EtcdLeaseStore implements LeaseStore {
  readonly kind = 'etcd';
  readonly endpoints: readonly string[];
  private readonly client: Etcd3;
  private readonly prefix: string;
  private closed = false;

  /** @internal use `openEtcdLeaseStore` */
  constructor(opts: EtcdLeaseStoreOptions) {
    this.endpoints = parseEtcdEndpoints(opts.endpoints);
    this.prefix = opts.prefix ?? 'coordlab/lease/';
    // Our own deadlines bound every call; the client's dial timeout only matters for streams.
    const { Etcd3: Client } = loadEtcd3();
    this.client = new Client({ hosts: [...this.endpoints], dialTimeout: 5000, faultHandling: etcdFaultHandling(this.endpoints.length) });
  }

  async acquire(req: AcquireRequest, opts: CallOptions): Promise<AcquireResult> {
    this.check(opts);
    validateName('key', req.key);
    validateName('holder', req.holder);
    validateTtlMs(req.ttlMs);
    const ttlSec = Math.max(1, Math.ceil(req.ttlMs / 1000));
    return withDeadline('acquire', this.endpoints, opts.timeoutMs, async (deadline) => {
      const grant = await this.client.leaseClient.leaseGrant({ TTL: ttlSec, ID: 0 }, { deadline });
      if (grant.error) throw new LeaseStoreError('internal', `etcd refused a lease of ${ttlSec} s: ${grant.error}`);
      const leaseId = String(grant.ID);
      const ttlMs = Number(grant.TTL) * 1000;
      const key = Buffer.from(this.prefix + req.key);
      const value = Buffer.from(JSON.stringify({ holder: req.holder, ttlMs } satisfies Holding));
      const revoke = (): void => void this.client.leaseClient.leaseRevoke({ ID: leaseId }, { deadline }).catch(() => undefined);
      const txn = await this.client.kv
        .txn(
          {
            compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
            success: [{ request_put: { key, value, lease: leaseId } }],
            failure: [{ request_range: { key } }],
          },
          { deadline },
        )
        .catch((err: unknown) => {
          revoke(); // best effort: do not leave the new lease to run out on its own
          throw err;
        });
      if (txn.succeeded) {
        return { ok: true, lease: { key: req.key, holder: req.holder, leaseId, token: Number(txn.header.revision), ttlMs } };
      }
      const kv = txn.responses[0]?.response_range?.kvs?.[0];
      // A retried transaction may find the key it created itself under our lease.
      if (kv && String(kv.lease) === leaseId) return { ok: true, lease: { ...decode(req.key, kv), ttlMs } };
      revoke();
      return { ok: false, current: kv ? decode(req.key, kv) : null };
    });
  }

  /**
   * Renew the etcd lease (one request on a LeaseKeepAlive stream). It says whether the
   * lease lives, not whether someone deleted the key by hand (our keys are only
   * deleted by release = revoke, or by expiry).
   */
  async keepAlive(ref: LeaseRef, opts: CallOptions): Promise<KeepAliveResult> {
    this.check(opts);
    return withDeadline('keepAlive', this.endpoints, opts.timeoutMs, async (deadline) => {
      const stream = await this.client.leaseClient.leaseKeepAlive({ deadline });
      try {
        const res = await oneKeepAlive(stream, ref.leaseId, this.endpoints);
        const ttlSec = Number(res.TTL);
        return ttlSec > 0 ? { ok: true, ttlMs: ttlSec * 1000 } : { ok: false };
      } finally {
        stream.cancel();
      }
    });
  }

  async release(ref: LeaseRef, opts: CallOptions): Promise<boolean> {
    this.check(opts);
    return withDeadline('release', this.endpoints, opts.timeoutMs, async (deadline) => {
      try {
        await this.client.leaseClient.leaseRevoke({ ID: ref.leaseId }, { deadline });
        return true;
      } catch (err) {
        if (isLeaseNotFound(err)) return false;
        throw err;
      }
    });
  }

  async get(key: string, opts: CallOptions): Promise<LeaseGrant | null> {
    this.check(opts);
    validateName('key', key);
    return withDeadline('get', this.endpoints, opts.timeoutMs, async (deadline) => {
      const res = await this.client.kv.range({ key: Buffer.from(this.prefix + key) }, { deadline });
      const kv = res.kvs[0];
      return kv ? decode(key, kv) : null;
    });
  }

  async watch(key: string, listener: (change: LeaseChange) => void, opts: CallOptions): Promise<LeaseWatch> {
    this.check(opts);
    validateName('key', key);
    let cancelled = false;
    const emit = (c: LeaseChange): void => {
      if (cancelled) return;
      try {
        listener(c);
      } catch {
        // a failing listener must not break the watch
      }
    };
    let gaveUp = false;
    const creating = this.client.watch().key(this.prefix + key).withPreviousKV().create();
    // If it connects after we gave up, do not leak it.
    creating.then((late) => void (gaveUp && late.cancel().catch(() => undefined)), () => undefined);
    const w: Watcher = await withDeadline('watch', this.endpoints, opts.timeoutMs, () => creating).catch((err: unknown) => {
      gaveUp = true;
      throw err;
    });
    w.on('put', (kv) => {
      if (String(kv.version) === '1') emit({ kind: 'acquired', lease: decode(key, kv) });
    });
    w.on('delete', (_kv, prev) => {
      const g = prev ? decode(key, prev) : null;
      emit({ kind: 'ended', key, holder: g?.holder ?? null, token: g?.token ?? null, leaseId: g?.leaseId ?? null, reason: 'deleted' });
    });
    w.on('disconnected', (err) => emit({ kind: 'error', key, error: etcdError('watch (stream lost, reconnecting)', this.endpoints, err) }));
    w.on('error', (err) => emit({ kind: 'error', key, error: etcdError('watch', this.endpoints, err) }));
    return {
      cancel: async () => {
        if (cancelled) return;
        cancelled = true;
        await w.cancel().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
  }

  private check(opts: CallOptions): void {
    validateTimeoutMs(opts?.timeoutMs);
    if (this.closed) throw new LeaseStoreError('closed', 'etcd lease store is closed');
  }
}

/** Send one keep-alive on the stream and wait for its answer (or the stream's loss). */
function oneKeepAlive(
  stream: IDuplexStream<ILeaseKeepAliveRequest, ILeaseKeepAliveResponse>,
  leaseId: string,
  endpoints: readonly string[],
): Promise<ILeaseKeepAliveResponse> {
  return new Promise((resolve, reject) => {
    stream.on('data', (res) => {
      if (String(res.ID) === leaseId) resolve(res);
    });
    stream.on('error', (err) => {
      const e = etcdError('keepAlive (stream lost)', endpoints, err);
      reject(new LeaseStoreError(/DEADLINE_EXCEEDED/.test(e.message) ? 'deadline' : e.code === 'internal' ? 'unavailable' : e.code, e.message));
    });
    stream.on('end', () => reject(new LeaseStoreError('unavailable', `etcd keep-alive stream ended before etcd answered (endpoints ${endpoints.join(', ')})`)));
    stream.write({ ID: leaseId });
  });
}

/**
 * Connect a lease store to the etcd cluster at `opts.endpoints`. Connecting is lazy:
 * an unreachable cluster shows up as a `deadline`/`unavailable` error on the first call.
 * @throws LeaseStoreError `invalid-argument` on malformed endpoints
 */
export function openEtcdLeaseStore(opts: EtcdLeaseStoreOptions): EtcdLeaseStore {
  return new EtcdLeaseStore(opts);
}
