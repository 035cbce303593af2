/**
 * The lease scenario in one process on real time, through the same drivers the node
 * runtime will use (startLeaseService, startLeaseNode, startLeaderWriter), against the
 * embedded SQLite store. (The same against a real etcd runs on real processes through
 * the CLI: etcd-lease-cli.test.ts.)
 *
 * 1. The leader is "paused" in the middle of its work (as SIGSTOP would: its timers
 *    stop and its half-done write waits) for 3×TTL.
 * 2. The leader's clock runs 60 % slow and it is cut from the store: it renews nothing
 *    and believes its lease far longer than the store keeps it.
 *
 * Without fencing the stale writes land on top of the new leader's (corruption); with
 * fencing they are rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '../helpers/etcd';
import {
  directTransport,
  openLeaseStore,
  startLeaderWriter,
  startLeaseNode,
  startLeaseService,
  type LeaseStoreConfig,
} from '../../main/lease';
import { createLeaseClient, createStorageResource, type LeaseEventDraft, type LeaseReply, type ResourceWrite } from '../../shared/lease';
import { analyzeLease, leaseViolations, type LeaseCheckEvent, type LeaseReport } from '../../shared/checks/lease';

interface NodeFaults {
  /** Clock rate relative to the host (0.4 = 60 % slow). */
  clockRate?: number;
  /** True while the node cannot reach the store (requests are lost). */
  cut?: () => boolean;
}

async function rig(cfg: LeaseStoreConfig, fencing: boolean, ttlMs: number) {
  const timeoutMs = Math.max(2000, ttlMs);
  const store = openLeaseStore(cfg);
  const events: LeaseCheckEvent[] = [];
  const record = (node: string, wallMs: () => number = Date.now) => (ev: LeaseEventDraft) =>
    events.push({ id: events.length + 1, node, kind: ev.kind, ref_ms: Date.now(), wall_ms: wallMs(), data: ev.data as unknown as Record<string, unknown> });
  const key = `leader-${Date.now()}-${fencing}`;
  const service = await startLeaseService(store, { key, timeoutMs, record: record('store') });
  const resource = createStorageResource({ fencing });
  const write = (w: ResourceWrite): void => {
    resource.write(w);
    for (const ev of resource.takeEvents()) record('storage')(ev);
  };
  const stops: Array<() => void> = [];

  const start = (name: string, faults: NodeFaults = {}) => {
    const t0 = Date.now();
    const nowMs = faults.clockRate === undefined ? Date.now : () => t0 + (Date.now() - t0) * faults.clockRate!;
    const client = createLeaseClient({ node: name, key, ttlMs });
    const st = { paused: false, heldReplies: [] as LeaseReply[] };
    const deliver = (r: LeaseReply): void => (st.paused ? void st.heldReplies.push(r) : node.deliver(r));
    const toStore = directTransport(store, timeoutMs, (r) => deliver(r));
    const send = (req: Parameters<typeof toStore>[0]): void => (faults.cut?.() ? undefined : toStore(req));
    const boot = () => startLeaseNode({ client, nowMs, send, record: record(name, nowMs) });
    let node = boot();
    let stopWriter = startLeaderWriter({ node: name, client, everyMs: ttlMs / 5, write });
    const stop = (): void => {
      node.stop();
      stopWriter();
      client.resign();
    };
    stops.push(stop);
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
        node = boot();
        for (const r of st.heldReplies.splice(0)) node.deliver(r);
        stopWriter = startLeaderWriter({ node: name, client, everyMs: ttlMs / 5, write });
      },
    };
  };

  const finish = async (): Promise<{ report: LeaseReport; resource: typeof resource }> => {
    for (const stop of stops) stop();
    await service.stop();
    await store.close();
    return { report: analyzeLease(events), resource };
  };
  return { start, finish, resource, events, abort: async () => { for (const s of stops) s(); await service.stop(); await store.close(); } };
}

const tail = (events: LeaseCheckEvent[]) => () => JSON.stringify(events.slice(-5));

async function pausedLeader(cfg: LeaseStoreConfig, fencing: boolean, ttlMs: number) {
  const r = await rig(cfg, fencing, ttlMs);
  try {
    const n1 = r.start('n1');
    await pollUntil('n1 leads', 3 * ttlMs, async () => n1.client.leaderToken(), tail(r.events));
    r.start('n2');
    const inFlight = n1.pause();
    const pausedAtMs = Date.now();
    // The fault: a pause of 3×TTL; it ends no earlier than that, and not before n2 wrote.
    await pollUntil('n2 takes over and writes', 3 * ttlMs + 3000, async () =>
      Date.now() - pausedAtMs >= 3 * ttlMs && r.resource.history().some((h) => h.from === 'n2' && h.accepted) ? true : null, tail(r.events));
    n1.resume(inFlight);
    await pollUntil('n1 steps down', ttlMs, async () => (n1.client.view().role !== 'leader' ? true : null), tail(r.events));
    return await r.finish();
  } catch (err) {
    await r.abort();
    throw err;
  }
}

async function slowClockCutLeader(cfg: LeaseStoreConfig, fencing: boolean, ttlMs: number) {
  const r = await rig(cfg, fencing, ttlMs);
  let cut = false;
  try {
    const n1 = r.start('n1', { clockRate: 0.4, cut: () => cut });
    await pollUntil('n1 leads', 3 * ttlMs, async () => n1.client.leaderToken(), tail(r.events));
    r.start('n2');
    cut = true;
    // n1's belief (TTL on a 60 % slow clock = 2.5×TTL) outlives the store's lease (≈ TTL):
    // it steps down only on its own, long after n2 took over and wrote.
    await pollUntil('n1 steps down by its own clock', 4 * ttlMs, async () => (n1.client.view().role !== 'leader' ? true : null), tail(r.events));
    await pollUntil('n2 writes', 2 * ttlMs, async () => (r.resource.history().some((h) => h.from === 'n2' && h.accepted) ? true : null), tail(r.events));
    return await r.finish();
  } catch (err) {
    await r.abort();
    throw err;
  }
}

describe('lease scenario in-process, real time', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coordlab-lease-scn-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  const setups = {
    embedded: () => ({ cfg: { store: 'embedded', file: join(dir, 'lab.db') } as LeaseStoreConfig, ttlMs: 300 }),
  };

  for (const which of ['embedded'] as const) {
    it(`${which}: a leader paused past its TTL corrupts without fencing; with fencing its write is rejected`, async () => {
      const { cfg, ttlMs } = setups[which]();
      const off = await pausedLeader(cfg, false, ttlMs);
      expect(off.report.overlaps_store).toBe(0);
      expect(off.report.overlaps_belief).toBeGreaterThanOrEqual(1);
      expect(off.report.stale_writes_accepted).toBeGreaterThanOrEqual(1);
      expect(off.report.stale_writes_overwriting).toBeGreaterThanOrEqual(1);
      expect(leaseViolations(off.report).length).toBeGreaterThanOrEqual(1);
      expect(off.resource.history().some((h) => h.value === 'n1#in-flight' && h.accepted)).toBe(true);

      const on = await pausedLeader(cfg, true, ttlMs);
      expect(on.report.stale_writes_rejected).toBeGreaterThanOrEqual(1);
      expect(on.report.stale_writes_accepted).toBe(0);
      expect(leaseViolations(on.report)).toEqual([]);
      expect(on.resource.history().find((h) => h.value === 'n1#in-flight')?.accepted).toBe(false);
      const n1 = on.report.per_node.find((p) => p.node === 'n1')!;
      expect(n1.believed_not_actual_ms).toBeGreaterThan(ttlMs); // it believed through the pause
    });
  }

  it('embedded: a leader with a slow clock, cut from the store, misjudges its lease; fencing keeps the data safe', async () => {
    const { cfg, ttlMs } = setups.embedded();
    const off = await slowClockCutLeader(cfg, false, ttlMs);
    expect(off.report.overlaps_belief).toBeGreaterThanOrEqual(1);
    expect(off.report.stale_writes_overwriting).toBeGreaterThanOrEqual(1);
    const n1 = off.report.per_node.find((p) => p.node === 'n1')!;
    expect(n1.believed_not_actual_ms).toBeGreaterThan(0.3 * ttlMs);

    const on = await slowClockCutLeader(cfg, true, ttlMs);
    expect(on.report.stale_writes_rejected).toBeGreaterThanOrEqual(1);
    expect(on.report.stale_writes_overwriting).toBe(0);
    expect(leaseViolations(on.report)).toEqual([]);
  });
});
