/**
 * Lease stores and the real-time drivers of the lease scenario (issue 8).
 *
 * Wiring a run (the node runtime does the I/O; everything else is here or in
 * `shared/lease`):
 *
 * 1. main: `store = openLeaseStore({ store: 'embedded', file: runDb })` or
 *    `{ store: 'etcd', endpoints }`; `service = await startLeaseService(store, { key, timeoutMs, record })`
 *    records the store's view (node `store`). With the embedded store, lease requests
 *    arriving over the lab network go to `service.handle(req)` and its reply goes back
 *    over the network.
 * 2. each node: `client = createLeaseClient({ node, key, ttlMs })`;
 *    `lease = startLeaseNode({ client, nowMs: nodeClock, send, record })` where `send`
 *    puts the request on the lab network (embedded) or is
 *    `directTransport(openEtcdLeaseStore(...), timeoutMs, lease.deliver)` (etcd); replies
 *    from the network go to `lease.deliver(reply)`;
 *    `startLeaderWriter({ node, client, everyMs, workMs, write })` sends writes to the
 *    storage node.
 * 3. storage node: `resource = createStorageResource({ fencing })`; on each write,
 *    `resource.write(w)` then record `resource.takeEvents()`.
 * 4. checks: `analyzeLease(events)` → `leaseSummary` for `analyze --json` `lease`,
 *    `leaseViolations` for `check` (shared/checks/lease.ts).
 */
export * from './embedded';
export * from './etcd';
export * from './endpoints';
export * from './open';
export * from './service';
export * from './node-driver';
export * from './leader-writer';
export { etcdError, withDeadline } from './etcd-errors';
