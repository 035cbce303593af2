/**
 * Node cores of the lease scenario that need I/O and so cannot live in shared/: the
 * node runtime asks here first, and falls back to the scenario's pure core.
 *
 * Today: with `--store etcd`, the `store` node is an etcd proxy (etcd-store-core.ts)
 * instead of the embedded store machine. Everything else stays pure.
 */
import { leaseScenarioOptions } from '../../shared/lease';
import type { NodeCore } from '../../shared/scenarios/types';
import { createEtcdStoreCore } from './etcd-store-core';

/** What the runtime knows when it builds a node's core. */
export interface HostedCoreInit {
  run: string;
  node: string;
  scenario: string;
  options: Readonly<Record<string, unknown>>;
}

/** Deadline of one etcd call from the store node: a third of the TTL, at least 250 ms. */
export function etcdCallTimeoutMs(ttlMs: number): number {
  return Math.max(250, Math.round(ttlMs / 3));
}

/** The I/O-backed core for `init.node`, or null when the pure scenario core applies. */
export function hostedLeaseCore(init: HostedCoreInit): NodeCore | null {
  if (init.scenario !== 'lease' || init.options.store !== 'etcd') return null;
  const o = leaseScenarioOptions(init.options);
  if (init.node !== o.storeNode) return null;
  const endpoints = Array.isArray(init.options.etcd) ? (init.options.etcd as string[]) : [];
  return createEtcdStoreCore({ endpoints, prefix: `coordlab/${init.run}/`, key: o.key, timeoutMs: etcdCallTimeoutMs(o.ttlMs) });
}
