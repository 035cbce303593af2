/**
 * What `coordlab run lease` checks before it starts anything: the node names the
 * scenario needs, its options (TTL > 0, …), and with `--store etcd` the endpoints and
 * whether the cluster answers at all (so a wrong `--etcd` is a one-line error and exit
 * 2, not a run full of timeouts).
 */
import type { Experiment } from '../../shared/experiment';
import { leaseScenarioOptions, toLeaseStoreError } from '../../shared/lease';
import { parseEtcdEndpoints } from './endpoints';
import { openEtcdLeaseStore } from './etcd';

/** One line per problem of a lease experiment; empty when it can run (or is not a lease run). */
export function leaseRunProblems(exp: Pick<Experiment, 'scenario' | 'nodes' | 'options'>): string[] {
  if (exp.scenario !== 'lease') return [];
  let o: ReturnType<typeof leaseScenarioOptions>;
  try {
    o = leaseScenarioOptions(exp.options);
  } catch (err) {
    return [`options: ${toLeaseStoreError(err).message}`];
  }
  const out: string[] = [];
  const missing = [o.storeNode, o.storageNode].filter((n) => !exp.nodes.includes(n));
  if (missing.length) out.push(`nodes: scenario 'lease' needs nodes named ${missing.join(' and ')} (e.g. --nodes n1,n2,n3,${o.storeNode},${o.storageNode})`);
  if (!exp.nodes.some((n) => n !== o.storeNode && n !== o.storageNode)) out.push(`nodes: scenario 'lease' needs at least one client node besides ${o.storeNode} and ${o.storageNode}`);
  if (exp.options.store === 'etcd') {
    const list = Array.isArray(exp.options.etcd) ? (exp.options.etcd as string[]) : [];
    if (!list.length) out.push('etcd: --store etcd needs --etcd URL[,URL] (e.g. --etcd http://127.0.0.1:2379)');
    else {
      try {
        parseEtcdEndpoints(list);
      } catch (err) {
        out.push(`etcd: ${toLeaseStoreError(err).message}`);
      }
    }
  } else if (exp.options.etcd !== undefined) {
    out.push('etcd: --etcd is only used with --store etcd');
  }
  return out;
}

/**
 * With `--store etcd`, ask the cluster for the scenario key once (with a deadline).
 * Resolves to a one-line problem, or null if etcd answered (or the run uses no etcd).
 */
export async function leasePreflight(exp: Pick<Experiment, 'scenario' | 'options'>, timeoutMs = 3000): Promise<string | null> {
  if (exp.scenario !== 'lease' || exp.options.store !== 'etcd') return null;
  const endpoints = exp.options.etcd as string[];
  let store: ReturnType<typeof openEtcdLeaseStore> | null = null;
  try {
    store = openEtcdLeaseStore({ endpoints, prefix: 'coordlab/preflight/' });
    await store.get(leaseScenarioOptions(exp.options).key, { timeoutMs });
    return null;
  } catch (err) {
    return `etcd: cannot reach etcd at ${endpoints.join(', ')}: ${toLeaseStoreError(err).message.replace(/\s*Resolution note:.*$/s, '').replace(/\s+/g, ' ')}`;
  } finally {
    await store?.close();
  }
}
