import { describe, expect, it } from 'vitest';
import { createLeaseClient, type LeaseRequest, type LeaseReply } from '../../../shared/lease';

const grant = (req: LeaseRequest, token = 7, ttlMs = 900): LeaseReply => ({
  op: 'acquire',
  reqId: req.reqId,
  acquire: { ok: true, lease: { key: 'leader', holder: 'n1', leaseId: 'L1', token, ttlMs } },
});

function started(ttlMs = 900) {
  const c = createLeaseClient({ node: 'n1', key: 'leader', ttlMs });
  c.tick(1000);
  const [req] = c.takeReady().requests;
  return { c, req };
}

describe('lease client machine', () => {
  it('starts as a candidate and asks to acquire on its first tick', () => {
    const { c, req } = started();
    expect(req).toEqual({ op: 'acquire', reqId: 1, key: 'leader', holder: 'n1', ttlMs: 900 });
    expect(c.view().role).toBe('candidate');
  });

  it('leads after a grant, believing until send time + TTL on its own clock', () => {
    const { c, req } = started();
    c.step(grant(req), 1040);
    expect(c.view()).toMatchObject({ role: 'leader', token: 7, believedUntilMs: 1900 });
    expect(c.leaderToken()).toBe(7);
    expect(c.takeReady().events).toEqual([
      { kind: 'state', label: 'leader (acquired)', data: { lease: 'state', key: 'leader', role: 'leader', token: 7, believedUntilMs: 1900, reason: 'acquired' } },
    ]);
  });

  it('renews every TTL/3 and extends its belief from the renewal send time', () => {
    const { c, req } = started();
    c.step(grant(req), 1010);
    c.takeReady();
    c.tick(1299);
    expect(c.takeReady().requests).toEqual([]);
    c.tick(1300);
    const [ka] = c.takeReady().requests;
    expect(ka).toEqual({ op: 'keepAlive', reqId: 2, key: 'leader', leaseId: 'L1' });
    c.step({ op: 'keepAlive', reqId: ka.reqId, keepAlive: { ok: true, ttlMs: 900 } }, 1320);
    expect(c.view().believedUntilMs).toBe(2200);
    expect(c.takeReady().events[0].data).toMatchObject({ role: 'leader', reason: 'renewed', believedUntilMs: 2200 });
  });

  it('steps down when its own clock passes the belief, even with no reply at all', () => {
    const { c, req } = started();
    c.step(grant(req), 1010);
    for (let t = 1010; t < 1900; t += 10) c.tick(t);
    expect(c.view().role).toBe('leader');
    c.tick(1900);
    expect(c.view()).toMatchObject({ role: 'candidate', token: null, believedUntilMs: null });
    const ready = c.takeReady();
    expect(ready.events.some((e) => e.kind === 'local' && e.data.lease === 'error' && e.data.code === 'deadline')).toBe(true);
    expect(ready.events.filter((e) => e.kind === 'state').at(-1)?.data).toMatchObject({ role: 'candidate', reason: 'expired-locally' });
    expect(ready.requests.at(-1)).toMatchObject({ op: 'acquire' });
  });

  it('a paused node (no ticks) keeps its belief: the hazard', () => {
    const { c, req } = started();
    c.step(grant(req), 1010);
    // paused from 1010 to 5000 on its own clock: nothing runs, so it still believes
    expect(c.leaderToken()).toBe(7);
    c.tick(5000);
    expect(c.leaderToken()).toBeNull();
  });

  it('a lost lease on keep-alive means candidate at once', () => {
    const { c, req } = started();
    c.step(grant(req), 1010);
    c.tick(1300);
    const [ka] = c.takeReady().requests;
    c.step({ op: 'keepAlive', reqId: ka.reqId, keepAlive: { ok: false } }, 1310);
    expect(c.view().role).toBe('candidate');
    c.tick(1310);
    expect(c.takeReady().requests).toMatchObject([{ op: 'acquire' }]);
  });

  it('becomes follower when busy, retrying every TTL/3; store errors are recorded', () => {
    const { c, req } = started();
    c.step({ op: 'acquire', reqId: req.reqId, acquire: { ok: false, current: { key: 'leader', holder: 'n2', leaseId: 'L3', token: 3, ttlMs: 900 } } }, 1010);
    expect(c.view()).toMatchObject({ role: 'follower', knownHolder: 'n2' });
    c.tick(1299);
    expect(c.takeReady().requests).toEqual([]);
    c.tick(1300);
    const [again] = c.takeReady().requests;
    c.step({ op: 'acquire', reqId: again.reqId, error: { code: 'unavailable', message: 'etcd down' } }, 1320);
    expect(c.takeReady().events).toEqual([
      { kind: 'local', label: 'lease acquire failed: unavailable', data: { lease: 'error', op: 'acquire', code: 'unavailable', message: 'etcd down' } },
    ]);
    expect(c.view().role).toBe('follower');
  });

  it('takes a late grant only while it is still valid, and releases a useless one', () => {
    const a = started();
    a.c.tick(1300); // request timed out; a new acquire went out
    a.c.takeReady();
    a.c.step(grant(a.req), 1400);
    expect(a.c.view()).toMatchObject({ role: 'leader', believedUntilMs: 1900 });

    const b = started();
    b.c.tick(1300);
    b.c.takeReady();
    b.c.step(grant(b.req), 2000);
    expect(b.c.view().role).toBe('candidate');
    expect(b.c.takeReady().requests).toEqual([{ op: 'release', reqId: 3, key: 'leader', leaseId: 'L1' }]);
  });

  it('resign releases and stops competing', () => {
    const { c, req } = started();
    c.step(grant(req), 1010);
    c.takeReady();
    c.resign();
    expect(c.takeReady().requests).toMatchObject([{ op: 'release', leaseId: 'L1' }]);
    c.tick(99_999);
    expect(c.takeReady().requests).toEqual([]);
  });

  it('after resigning, a late grant is released, not taken', () => {
    const { c, req } = started();
    c.resign();
    c.step(grant(req), 1010);
    expect(c.view().role).toBe('candidate');
    expect(c.takeReady().requests).toEqual([{ op: 'release', reqId: 2, key: 'leader', leaseId: 'L1' }]);
  });

  it('refuses a TTL of 0 or less with a clear error', () => {
    expect(() => createLeaseClient({ node: 'n1', key: 'leader', ttlMs: 0 })).toThrow(/TTL must be a positive number of milliseconds, got 0/);
    expect(() => createLeaseClient({ node: 'n1', key: 'leader', ttlMs: -1 })).toThrow(/TTL/);
    expect(() => createLeaseClient({ node: 'n1', key: 'leader', ttlMs: 900, renewEveryMs: 0 })).toThrow(/renewEveryMs must be a positive/);
    expect(() => createLeaseClient({ node: '', key: 'leader', ttlMs: 900 })).toThrow(/holder must be a non-empty/);
  });
});
