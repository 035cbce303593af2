/**
 * Node cores of the lease scenario that need I/O and so cannot live in shared/: the
 * node runtime asks here first, and falls back to the scenario's pure core.
 *
 * The `store` node: with `--store etcd` an etcd proxy (etcd-store-core.ts); else the
 * SQLite-backed embedded store (sqlite-store-core.ts) in the run's durable folder.
 * Clients and storage stay pure.
 */
import { leaseScenarioOptions } from '../../shared/lease';
import type { NodeCore } from '../../shared/scenarios/types';
import { dirname, join } from 'node:path';
import { createEtcdStoreCore } from './etcd-store-core';
import { createSqliteStoreCore } from './sqlite-store-core';

/** What the runtime knows when it builds a node's core. */
export interface HostedCoreInit {
  run: string;
  node: string;
  scenario: string;
  options: Readonly<Record<string, unknown>>;
  /** The node's durable-state file; the SQLite store lives next to it. */
  durablePath: string;
}

/** Deadline of one etcd call from the store node: a third of the TTL, at least 250 ms. */
export function etcdCallTimeoutMs(ttlMs: number): number {
  return Math.max(250, Math.round(ttlMs / 3));
}

/** The I/O-backed core for `init.node`, or null when the pure scenario core applies. */
export function hostedLeaseCore(init: HostedCoreInit): NodeCore | null {
  if (init.scenario !== 'lease') return null;
  const o = leaseScenarioOptions(init.options);
  if (init.node !== o.storeNode) return null;
  if (init.options.store !== 'etcd') {
    try {
      return createSqliteStoreCore({ file: join(dirname(init.durablePath), `${init.node}.lease.sqlite`), key: o.key });
    } catch (err) {
      // better-sqlite3 not loadable from this node process (e.g. a prebuilt entry far from
      // node_modules): the pure store machine runs the same steps in memory, durable via JSON.
      process.stderr.write(`lease store node: SQLite unavailable (${(err as Error).message}); using the in-memory store machine\n`);
      return null;
    }
  }
  const endpoints = Array.isArray(init.options.etcd) ? (init.options.etcd as string[]) : [];
  return createEtcdStoreCore({ endpoints, prefix: `coordlab/${init.run}/`, key: o.key, timeoutMs: etcdCallTimeoutMs(o.ttlMs) });
}
