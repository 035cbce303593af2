/**
 * Lease-store calls as messages, so a node can reach the store through the lab network
 * (where they can be delayed, lost or partitioned like any other message), and
 * `answerLeaseRequest` to turn a request into a reply against any `LeaseStore`.
 */
import { LeaseStoreError, toLeaseStoreError, type LeaseErrorCode } from './errors';
import type { AcquireResult, CallOptions, KeepAliveResult, LeaseGrant, LeaseStore } from './store';

/** A call to the lease store, as a message. `reqId` is unique per sending node. */
export type LeaseRequest =
  | { op: 'acquire'; reqId: number; key: string; holder: string; ttlMs: number }
  | { op: 'keepAlive'; reqId: number; key: string; leaseId: string }
  | { op: 'release'; reqId: number; key: string; leaseId: string }
  | { op: 'get'; reqId: number; key: string };

/** The store's answer to a `LeaseRequest` (same `reqId` and `op`). */
export type LeaseReply =
  | { op: 'acquire'; reqId: number; acquire: AcquireResult }
  | { op: 'keepAlive'; reqId: number; keepAlive: KeepAliveResult }
  | { op: 'release'; reqId: number; released: boolean }
  | { op: 'get'; reqId: number; current: LeaseGrant | null }
  | { op: LeaseRequest['op']; reqId: number; error: { code: LeaseErrorCode; message: string } };

/** Narrow a reply to the error case. */
export function isLeaseErrorReply(
  reply: LeaseReply,
): reply is Extract<LeaseReply, { error: unknown }> {
  return 'error' in reply;
}

/**
 * Run one request against a store and always resolve with a reply: store failures
 * (deadline, unreachable, bad TTL…) become error replies, never rejections.
 */
export async function answerLeaseRequest(
  store: LeaseStore,
  req: LeaseRequest,
  opts: CallOptions,
): Promise<LeaseReply> {
  try {
    switch (req.op) {
      case 'acquire':
        return { op: 'acquire', reqId: req.reqId, acquire: await store.acquire(req, opts) };
      case 'keepAlive':
        return { op: 'keepAlive', reqId: req.reqId, keepAlive: await store.keepAlive(req, opts) };
      case 'release':
        return { op: 'release', reqId: req.reqId, released: await store.release(req, opts) };
      case 'get':
        return { op: 'get', reqId: req.reqId, current: await store.get(req.key, opts) };
      default:
        throw new LeaseStoreError('invalid-argument', `unknown lease request op ${JSON.stringify((req as { op: unknown }).op)}`);
    }
  } catch (err) {
    const e = toLeaseStoreError(err);
    return { op: req.op, reqId: req.reqId, error: { code: e.code, message: e.message } };
  }
}
