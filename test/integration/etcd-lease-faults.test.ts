/**
 * Issue 8 end to end through the real CLI, with faults of etcd itself (Debian's
 * etcd-server on loopback, test/helpers/etcd.ts; fails, not skips, without it):
 *
 * (d) 3 members, the etcd leader killed mid-run: leadership still moves when the lease
 *     holder is paused (after an etcd leader change a lease can take ~2×TTL to expire);
 * (e) the only member killed mid-run: every store call fails within its deadline, the
 *     failures are recorded as events and the run still ends on time; every endpoint
 *     dead before start: one line, exit 2.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { coordlab, isStoreAcquired, leaseRun, rows, waitForEvent, etcdFlags, etcdSuite, LEASE_NODES, LEASE_TEST_MS } from '../helpers/lease-cli';

describe('coordlab run lease --store etcd while etcd fails', () => {
  const { start, dir } = etcdSuite('coordlab-etcd-lease-faults-');

  it('(d) 3 members, the etcd leader killed mid-run: the lease still moves to another node', async () => {
    const etcd = await start(3);
    const db = join(dir(), 'd.db');
    // The pause waits for a leader if the etcd failover left none at 3 s; it lasts 4 s,
    // room for a lease extended by the etcd leader change (up to 2×TTL) to run out.
    const flags = [...LEASE_NODES, ...etcdFlags(etcd), '--ttl', '1s', '--pause', 'leader@3s+4s', '--duration', '9s', '--fencing', 'on', '--seed', '7'];
    const running = leaseRun(db, flags);
    const first = await waitForEvent(db, 'a first lease holder (store view)', isStoreAcquired, 30_000);
    await etcd.kill(await etcd.leader());
    const killedAfterId = rows(db).at(-1)!.id;
    const { result, lease, check } = await running;
    expect(result.status).toBe('done');
    const acquired = rows(db).filter(isStoreAcquired);
    const later = acquired.filter((r) => r.id > killedAfterId && r.data?.holder !== first.data?.holder);
    const story = rows(db).filter((r) => isStoreAcquired(r) || r.node === 'lab' || r.data?.lease === 'error').map((r) => r.label);
    expect(later.length, JSON.stringify(story)).toBeGreaterThanOrEqual(1);
    expect(lease.overlaps_store).toBe(0);
    expect(check.code, check.stdout).toBe(0);
  }, LEASE_TEST_MS);

  it('(e) the only member killed mid-run: store calls fail within their deadlines, are recorded, and the run ends', async () => {
    const etcd = await start(1);
    const db = join(dir(), 'e.db');
    const running = leaseRun(db, [...LEASE_NODES, ...etcdFlags(etcd), '--ttl', '1s', '--duration', '4s']);
    await waitForEvent(db, 'a first lease holder (store view)', isStoreAcquired, 30_000);
    await etcd.kill(etcd.members[0]);
    const { result, lease } = await running; // leaseRun fails if the run hangs past 60 s
    expect(result.status).toBe('done');
    expect(lease.store_errors).toBeGreaterThanOrEqual(1);
    const failures = rows(db).filter((r) => r.data?.lease === 'error');
    expect(failures.some((r) => /deadline|unavailable/.test(String(r.data?.code))), JSON.stringify(failures.slice(0, 3))).toBe(true);
  }, LEASE_TEST_MS);

  it('(e) every endpoint dead: one line, exit 2 before anything starts', async () => {
    const r = await coordlab(['run', 'lease', '--db', join(dir(), 'e2.db'), ...LEASE_NODES, '--store', 'etcd', '--etcd', 'http://127.0.0.1:9,http://127.0.0.1:10']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot reach etcd/);
  }, LEASE_TEST_MS);
});
