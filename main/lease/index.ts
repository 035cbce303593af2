/**
 * Lease stores and the real-time drivers of the lease scenario (issue 8).
 *
 * Wiring a run on the lab's node processes:
 *
 * 1. Scenario: `{ name: 'lease', tickMs: (o) => leaseScenarioOptions(o).tickMs, create: createLeaseCore }`
 *    (shared/lease/core.ts). Nodes: the clients (`n1`…), `storage`, and `store` if the
 *    embedded store runs as a node (pure, on the node's clock). Options: `ttlMs`,
 *    `fencing`, `writeEveryMs`, `workMs`, `key`, `storeNode`, `storageNode`, `tickMs`.
 * 2. Store in main (the SQLite service): `store = openLeaseStore({ store: 'embedded', file })`;
 *    bodies the network delivers to `store` are answered with
 *    `answerLeaseBody(store, from, body, { timeoutMs })` and the reply body goes back
 *    from `store` to `from` through the network.
 *    etcd: each node's runtime answers its own sends to `store` with
 *    `answerLeaseBody(openEtcdLeaseStore({ endpoints }), node, body, { timeoutMs })` and
 *    hands the reply to the core as `receive('store', reply)`.
 * 3. The store's view (for the checks): in main, `startLeaseService(store, { key, timeoutMs, record })`
 *    records acquired/ended (and a lost watch) as node `store`.
 * 4. Checks: `analyzeLease(events)` → `leaseSummary` for `analyze --json` `lease`,
 *    `leaseViolations` for `check` (shared/checks/lease.ts).
 *
 * Without the NodeCore contract (in-process, tests): `startLeaseNode` + `directTransport`
 * + `startLeaderWriter` drive the same pure client on host timers.
 */
export * from './embedded';
export * from './etcd';
export * from './endpoints';
export * from './open';
export * from './service';
export * from './node-driver';
export * from './leader-writer';
export { etcdError, withDeadline } from './etcd-errors';
