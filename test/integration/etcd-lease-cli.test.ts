/**
 * Issue 8 end to end through the real CLI against a real etcd (Debian's etcd-server on
 * loopback, test/helpers/etcd.ts; the test fails, not skips, if etcd is missing). The
 * `store` node proxies the lease requests it receives through the lab network to
 * etcd; etcd's create revision is the fencing token.
 *
 * (c) single member: the paused leader corrupts without fencing (check 1), not with it
 *     (check 0). Faults of etcd itself are in etcd-lease-faults.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { leaseRun, pausedNode, etcdFlags, etcdSuite, LEASE_NODES, LEASE_TEST_MS } from '../helpers/lease-cli';

describe('coordlab run lease --store etcd end to end', () => {
  const { start, dir } = etcdSuite('coordlab-etcd-lease-cli-');

  it('(c) single member: a paused leader corrupts without fencing (check 1) and is fenced off with it (check 0)', async () => {
    const etcd = await start(1);
    // etcd TTLs are whole seconds: TTL 1 s, the leader stopped at 2.5 s for 3.5 s (room for
    // a first leader, then expiry, a new acquisition and its first write, on a loaded machine).
    const flags = [...LEASE_NODES, ...etcdFlags(etcd), '--ttl', '1s', '--pause', 'leader@2500ms+3500ms', '--duration', '7s', '--seed', '7'];
    const off = await leaseRun(join(dir(), 'c-off.db'), [...flags, '--fencing', 'off']);
    expect(pausedNode(join(dir(), 'c-off.db')), 'the pause hit a leader').not.toBeNull();
    expect(off.lease.overlaps_store).toBe(0);
    expect(off.lease.stale_writes_overwriting, JSON.stringify(off.lease)).toBeGreaterThanOrEqual(1);
    expect(off.check.code, off.check.stdout).toBe(1);

    const on = await leaseRun(join(dir(), 'c-on.db'), [...flags, '--fencing', 'on']);
    expect(on.lease.stale_writes_rejected, JSON.stringify(on.lease)).toBeGreaterThanOrEqual(1);
    expect(on.lease.stale_writes_overwriting).toBe(0);
    expect(Math.max(...on.lease.per_node.map((p) => p.believed_not_actual_ms))).toBeGreaterThan(500);
    expect(on.check.code, on.check.stdout).toBe(0);
  }, LEASE_TEST_MS);
});
