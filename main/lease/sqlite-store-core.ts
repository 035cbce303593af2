/**
 * The `store` node of a lease run with the embedded store, on real processes: the
 * SQLite-backed store (embedded.ts) stepped like a pure core. Every request that
 * reaches the node through the lab network is one `BEGIN IMMEDIATE` transaction
 * (serialized, so linearizable); leases expire on the node's own monotonic clock (so a
 * paused or drifting store node expires late, as a real one would); the SQLite file
 * lives in the run's durable folder, so a restarted store keeps its revisions (fencing
 * tokens keep growing) and gives every held lease a full TTL again.
 *
 * The simulator keeps the in-memory store machine (shared/lease/store-machine.ts): the
 * same steps on the same rows.
 */
import {
  describeLeaseBody,
  parseLeaseBody,
  storeChangeEvent,
  type LeaseBody,
  type LeaseChange,
} from '../../shared/lease';
import type { CoreEvent, CoreOutput, CoreSend, NodeCore, NodeNow } from '../../shared/scenarios/types';
import { openEmbeddedLeaseStore, type EmbeddedLeaseStore } from './embedded';

/** Where the store node keeps its SQLite file and which key it reports on. */
export interface SqliteStoreCoreOptions {
  /** The SQLite file (in the run's durable folder). */
  file: string;
  /** The scenario key whose holders are recorded as the store's view. */
  key: string;
}

const send = (to: string, body: LeaseBody): CoreSend => ({ to, body, label: describeLeaseBody(body) });

/** A store node core backed by SQLite. */
export function createSqliteStoreCore(opts: SqliteStoreCoreOptions): NodeCore & { store: EmbeddedLeaseStore } {
  let nowMs = 0;
  const store = openEmbeddedLeaseStore({ file: opts.file, nowMs: () => nowMs, autoSweep: false });
  let events: CoreEvent[] = [];
  const onChange = (change: LeaseChange): void => {
    const d = storeChangeEvent(change);
    events.push({ kind: d.kind, label: d.label, data: d.data as unknown as Record<string, unknown> });
  };
  // The embedded store tells watchers synchronously, inside each call.
  void store.watch(opts.key, onChange, { timeoutMs: 1000 });
  const out = (sends: CoreSend[] = []): CoreOutput => {
    const o: CoreOutput = events.length || sends.length ? { events, sends } : {};
    events = [];
    return o;
  };
  const at = (now: NodeNow): void => {
    nowMs = now.monoMs;
  };

  return {
    store,
    start(now) {
      at(now);
      store.restartClock();
      return out();
    },
    tick(now) {
      at(now);
      store.sweep();
      return out();
    },
    receive(from, body, now) {
      at(now);
      const b = parseLeaseBody(body);
      if (b?.lease !== 'request') return {};
      const req = b.request;
      if (req.op === 'acquire' && req.holder !== from) {
        const error = { code: 'invalid-argument' as const, message: `${from} cannot acquire for ${req.holder}` };
        return { sends: [send(from, { lease: 'reply', reply: { op: req.op, reqId: req.reqId, error } })], receiveLabel: describeLeaseBody(b) };
      }
      const reply = store.applyRequest(req);
      return { ...out([send(from, { lease: 'reply', reply })]), receiveLabel: describeLeaseBody(b) };
    },
  };
}
