/**
 * Scenario `lease`: lease-based leader election with fencing tokens (shared/lease's
 * node cores). Name two of the nodes `store` (the embedded store machine) and
 * `storage` (the fenced resource), e.g. `--nodes n1,n2,n3,store,storage`; every other
 * node is a lease client whose leader writes to the storage on a timer.
 * Options: see `leaseScenarioOptions` (ttlMs, fencing, writeEveryMs, workMs, tickMs…).
 */
import { createLeaseCore, leaseScenarioOptions } from '../lease';
import type { ScenarioDef } from './types';

/** The `lease` scenario. */
export const leaseScenario: ScenarioDef = {
  name: 'lease',
  description: 'lease election over a TTL/CAS store with fencing tokens (nodes named store and storage play those roles)',
  tickMs: (options) => leaseScenarioOptions(options).tickMs,
  create: (init) => createLeaseCore(init),
};
