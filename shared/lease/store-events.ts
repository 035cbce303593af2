/**
 * Turn what a store tells its watchers into the store-view events the checks read
 * (recorded by the node that observes the store: the embedded service or the etcd watcher).
 */
import type { LeaseEventDraft, LeaseErrorData, LeaseStoreData } from './records';
import type { LeaseChange } from './store';

/** The event to record for one `LeaseChange`. */
export function storeChangeEvent(change: LeaseChange): LeaseEventDraft<LeaseStoreData | LeaseErrorData> {
  switch (change.kind) {
    case 'acquired': {
      const l = change.lease;
      return {
        kind: 'state',
        label: `store: ${l.holder} holds ${l.key} (token ${l.token})`,
        data: { lease: 'store', key: l.key, change: 'acquired', holder: l.holder, token: l.token, leaseId: l.leaseId },
      };
    }
    case 'ended':
      return {
        kind: 'state',
        label: `store: ${change.key} ${change.reason}${change.holder ? ` (was ${change.holder})` : ''}`,
        data: {
          lease: 'store',
          key: change.key,
          change: 'ended',
          holder: change.holder,
          token: change.token,
          leaseId: change.leaseId,
          reason: change.reason,
        },
      };
    case 'error':
      return {
        kind: 'local',
        label: `store watch failed: ${change.error.code}`,
        data: { lease: 'error', op: 'watch', code: change.error.code, message: change.error.message },
      };
  }
}
