/**
 * The lease store as a lab service: answers requests that reach it through the lab
 * network (each with a deadline), and records the store's view of the scenario key
 * (acquired / ended, and a lost watch) as events, for the checks.
 */
import {
  answerLeaseRequest,
  storeChangeEvent,
  type LeaseEventDraft,
  type LeaseReply,
  type LeaseRequest,
  type LeaseStore,
  type LeaseWatch,
} from '../../shared/lease';

/** A running lease service. */
export interface LeaseService {
  readonly store: LeaseStore;
  /** Answer one request; never rejects (failures are error replies). */
  handle(req: LeaseRequest): Promise<LeaseReply>;
  /** Stop watching (the store stays open: the caller owns it). */
  stop(): Promise<void>;
}

/**
 * Serve `store` and record its view of `key` through `record` (recorded by the store's
 * node, e.g. `store`).
 */
export async function startLeaseService(
  store: LeaseStore,
  opts: { key: string; timeoutMs: number; record: (ev: LeaseEventDraft) => void },
): Promise<LeaseService> {
  const watch: LeaseWatch = await store.watch(opts.key, (change) => opts.record(storeChangeEvent(change)), { timeoutMs: opts.timeoutMs });
  return {
    store,
    handle: (req) => answerLeaseRequest(store, req, { timeoutMs: opts.timeoutMs }),
    stop: () => watch.cancel(),
  };
}
