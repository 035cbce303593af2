/**
 * The lease scenario in one process on real time, through the same drivers the node
 * runtime will use (startLeaseService, startLeaseNode, startLeaderWriter), against the
 * embedded SQLite store and a real etcd. The leader is "paused" in the middle of its
 * work (as SIGSTOP would: its timers stop and its half-done write waits) for 3×TTL.
 * Without fencing the stale write lands on top of the new leader's (corruption); with
 * fencing it is rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEtcd, pollUntil, type EtcdCluster } from '../helpers/etcd';
import {
  directTransport,
  openLeaseStore,
  startLeaderWriter,
  startLeaseNode,
  startLeaseService,
  type LeaseStoreConfig,
} from '../../main/lease';
import { createLeaseClient, createStorageResource, type LeaseEventDraft, type LeaseReply, type ResourceWrite } from '../../shared/lease';
import { analyzeLease, leaseViolations, type LeaseCheckEvent } from '../../shared/checks/lease';

async function runPausedLeader(cfg: LeaseStoreConfig, opts: { fencing: boolean; ttlMs: number }) {
  const { ttlMs } = opts;
  const timeoutMs = Math.max(2000, ttlMs);
  const store = openLeaseStore(cfg);
  const events: LeaseCheckEvent[] = [];
  const record = (node: string) => (ev: LeaseEventDraft) =>
    events.push({ id: events.length + 1, node, kind: ev.kind, ref_ms: Date.now(), wall_ms: Date.now(), data: ev.data as unknown as Record<string, unknown> });
  const key = `leader-${Date.now()}-${opts.fencing}`;
  const service = await startLeaseService(store, { key, timeoutMs, record: record('store') });
  const resource = createStorageResource({ fencing: opts.fencing });
  const write = (w: ResourceWrite): void => {
    resource.write(w);
    for (const ev of resource.takeEvents()) record('storage')(ev);
  };

  const start = (name: string) => {
    const client = createLeaseClient({ node: name, key, ttlMs });
    const st = { paused: false, heldReplies: [] as LeaseReply[] };
    const deliver = (r: LeaseReply): void => (st.paused ? void st.heldReplies.push(r) : node.deliver(r));
    let node = startLeaseNode({ client, nowMs: Date.now, send: directTransport(store, timeoutMs, (r) => deliver(r)), record: record(name) });
    let stopWriter = startLeaderWriter({ node: name, client, everyMs: ttlMs / 5, write });
    return {
      client,
      /** SIGSTOP in the middle of a write: timers stop; the half-done write waits. */
      pause(): ResourceWrite {
        const token = client.leaderToken();
        if (token === null) throw new Error(`${name} is not leading`);
        st.paused = true;
        node.stop();
        stopWriter();
        return { from: name, token, value: `${name}#in-flight` };
      },
      resume(inFlight: ResourceWrite): void {
        write(inFlight); // the half-done write goes out first: nothing re-checks the lease
        st.paused = false;
        node = startLeaseNode({ client, nowMs: Date.now, send: directTransport(store, timeoutMs, (r) => deliver(r)), record: record(name) });
        for (const r of st.heldReplies.splice(0)) node.deliver(r);
        stopWriter = startLeaderWriter({ node: name, client, everyMs: ttlMs / 5, write });
      },
      stop(): void {
        node.stop();
        stopWriter();
        client.resign();
      },
    };
  };

  try {
    const n1 = start('n1');
    await pollUntil('n1 leads', 3 * ttlMs, async () => n1.client.leaderToken(), () => JSON.stringify(events.slice(-5)));
    const n2 = start('n2');
    const inFlight = n1.pause();
    const pausedAtMs = Date.now();
    // The fault: a pause of 3×TTL; it ends no earlier than that, and not before n2 wrote.
    await pollUntil('n2 takes over and writes', 3 * ttlMs + 3000, async () =>
      Date.now() - pausedAtMs >= 3 * ttlMs && resource.history().some((h) => h.from === 'n2' && h.accepted) ? true : null,
      () => JSON.stringify(events.slice(-5)));
    n1.resume(inFlight);
    await pollUntil('n1 steps down', ttlMs, async () => (n1.client.view().role !== 'leader' ? true : null), () => '');
    n1.stop();
    n2.stop();
    return { report: analyzeLease(events), resource };
  } finally {
    await service.stop();
    await store.close();
  }
}

describe('lease scenario in-process: a leader paused past its TTL', () => {
  let dir = '';
  let etcd: EtcdCluster | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coordlab-lease-scn-'));
    etcd = await startEtcd({ members: 1 });
  });
  afterAll(async () => {
    await etcd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stores = (): Array<[string, LeaseStoreConfig, number]> => [
    ['embedded', { store: 'embedded', file: join(dir, 'lab.db') }, 300],
    ['etcd', { store: 'etcd', endpoints: etcd!.endpoints }, 1000],
  ];
  for (const which of ['embedded', 'etcd'] as const) {
    it(`${which}: without fencing the stale write corrupts; with fencing it is rejected`, async () => {
      const [, cfg, ttlMs] = stores().find(([n]) => n === which)!;
      const off = await runPausedLeader(cfg, { fencing: false, ttlMs });
      expect(off.report.overlaps_store).toBe(0);
      expect(off.report.overlaps_belief).toBeGreaterThanOrEqual(1);
      expect(off.report.stale_writes_accepted).toBeGreaterThanOrEqual(1);
      expect(off.report.stale_writes_overwriting).toBeGreaterThanOrEqual(1);
      expect(leaseViolations(off.report).length).toBeGreaterThanOrEqual(1);
      expect(off.resource.history().some((h) => h.value === 'n1#in-flight' && h.accepted)).toBe(true);

      const on = await runPausedLeader(cfg, { fencing: true, ttlMs });
      expect(on.report.stale_writes_rejected).toBeGreaterThanOrEqual(1);
      expect(on.report.stale_writes_accepted).toBe(0);
      expect(leaseViolations(on.report)).toEqual([]);
      expect(on.resource.history().find((h) => h.value === 'n1#in-flight')?.accepted).toBe(false);
      const n1 = on.report.per_node.find((p) => p.node === 'n1')!;
      expect(n1.believed_not_actual_ms).toBeGreaterThan(ttlMs); // it believed through the pause
    });
  }
});
