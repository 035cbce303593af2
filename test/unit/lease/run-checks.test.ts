import { describe, expect, it } from 'vitest';
import { leasePreflight, leaseRunProblems } from '../../../main/lease/run-checks';

const exp = (nodes: string[], options: Record<string, unknown> = {}) => ({ scenario: 'lease', nodes, options });
const NODES = ['n1', 'n2', 'store', 'storage'];

describe('lease run problems (before anything starts)', () => {
  it('accepts a well-formed run and ignores other scenarios', () => {
    expect(leaseRunProblems(exp(NODES))).toEqual([]);
    expect(leaseRunProblems(exp(NODES, { store: 'etcd', etcd: ['http://127.0.0.1:2379'] }))).toEqual([]);
    expect(leaseRunProblems({ scenario: 'raft', nodes: ['n1'], options: {} })).toEqual([]);
  });

  it('names each problem in one line', () => {
    expect(leaseRunProblems(exp(NODES, { ttlMs: 0 }))).toEqual(['options: lease TTL must be a positive number of milliseconds, got 0 ms']);
    expect(leaseRunProblems(exp(['n1', 'store']))).toEqual(["nodes: scenario 'lease' needs nodes named storage (e.g. --nodes n1,n2,n3,store,storage)"]);
    expect(leaseRunProblems(exp(['store', 'storage']))).toEqual(["nodes: scenario 'lease' needs at least one client node besides store and storage"]);
    expect(leaseRunProblems(exp(NODES, { store: 'etcd' }))[0]).toMatch(/--store etcd needs --etcd/);
    expect(leaseRunProblems(exp(NODES, { store: 'etcd', etcd: ['http://127.0.0.1'] }))[0]).toMatch(/give a host and a port/);
    expect(leaseRunProblems(exp(NODES, { etcd: ['http://127.0.0.1:2379'] }))).toEqual(['etcd: --etcd is only used with --store etcd']);
  });

  it('preflight: nothing to probe without etcd; a closed port is a one-line problem within the deadline', async () => {
    expect(await leasePreflight(exp(NODES))).toBeNull();
    const t0 = Date.now();
    const problem = await leasePreflight(exp(NODES, { store: 'etcd', etcd: ['http://127.0.0.1:9'] }), 1500);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(problem).toMatch(/^etcd: cannot reach etcd at http:\/\/127\.0\.0\.1:9: /);
    expect(problem).not.toMatch(/\n/);
  });
});
