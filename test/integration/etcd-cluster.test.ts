import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, pollUntil, type EtcdCluster } from '../helpers/etcd';
import { openEtcdLeaseStore, type EtcdLeaseStore } from '../../main/lease/etcd';
import type { AcquireResult, LeaseChange, LeaseGrant } from '../../shared/lease';

const opts = { timeoutMs: 3000 };
const ttlMs = 1000;
let etcd: EtcdCluster;
const stores: EtcdLeaseStore[] = [];

function store(): EtcdLeaseStore {
  const s = openEtcdLeaseStore({ endpoints: etcd.endpoints });
  stores.push(s);
  return s;
}
function granted(r: AcquireResult): LeaseGrant {
  if (!r.ok) throw new Error(`expected a grant, ${r.current?.holder ?? 'nobody'} holds the key`);
  return r.lease;
}
const logs = (): string => etcd.members.map((m) => `--- ${m.name} alive=${m.alive()}\n${m.log().slice(-1500)}`).join('\n');

beforeAll(async () => {
  etcd = await startEtcd({ members: 3 });
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await etcd?.stop();
});

describe('etcd lease store on a 3-member cluster', () => {
  it('keeps working when the etcd leader is killed; the lease survives while renewed, then expires', async () => {
    const a = store();
    const b = store();
    const lease = granted(await a.acquire({ key: 'leader', holder: 'n1', ttlMs }, opts));
    const leader = await etcd.leader();
    await etcd.kill(leader);
    expect(leader.alive()).toBe(false);

    // The client fails over to the surviving members; renewals go through again.
    await pollUntil('a keep-alive through the surviving members', 6000, async () => {
      const r = await a.keepAlive(lease, opts).catch(() => null);
      if (r && !r.ok) throw new Error('the lease was lost across the leader change');
      return r;
    }, logs);
    const newLeader = await etcd.leader();
    expect(newLeader.name).not.toBe(leader.name);
    expect(await b.acquire({ key: 'leader', holder: 'n2', ttlMs }, opts)).toMatchObject({ ok: false, current: { holder: 'n1', token: lease.token } });
    const other = granted(await b.acquire({ key: 'other', holder: 'n2', ttlMs }, opts));
    expect(other.token).toBeGreaterThan(lease.token);

    // n1 stops renewing: n2 gets the key once the lease expires. Not assumed within one
    // TTL (a new etcd leader extends leases); the deadline is 3×TTL after the last renewal.
    const next = await pollUntil('n2 acquires after n1 stops renewing', 3 * ttlMs, async () => {
      const r = await b.acquire({ key: 'leader', holder: 'n2', ttlMs }, opts).catch(() => null);
      return r?.ok ? r.lease : null;
    }, logs);
    expect(next.token).toBeGreaterThan(other.token);
  });

  it('without a quorum, calls (and the keep-alive stream) fail clearly within their deadline instead of hanging', async () => {
    const s = store();
    const held = granted(await s.acquire({ key: 'q-held', holder: 'n1', ttlMs }, opts));
    const victim = etcd.members.find((m) => m.alive())!;
    const onVictim = openEtcdLeaseStore({ endpoints: [victim.clientUrl] });
    stores.push(onVictim);
    const changes: LeaseChange[] = [];
    await onVictim.watch('q-held', (c) => changes.push(c), opts);
    await etcd.kill(victim); // one of three left: no quorum
    // The watch stream to the killed member is lost: reported, not silent.
    const lost = await pollUntil('the lost watch stream is reported', 3000, async () => changes.find((c) => c.kind === 'error') ?? null, () => JSON.stringify(changes));
    expect(lost).toMatchObject({ kind: 'error', key: 'q-held', error: { code: 'unavailable', message: expect.stringContaining('watch') } });
    // A survivor that led keeps leading, and renewing leases, for up to an election timeout
    // after losing its quorum (the stale-leader window of the chapter); then it steps down.
    await etcd.leaderless();
    for (const [op, call] of [
      ['acquire', () => s.acquire({ key: 'q', holder: 'n1', ttlMs }, { timeoutMs: 800 })],
      ['keepAlive', () => s.keepAlive(held, { timeoutMs: 800 })],
    ] as const) {
      const t0 = Date.now();
      const err = await call().then(() => null, (e: unknown) => e);
      expect(Date.now() - t0).toBeLessThan(800 + 1000); // at its deadline, not hanging (slack for a loaded machine)
      expect(err).toMatchObject({ name: 'LeaseStoreError', code: expect.stringMatching(/^(deadline|unavailable)$/) });
      expect((err as Error).message).toContain(`etcd ${op}`);
    }
  });
});
