/**
 * Issue 8 end to end through the real CLI against a real etcd (Debian's etcd-server on
 * loopback, test/helpers/etcd.ts; the test fails, not skips, if etcd is missing). The
 * `store` node proxies the lease requests it receives through the lab network to
 * etcd; etcd's create revision is the fencing token.
 *
 * (c) single member: the paused leader corrupts without fencing (check 1), not with it
 *     (check 0). Faults of etcd itself are in etcd-lease-faults.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startEtcd, type EtcdCluster } from '../helpers/etcd';
import { leaseRun, pausedNode } from '../helpers/lease-cli';
import { tempDir } from '../helpers/tmp';

const NODES = ['--nodes', 'n1,n2,n3,store,storage'];
/** Generous: the machine is shared and may be loaded; a healthy test takes 10–20 s of it. */
const TEST_MS = 120_000;
const etcdFlags = (c: EtcdCluster): string[] => ['--store', 'etcd', '--etcd', c.endpoints.join(',')];

describe('coordlab run lease --store etcd end to end', () => {
  let tmp: ReturnType<typeof tempDir>;
  const clusters: EtcdCluster[] = [];
  const start = async (members: 1 | 3): Promise<EtcdCluster> => {
    const c = await startEtcd({ members });
    clusters.push(c);
    return c;
  };
  beforeAll(() => {
    tmp = tempDir('coordlab-etcd-lease-cli-');
  });
  afterAll(async () => {
    await Promise.all(clusters.map((c) => c.stop()));
    tmp.cleanup();
  }, TEST_MS);

  it('(c) single member: a paused leader corrupts without fencing (check 1) and is fenced off with it (check 0)', async () => {
    const etcd = await start(1);
    // etcd TTLs are whole seconds: TTL 1 s, the leader stopped at 2.5 s for 3.5 s (room for
    // a first leader, then expiry, a new acquisition and its first write, on a loaded machine).
    const flags = [...NODES, ...etcdFlags(etcd), '--ttl', '1s', '--pause', 'leader@2500ms+3500ms', '--duration', '7s', '--seed', '7'];
    const off = await leaseRun(join(tmp.dir, 'c-off.db'), [...flags, '--fencing', 'off']);
    expect(pausedNode(join(tmp.dir, 'c-off.db')), 'the pause hit a leader').not.toBeNull();
    expect(off.lease.overlaps_store).toBe(0);
    expect(off.lease.stale_writes_overwriting, JSON.stringify(off.lease)).toBeGreaterThanOrEqual(1);
    expect(off.check.code, off.check.stdout).toBe(1);

    const on = await leaseRun(join(tmp.dir, 'c-on.db'), [...flags, '--fencing', 'on']);
    expect(on.lease.stale_writes_rejected, JSON.stringify(on.lease)).toBeGreaterThanOrEqual(1);
    expect(on.lease.stale_writes_overwriting).toBe(0);
    expect(Math.max(...on.lease.per_node.map((p) => p.believed_not_actual_ms))).toBeGreaterThan(500);
    expect(on.check.code, on.check.stdout).toBe(0);
  }, TEST_MS);
});
