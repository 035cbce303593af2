import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EmbeddedStoreMachine, LeaseStoreError, acquireStep, emptyCounters, type LeaseReply } from '../../../shared/lease';

const acq = (m: EmbeddedStoreMachine, holder: string, nowMs: number, ttlMs = 1000, reqId = 1): LeaseReply =>
  m.apply({ op: 'acquire', reqId, key: 'k', holder, ttlMs }, nowMs).reply;

describe('embedded store machine', () => {
  it('grants a free key once (CAS), and names the holder to the loser', () => {
    const m = new EmbeddedStoreMachine();
    const a = acq(m, 'n1', 0);
    const b = acq(m, 'n2', 10);
    expect(a).toMatchObject({ op: 'acquire', acquire: { ok: true, lease: { holder: 'n1', token: 1, ttlMs: 1000 } } });
    expect(b).toMatchObject({ op: 'acquire', acquire: { ok: false, current: { holder: 'n1', token: 1 } } });
  });

  it('expires a lease on its injected time, not before', () => {
    const m = new EmbeddedStoreMachine();
    acq(m, 'n1', 0);
    expect(acq(m, 'n2', 999)).toMatchObject({ acquire: { ok: false } });
    const late = acq(m, 'n2', 1000);
    expect(late).toMatchObject({ acquire: { ok: true, lease: { holder: 'n2' } } });
    // expiry deleted the key (revision 2), the new key was created at revision 3
    expect(late).toMatchObject({ acquire: { lease: { token: 3 } } });
  });

  it('keep-alive pushes the expiry out; a wrong or expired lease is refused', () => {
    const m = new EmbeddedStoreMachine();
    const r = acq(m, 'n1', 0);
    if (!('acquire' in r) || !r.acquire.ok) throw new Error('expected a grant');
    const leaseId = r.acquire.lease.leaseId;
    expect(m.apply({ op: 'keepAlive', reqId: 2, key: 'k', leaseId }, 900).reply).toMatchObject({ keepAlive: { ok: true, ttlMs: 1000 } });
    expect(acq(m, 'n2', 1500)).toMatchObject({ acquire: { ok: false } });
    expect(m.apply({ op: 'keepAlive', reqId: 3, key: 'k', leaseId: 'L99' }, 1600).reply).toMatchObject({ keepAlive: { ok: false } });
    expect(m.apply({ op: 'keepAlive', reqId: 4, key: 'k', leaseId }, 1900).reply).toMatchObject({ keepAlive: { ok: false } });
  });

  it('release frees the key at once and reports ended/released to watchers', () => {
    const m = new EmbeddedStoreMachine();
    const r = acq(m, 'n1', 0);
    if (!('acquire' in r) || !r.acquire.ok) throw new Error('expected a grant');
    const out = m.apply({ op: 'release', reqId: 2, key: 'k', leaseId: r.acquire.lease.leaseId }, 10);
    expect(out.reply).toMatchObject({ released: true });
    expect(out.changes).toEqual([{ kind: 'ended', key: 'k', holder: 'n1', token: 1, leaseId: 'L1', reason: 'released' }]);
    expect(acq(m, 'n2', 20)).toMatchObject({ acquire: { ok: true, lease: { token: 3 } } });
  });

  it('refuses TTL ≤ 0 with a clear error (reply, and thrown by the step)', () => {
    const m = new EmbeddedStoreMachine();
    expect(acq(m, 'n1', 0, 0)).toMatchObject({ error: { code: 'invalid-argument', message: expect.stringMatching(/TTL must be a positive/) } });
    expect(acq(m, 'n1', 0, -5)).toMatchObject({ error: { code: 'invalid-argument' } });
    expect(() => acquireStep(emptyCounters(), null, { key: 'k', holder: 'n1', ttlMs: 0 }, 0)).toThrow(LeaseStoreError);
    expect(m.revision()).toBe(0);
  });

  it('expireDue sweeps run-out leases and tells when the next one runs out', () => {
    const m = new EmbeddedStoreMachine();
    acq(m, 'n1', 0, 500);
    m.apply({ op: 'acquire', reqId: 2, key: 'other', holder: 'n2', ttlMs: 300 }, 0);
    expect(m.nextExpiryMs()).toBe(300);
    expect(m.expireDue(299)).toEqual([]);
    expect(m.expireDue(300)).toMatchObject([{ kind: 'ended', key: 'other', reason: 'expired' }]);
    expect(m.nextExpiryMs()).toBe(500);
  });

  it('property: one holder at a time, tokens strictly increase, grants only when the key is free', () => {
    const op = fc.record({
      kind: fc.constantFrom('acquire', 'keepAlive', 'release', 'get'),
      node: fc.constantFrom('n1', 'n2', 'n3'),
      dtMs: fc.integer({ min: 0, max: 400 }),
      ttlMs: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const m = new EmbeddedStoreMachine();
        // Oracle: the dumb model of who holds the key until when.
        let holder: { node: string; leaseId: string; untilMs: number; ttlMs: number } | null = null;
        let lastToken = 0;
        let now = 0;
        ops.forEach((o, i) => {
          now += o.dtMs;
          if (holder && holder.untilMs <= now) holder = null;
          const leaseId = holder && holder.node === o.node ? holder.leaseId : 'L0';
          const req =
            o.kind === 'acquire' ? { op: 'acquire' as const, reqId: i, key: 'k', holder: o.node, ttlMs: o.ttlMs }
            : o.kind === 'get' ? { op: 'get' as const, reqId: i, key: 'k' }
            : { op: o.kind, reqId: i, key: 'k', leaseId };
          const { reply } = m.apply(req, now);
          if ('acquire' in reply) {
            expect(reply.acquire.ok).toBe(holder === null);
            if (reply.acquire.ok) {
              expect(reply.acquire.lease.token).toBeGreaterThan(lastToken);
              lastToken = reply.acquire.lease.token;
              holder = { node: o.node, leaseId: reply.acquire.lease.leaseId, untilMs: now + o.ttlMs, ttlMs: o.ttlMs };
            }
          } else if ('keepAlive' in reply) {
            expect(reply.keepAlive.ok).toBe(holder !== null && holder.leaseId === leaseId);
            if (holder && reply.keepAlive.ok) holder.untilMs = now + holder.ttlMs;
          } else if ('released' in reply) {
            expect(reply.released).toBe(holder !== null && holder.leaseId === leaseId);
            if (reply.released) holder = null;
          } else if ('current' in reply) {
            expect(reply.current?.holder ?? null).toBe(holder?.node ?? null);
          }
        });
      }),
    );
  });
});
