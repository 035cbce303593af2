/**
 * A tiny virtual-time loop around the pure lease machines, for unit tests: 1 ms steps
 * of true time, one embedded store (its clock is true time), one storage resource,
 * nodes with drifted clocks, pauses (no ticks, no sends, inbox held) and cuts from
 * the store. Records LabEvent-shaped events with `ref_ms` = true time.
 */
import {
  EmbeddedStoreMachine,
  createLeaseClient,
  createStorageResource,
  storeChangeEvent,
  type LeaseClient,
  type LeaseEventDraft,
  type LeaseReply,
  type LeaseRequest,
  type ResourceWrite,
  type StorageResource,
} from '../../../shared/lease';
import type { LeaseCheckEvent } from '../../../shared/checks/lease';

export interface SimNode {
  name: string;
  /** Clock rate error: local = offset + t·(1 + driftPpm/1e6). */
  driftPpm?: number;
  offsetMs?: number;
  /** Pauses (SIGSTOP-like) in true time. */
  pauses?: Array<{ atMs: number; forMs: number }>;
  /** Spans during which the node and the store cannot reach each other. */
  cuts?: Array<{ fromMs: number; toMs: number }>;
}

export interface SimSpec {
  nodes: SimNode[];
  ttlMs: number;
  durationMs: number;
  fencing: boolean;
  /** A leader starts a write this often (true time). */
  writeEveryMs: number;
  /** Time between reading the token and sending the write (the leader's "work"). */
  workMs: number;
  /** One-way delay of every message, or a function of the message number. */
  delayMs: number | ((n: number) => number);
  tickEveryMs?: number;
}

export interface SimResult {
  events: LeaseCheckEvent[];
  resource: StorageResource;
  store: EmbeddedStoreMachine;
  clients: Map<string, LeaseClient>;
  /** Tokens of successful acquisitions, in grant order. */
  grantedTokens: number[];
}

type Msg =
  | { to: 'store'; from: string; at: number; req: LeaseRequest }
  | { to: 'node'; node: string; at: number; reply: LeaseReply }
  | { to: 'storage'; at: number; write: ResourceWrite };

/** Run the lease scenario on virtual time. Deterministic for a given spec. */
export function runLeaseSim(spec: SimSpec): SimResult {
  const tickEveryMs = spec.tickEveryMs ?? 5;
  const store = new EmbeddedStoreMachine();
  const resource = createStorageResource({ fencing: spec.fencing });
  const clients = new Map(spec.nodes.map((n) => [n.name, createLeaseClient({ node: n.name, key: 'leader', ttlMs: spec.ttlMs })]));
  const byName = new Map(spec.nodes.map((n) => [n.name, n]));
  const events: LeaseCheckEvent[] = [];
  const seqs = new Map<string, number>();
  const grantedTokens: number[] = [];
  let queue: Msg[] = [];
  let msgNo = 0;
  const works: Array<{ node: string; at: number; write: ResourceWrite }> = [];
  const writesBy = new Map<string, number>();

  const local = (n: SimNode, t: number): number => (n.offsetMs ?? 0) + t * (1 + (n.driftPpm ?? 0) / 1e6);
  const paused = (n: SimNode, t: number): boolean => (n.pauses ?? []).some((p) => t >= p.atMs && t < p.atMs + p.forMs);
  const cut = (n: SimNode, t: number): boolean => (n.cuts ?? []).some((c) => t >= c.fromMs && t < c.toMs);
  const delay = (): number => (typeof spec.delayMs === 'number' ? spec.delayMs : spec.delayMs(msgNo++));
  const record = (node: string, t: number, d: { kind: string; label: string; data: Record<string, unknown> | null }): void => {
    const seq = (seqs.get(node) ?? 0) + 1;
    seqs.set(node, seq);
    const n = byName.get(node);
    events.push({ id: events.length + 1, node, kind: d.kind, ref_ms: t, wall_ms: n ? local(n, t) : t, data: d.data });
  };
  const recordDraft = (node: string, t: number, d: LeaseEventDraft): void =>
    record(node, t, { kind: d.kind, label: d.label, data: d.data as unknown as Record<string, unknown> });
  const flush = (n: SimNode, t: number): void => {
    const ready = clients.get(n.name)!.takeReady();
    for (const ev of ready.events) recordDraft(n.name, t, ev);
    for (const req of ready.requests) if (!cut(n, t)) queue.push({ to: 'store', from: n.name, at: t + delay(), req });
  };

  for (let t = 0; t <= spec.durationMs; t++) {
    for (const n of spec.nodes) {
      const was = paused(n, t - 1);
      const is = paused(n, t);
      if (!was && is) record(n.name, t, { kind: 'pause', label: 'paused', data: null });
      if (was && !is) record(n.name, t, { kind: 'resume', label: 'resumed', data: null });
    }
    // Deliver due messages (a paused node's inbox waits).
    const due = queue.filter((m) => m.at <= t).sort((a, b) => a.at - b.at);
    queue = queue.filter((m) => m.at > t);
    for (const m of due) {
      if (m.to === 'store') {
        const from = byName.get(m.from)!;
        if (cut(from, t)) continue;
        for (const ch of store.expireDue(t)) recordDraft('store', t, storeChangeEvent(ch));
        const { reply, changes } = store.apply(m.req, t);
        for (const ch of changes) {
          if (ch.kind === 'acquired') grantedTokens.push(ch.lease.token);
          recordDraft('store', t, storeChangeEvent(ch));
        }
        queue.push({ to: 'node', node: m.from, at: t + delay(), reply });
      } else if (m.to === 'node') {
        const n = byName.get(m.node)!;
        if (cut(n, t)) continue;
        if (paused(n, t)) { queue.push(m); continue; }
        clients.get(n.name)!.step(m.reply, local(n, t));
        flush(n, t);
      } else {
        resource.write(m.write);
        for (const ev of resource.takeEvents()) recordDraft('storage', t, ev);
      }
    }
    for (const ch of store.expireDue(t)) recordDraft('store', t, storeChangeEvent(ch));
    // Work in progress: sent when due and the node runs.
    for (let i = works.length - 1; i >= 0; i--) {
      const w = works[i];
      const n = byName.get(w.node)!;
      if (w.at <= t && !paused(n, t)) {
        works.splice(i, 1);
        queue.push({ to: 'storage', at: t + delay(), write: w.write });
      }
    }
    for (const n of spec.nodes) {
      if (paused(n, t)) continue;
      const client = clients.get(n.name)!;
      if (t % tickEveryMs === 0) {
        client.tick(local(n, t));
        flush(n, t);
      }
      const token = client.leaderToken();
      if (t % spec.writeEveryMs === 0 && token !== null) {
        const k = (writesBy.get(n.name) ?? 0) + 1;
        writesBy.set(n.name, k);
        works.push({ node: n.name, at: t + spec.workMs, write: { from: n.name, token, value: `${n.name}#${k}` } });
      }
    }
  }
  return { events, resource, store, clients, grantedTokens };
}
