/** Open the lease store a run asks for (`--store embedded|etcd --etcd URL[,URL]`). */
import type { LeaseStore } from '../../shared/lease';
import { openEmbeddedLeaseStore } from './embedded';
import { openEtcdLeaseStore } from './etcd';

/** Which store, and where. */
export type LeaseStoreConfig =
  | { store: 'embedded'; /** SQLite file: the run database or a file of its own. */ file: string }
  | { store: 'etcd'; /** `http://host:2379,…` or a list. */ endpoints: string | string[]; prefix?: string };

/**
 * Open the configured lease store.
 * @throws LeaseStoreError `invalid-argument` (bad endpoints) or `unavailable` (bad file)
 */
export function openLeaseStore(cfg: LeaseStoreConfig): LeaseStore {
  return cfg.store === 'embedded'
    ? openEmbeddedLeaseStore({ file: cfg.file })
    : openEtcdLeaseStore({ endpoints: cfg.endpoints, prefix: cfg.prefix });
}
