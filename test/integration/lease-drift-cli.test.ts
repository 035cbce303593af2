/**
 * Issue 8 end to end through the real CLI: clock drift on the leader. Clients start
 * staggered, so n1 leads first; its clock runs 10 % slow and it is cut from the store
 * (one way: its writes still reach storage). It judges its lease on its own clock and
 * believes it ~10 % of the TTL longer than the store keeps it: time believed without the
 * lease, which is 0 on a correct clock (the client counts its TTL from when it sent the
 * renewal, before the store received it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';
import { leaseRun } from '../helpers/lease-cli';

describe('coordlab run lease with a drifting leader', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir('coordlab-lease-drift-');
  });
  afterAll(() => tmp.cleanup());

  it('a leader whose clock runs 10 % slow, cut from the store, believes its 2 s lease ~200 ms too long', async () => {
    const flags = ['--nodes', 'n1,n2,n3,store,storage', '--ttl', '2s', '--drift', 'n1=-100000ppm', '--partition', 'n1>store@2s..5s', '--duration', '6s', '--fencing', 'on'];
    const { result, lease, check } = await leaseRun(join(tmp.dir, 'drift.db'), flags);
    expect(result.status).toBe('done');
    const n1 = lease.per_node.find((p) => p.node === 'n1');
    expect(n1, JSON.stringify(lease)).toBeDefined();
    expect(n1!.actual_ms, 'n1 led first (staggered start)').toBeGreaterThan(1500);
    // 10 % of 2 s is 200 ms, less the request's one-way delay; well above 0 even when loaded.
    expect(n1!.believed_not_actual_ms, JSON.stringify(lease)).toBeGreaterThan(80);
    expect(n1!.believed_not_actual_ms).toBeLessThan(1000); // not the whole partition: it does step down on its own clock
    expect(lease.per_node.some((p) => p.node !== 'n1' && p.actual_ms > 0), 'another node took over').toBe(true);
    expect(check.code, check.stdout).toBe(0);
  }, 120_000);
});
