/**
 * Lease stores and the real-time drivers of the lease scenario (issue 8).
 *
 * How a `coordlab run lease` is wired on the lab's node processes:
 *
 * 1. Scenario `lease` (shared/scenarios/lease.ts → `createLeaseCore`, shared/lease/core.ts).
 *    Nodes: the clients (`n1`…), `storage` (the resource, fencing on or off) and `store`.
 *    Options: `ttlMs` (`--ttl`), `fencing`, `store`, `etcd`, `writeEveryMs`, `workMs`, `key`,
 *    `storeNode`, `storageNode`, `tickMs`. `run-checks.ts` refuses bad ones before start
 *    (and probes etcd once, with a deadline).
 * 2. The `store` node is reached through the lab network like any node. Embedded (default):
 *    its core is the pure store machine. `--store etcd`: the node runtime asks
 *    `hostedLeaseCore` (hosted-core.ts) first, and the store node proxies each request to
 *    etcd (etcd-store-core.ts), recording etcd's view from a watch.
 * 3. Checks: `analyzeLease(events)`; `leaseSection` for `analyze` (shared/checks/lease-section.ts);
 *    `leaseViolations` / the checks registry for `coordlab check`.
 *
 * In-process (tests, a lab service): `openLeaseStore` (SQLite or etcd), `startLeaseService`,
 * `startLeaseNode` + `directTransport` + `startLeaderWriter` drive the same pure client on
 * host timers.
 */
export * from './embedded';
export * from './etcd';
export * from './endpoints';
export * from './open';
export * from './service';
export * from './node-driver';
export * from './leader-writer';
export { etcdError, withDeadline } from './etcd-errors';
export * from './etcd-store-core';
export * from './hosted-core';
export * from './run-checks';
