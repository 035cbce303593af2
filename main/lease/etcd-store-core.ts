/**
 * The `store` node of a lease run with `--store etcd`: a lab node whose core answers
 * the lease requests that reach it through the lab network by calling a real etcd
 * (so those messages can still be delayed, lost or partitioned, and the node paused),
 * and records the store's view of the key from an etcd watch.
 *
 * etcd answers asynchronously; the node core contract is synchronous. Replies and
 * watch events are queued as they arrive and handed to the runtime on the next tick
 * (every `tickMs`, 10 ms by default). Every etcd call has a deadline; a failure is an
 * error reply the client records, and a lost or refused watch is recorded and retried.
 */
import {
  answerLeaseBody,
  describeLeaseBody,
  parseLeaseBody,
  storeChangeEvent,
  type LeaseBody,
  type LeaseChange,
  type LeaseEventDraft,
  type LeaseWatch,
} from '../../shared/lease';
import type { CoreEvent, CoreOutput, CoreSend, NodeCore, NodeNow } from '../../shared/scenarios/types';
import { openEtcdLeaseStore, type EtcdLeaseStore } from './etcd';
import { etcdError } from './etcd-errors';

/** Where the etcd-backed store node finds its cluster and what it watches. */
export interface EtcdStoreCoreOptions {
  endpoints: string[];
  /** Key prefix in etcd; one per run so runs never share a key. */
  prefix: string;
  /** The scenario key to watch (`leader`). */
  key: string;
  /** Deadline of every etcd call, ms. */
  timeoutMs: number;
  /** Wait this long after a failed watch before trying again, ms of node time. */
  watchRetryMs?: number;
}

const toEvent = (d: LeaseEventDraft): CoreEvent => ({ kind: d.kind, label: d.label, data: d.data as unknown as Record<string, unknown> });

/** A store node core that proxies to etcd. */
export function createEtcdStoreCore(opts: EtcdStoreCoreOptions): NodeCore & { store: EtcdLeaseStore } {
  const store = openEtcdLeaseStore({ endpoints: opts.endpoints, prefix: opts.prefix });
  const retryMs = opts.watchRetryMs ?? 1000;
  let events: CoreEvent[] = [];
  let sends: CoreSend[] = [];
  let watch: LeaseWatch | null = null;
  let watching = false;
  let nextWatchAtMs = 0;
  /** Watch failures already recorded since the watch last worked (the client retries on its own). */
  const watchErrorsSeen = new Set<string>();

  const record = (d: LeaseEventDraft): void => void events.push(toEvent(d));
  const watchError = (message: string, code: string): void => {
    // One event per distinct failure, not one per retry.
    if (watchErrorsSeen.has(message)) return;
    watchErrorsSeen.add(message);
    record({ kind: 'local', label: `store watch failed: ${code}`, data: { lease: 'error', op: 'watch', code, message } });
  };
  const onChange = (change: LeaseChange): void => {
    if (change.kind === 'error') return watchError(change.error.message, change.error.code);
    watchErrorsSeen.clear();
    record(storeChangeEvent(change));
  };
  const startWatch = (now: NodeNow): void => {
    if (watch || watching || now.monoMs < nextWatchAtMs) return;
    watching = true;
    store.watch(opts.key, onChange, { timeoutMs: opts.timeoutMs }).then(
      (w) => {
        watching = false;
        watch = w;
        watchErrorsSeen.clear();
      },
      (err: unknown) => {
        watching = false;
        nextWatchAtMs = now.monoMs + retryMs;
        const e = etcdError('watch', store.endpoints, err);
        watchError(e.message, e.code);
      },
    );
  };
  const take = (): CoreOutput => {
    if (!events.length && !sends.length) return {};
    const out = { events, sends };
    events = [];
    sends = [];
    return out;
  };
  const reply = (to: string, body: LeaseBody): void => void sends.push({ to, body, label: describeLeaseBody(body) });

  return {
    store,
    start(now) {
      events.push({ kind: 'local', label: `store: etcd at ${store.endpoints.join(', ')}`, data: { store: 'etcd', endpoints: [...store.endpoints], prefix: opts.prefix } });
      startWatch(now);
      return take();
    },
    tick(now) {
      startWatch(now);
      return take();
    },
    receive(from, body) {
      const b = parseLeaseBody(body);
      if (b?.lease !== 'request') return take();
      void answerLeaseBody(store, from, body, { timeoutMs: opts.timeoutMs }).then((r) => r && reply(from, r));
      return { ...take(), receiveLabel: describeLeaseBody(b) };
    },
  };
}
