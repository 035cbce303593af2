/**
 * The lease scenario as node cores for the lab's drivers (the `NodeCore` contract of
 * shared/scenarios/types.ts: the child-process runtime and the simulator). Three roles,
 * by node name:
 *
 * - `store` (option `storeNode`): the embedded store machine, when the store runs as a
 *   lab node. When main hosts the SQLite service or nodes use etcd, the driver answers
 *   the `request` bodies sent to `store` itself (see main/lease) and runs no core there.
 * - `storage` (option `storageNode`): the storage resource, fencing on or off.
 * - every other node: a lease client, and a leader that writes on a timer.
 *
 * The leader's write: every `writeEveryMs` a node that believes it leads reads its
 * token, works `workMs`, then sends the write with that token without re-checking. A
 * pause (SIGSTOP) during the work makes the write stale: the hazard fencing must stop.
 * By default `workMs` = `writeEveryMs`: the leader is always in the middle of some work,
 * so a pause of the leader always catches a write in flight (a run shows the hazard
 * every time, not by luck of timing).
 * Clients judge their lease on the node's monotonic clock (`now.monoMs`), drifted or
 * paused as the node's clock model says.
 */
import type { CoreEvent, CoreInit, CoreOutput, CoreSend, NodeCore, NodeNow } from '../scenarios/types';
import { createLeaseClient, type LeaseClient } from './client';
import { LeaseStoreError, validatePositiveMs, validateTtlMs } from './errors';
import { describeLeaseBody, parseLeaseBody, type LeaseBody } from './messages';
import type { LeaseEventDraft } from './records';
import { createStorageResource, type ResourceDurable, type ResourceWrite } from './resource';
import { storeChangeEvent } from './store-events';
import { EmbeddedStoreMachine, type EmbeddedStoreSnapshot } from './store-machine';
import type { LeaseChange } from './store';

/** The scenario's options, with defaults filled in. */
export interface LeaseScenarioOptions {
  ttlMs: number;
  fencing: boolean;
  writeEveryMs: number;
  workMs: number;
  key: string;
  storeNode: string;
  storageNode: string;
  tickMs: number;
  /**
   * Client k (in node order, from 0) makes its first attempt k × this many ms after it
   * starts, so the first client (n1) leads first: a clock fault on it (`--drift n1=…`)
   * is a fault on the leader, and runs repeat. 0 = everyone at once.
   */
  staggerMs: number;
}

function num(options: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = options[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new LeaseStoreError('invalid-argument', `lease option ${key} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Read the lease options of an experiment: `ttlMs` (1000), `fencing` (true),
 * `writeEveryMs` (TTL/4), `workMs` (= writeEveryMs), `key` (`leader`),
 * `storeNode` (`store`), `storageNode` (`storage`), `tickMs` (10), `staggerMs` (TTL/10).
 * @throws LeaseStoreError `invalid-argument` on TTL ≤ 0 or another bad value
 */
export function leaseScenarioOptions(options: Readonly<Record<string, unknown>>): LeaseScenarioOptions {
  const ttlMs = num(options, 'ttlMs', 1000);
  validateTtlMs(ttlMs);
  const writeEveryMs = num(options, 'writeEveryMs', ttlMs / 4);
  validatePositiveMs('writeEveryMs', writeEveryMs);
  const workMs = num(options, 'workMs', writeEveryMs);
  if (!(workMs >= 0)) throw new LeaseStoreError('invalid-argument', `lease option workMs must be ≥ 0, got ${workMs}`);
  const tickMs = num(options, 'tickMs', 10);
  validatePositiveMs('tickMs', tickMs);
  const staggerMs = num(options, 'staggerMs', ttlMs / 10);
  if (!(staggerMs >= 0)) throw new LeaseStoreError('invalid-argument', `lease option staggerMs must be ≥ 0, got ${staggerMs}`);
  const str = (k: string, d: string): string => (typeof options[k] === 'string' && options[k] ? (options[k] as string) : d);
  return {
    ttlMs,
    fencing: options.fencing === undefined ? true : options.fencing === true,
    writeEveryMs,
    workMs,
    key: str('key', 'leader'),
    storeNode: str('storeNode', 'store'),
    storageNode: str('storageNode', 'storage'),
    tickMs,
    staggerMs,
  };
}

const toEvent = (d: LeaseEventDraft): CoreEvent => ({ kind: d.kind, label: d.label, data: d.data as unknown as Record<string, unknown> });
const send = (to: string, body: LeaseBody): CoreSend => ({ to, body, label: describeLeaseBody(body) });

/**
 * A lease client node: competes for the key, and writes while it believes it leads.
 * `rank` is its place among the clients (0 for the first), for the first-attempt stagger.
 */
export function createLeaseClientCore(node: string, o: LeaseScenarioOptions, rank = 0): NodeCore & { client: LeaseClient } {
  const client = createLeaseClient({ node, key: o.key, ttlMs: o.ttlMs });
  let joinAtMs = 0;
  let nextWriteAtMs = 0;
  let writes = 0;
  const work: Array<{ dueMs: number; write: ResourceWrite }> = [];
  const drain = (sends: CoreSend[] = []): CoreOutput => {
    const ready = client.takeReady();
    return {
      events: ready.events.map(toEvent),
      sends: [...sends, ...ready.requests.map((request) => send(o.storeNode, { lease: 'request', request }))],
    };
  };
  const step = (now: NodeNow): CoreOutput => {
    if (now.monoMs < joinAtMs) return {};
    // Work started before (perhaps before a pause) finishes first, with the token it read.
    const out: CoreSend[] = [];
    for (let i = 0; i < work.length; ) {
      if (work[i].dueMs <= now.monoMs) out.push(send(o.storageNode, { lease: 'write', write: work.splice(i, 1)[0].write }));
      else i++;
    }
    client.tick(now.monoMs);
    if (now.monoMs >= nextWriteAtMs) {
      nextWriteAtMs = now.monoMs + o.writeEveryMs;
      const token = client.leaderToken();
      if (token !== null) {
        writes += 1;
        const write = { from: node, token, value: `${node}#${writes}` };
        if (o.workMs === 0) out.push(send(o.storageNode, { lease: 'write', write }));
        else work.push({ dueMs: now.monoMs + o.workMs, write });
      }
    }
    return drain(out);
  };
  return {
    client,
    start: (now) => {
      joinAtMs = now.monoMs + rank * o.staggerMs;
      nextWriteAtMs = joinAtMs;
      return step(now);
    },
    tick: step,
    receive(_from, body, now) {
      const b = parseLeaseBody(body);
      if (b?.lease !== 'reply') return {};
      client.step(b.reply, now.monoMs);
      return { ...drain(), receiveLabel: describeLeaseBody(b) };
    },
  };
}

/**
 * The embedded store as a lab node (its time: the node's monotonic clock). A restarted
 * store continues its revisions and gives every held lease a full TTL again (its
 * monotonic clock restarted).
 */
export function createLeaseStoreCore(durable: EmbeddedStoreSnapshot | null): NodeCore & { machine: EmbeddedStoreMachine } {
  const machine = durable ? EmbeddedStoreMachine.restore(durable) : new EmbeddedStoreMachine();
  const out = (changes: LeaseChange[], sends: CoreSend[] = []): CoreOutput =>
    changes.length || sends.length
      ? { events: changes.map((c) => toEvent(storeChangeEvent(c))), sends, persist: changes.length ? machine.snapshot() : undefined }
      : {};
  return {
    machine,
    start: (now) => {
      machine.extendAll(now.monoMs);
      return {};
    },
    tick: (now) => out(machine.expireDue(now.monoMs)),
    receive(from, body, now) {
      const b = parseLeaseBody(body);
      if (b?.lease !== 'request') return {};
      const req = b.request;
      if (req.op === 'acquire' && req.holder !== from) {
        const error = { code: 'invalid-argument' as const, message: `${from} cannot acquire for ${req.holder}` };
        return { sends: [send(from, { lease: 'reply', reply: { op: req.op, reqId: req.reqId, error } })] };
      }
      const { reply, changes } = machine.apply(req, now.monoMs);
      return { ...out(changes, [send(from, { lease: 'reply', reply })]), receiveLabel: describeLeaseBody(b) };
    },
  };
}

/** The storage resource as a lab node. */
export function createLeaseStorageCore(fencing: boolean, durable: ResourceDurable | null): NodeCore {
  const resource = createStorageResource({ fencing, durable });
  return {
    start: () => ({}),
    tick: () => ({}),
    receive(_from, body) {
      const b = parseLeaseBody(body);
      if (b?.lease !== 'write') return {};
      resource.write(b.write);
      return { events: resource.takeEvents().map(toEvent), persist: resource.durable(), receiveLabel: describeLeaseBody(b) };
    },
  };
}

/**
 * The core for `init.node` in a lease run (store, storage or client by name).
 * @throws LeaseStoreError `invalid-argument` on bad options (TTL ≤ 0, …)
 */
export function createLeaseCore(init: Pick<CoreInit, 'node' | 'options' | 'durable'> & { nodes?: CoreInit['nodes'] }): NodeCore {
  const o = leaseScenarioOptions(init.options);
  if (init.node === o.storeNode) return createLeaseStoreCore((init.durable as EmbeddedStoreSnapshot | null) ?? null);
  if (init.node === o.storageNode) return createLeaseStorageCore(o.fencing, (init.durable as ResourceDurable | null) ?? null);
  const clients = (init.nodes ?? []).filter((n) => n !== o.storeNode && n !== o.storageNode);
  return createLeaseClientCore(init.node, o, Math.max(0, clients.indexOf(init.node)));
}
