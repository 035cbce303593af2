/**
 * Answer a lease `request` body addressed to the store node with any `LeaseStore`
 * (main's SQLite service, or etcd from a node's runtime): the driver-side twin of the
 * store node core in `core.ts`.
 */
import { answerLeaseRequest } from './protocol';
import { parseLeaseBody, type LeaseBody } from './messages';
import type { CallOptions, LeaseStore } from './store';

/**
 * The reply body for a body `from` sent to the store, or null if the body is not a lease
 * request (drop it). A node may only acquire in its own name. Never rejects.
 */
export async function answerLeaseBody(store: LeaseStore, from: string, body: unknown, opts: CallOptions): Promise<LeaseBody | null> {
  const b = parseLeaseBody(body);
  if (b?.lease !== 'request') return null;
  const req = b.request;
  if (req.op === 'acquire' && req.holder !== from) {
    return { lease: 'reply', reply: { op: req.op, reqId: req.reqId, error: { code: 'invalid-argument', message: `${from} cannot acquire for ${req.holder}` } } };
  }
  return { lease: 'reply', reply: await answerLeaseRequest(store, req, opts) };
}
