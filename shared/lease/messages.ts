/**
 * The lease scenario's message bodies on the lab network, and their validation
 * (a body from the wire is untrusted).
 */
import type { LeaseReply, LeaseRequest } from './protocol';
import type { ResourceWrite } from './resource';

/** A message body of the lease scenario. */
export type LeaseBody =
  | { lease: 'request'; request: LeaseRequest }
  | { lease: 'reply'; reply: LeaseReply }
  | { lease: 'write'; write: ResourceWrite };

const OPS = new Set(['acquire', 'keepAlive', 'release', 'get']);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Check a body from the wire; null if it is not a well-formed lease message. */
export function parseLeaseBody(body: unknown): LeaseBody | null {
  if (!isObj(body)) return null;
  if (body.lease === 'request') {
    const r = body.request;
    if (!isObj(r) || !OPS.has(r.op as string) || typeof r.reqId !== 'number' || typeof r.key !== 'string') return null;
    if (r.op === 'acquire' && (typeof r.holder !== 'string' || typeof r.ttlMs !== 'number')) return null;
    if ((r.op === 'keepAlive' || r.op === 'release') && typeof r.leaseId !== 'string') return null;
    return { lease: 'request', request: r as unknown as LeaseRequest };
  }
  if (body.lease === 'reply') {
    const r = body.reply;
    if (!isObj(r) || !OPS.has(r.op as string) || typeof r.reqId !== 'number') return null;
    const shaped = 'error' in r || 'acquire' in r || 'keepAlive' in r || 'released' in r || 'current' in r;
    return shaped ? { lease: 'reply', reply: r as unknown as LeaseReply } : null;
  }
  if (body.lease === 'write') {
    const w = body.write;
    if (!isObj(w) || typeof w.from !== 'string' || typeof w.token !== 'number' || typeof w.value !== 'string') return null;
    return { lease: 'write', write: { from: w.from, token: w.token, value: w.value } };
  }
  return null;
}

/** A one-line description of a body, for send/receive labels. */
export function describeLeaseBody(b: LeaseBody): string {
  switch (b.lease) {
    case 'request':
      return b.request.op === 'acquire' ? `acquire ${b.request.key} (ttl ${b.request.ttlMs} ms)` : `${b.request.op} ${b.request.key}`;
    case 'reply': {
      const r = b.reply;
      if ('error' in r) return `${r.op} failed: ${r.error.code}`;
      if ('acquire' in r) return r.acquire.ok ? `granted (token ${r.acquire.lease.token})` : `busy (${r.acquire.current?.holder ?? '?'})`;
      if ('keepAlive' in r) return r.keepAlive.ok ? 'renewed' : 'lease gone';
      if ('released' in r) return r.released ? 'released' : 'nothing to release';
      return `holder ${r.current?.holder ?? 'none'}`;
    }
    case 'write':
      return `write ${b.write.value} (token ${b.write.token})`;
  }
}
