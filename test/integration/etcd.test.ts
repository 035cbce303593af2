import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { startEtcd, pollUntil, type EtcdCluster } from '../helpers/etcd';
import { openEtcdLeaseStore, type EtcdLeaseStore } from '../../main/lease/etcd';
import { parseEtcdEndpoints } from '../../main/lease/endpoints';
import { answerLeaseRequest, type AcquireResult, type LeaseChange, type LeaseGrant } from '../../shared/lease';

// Generous: the machine is shared and etcd fsyncs; the deadline tests below use short ones.
const opts = { timeoutMs: 5000 };
let etcd: EtcdCluster;
const stores: EtcdLeaseStore[] = [];
let keyNo = 0;
const freshKey = (): string => `k${++keyNo}-${Date.now()}`;

function store(endpoints = etcd.endpoints): EtcdLeaseStore {
  const s = openEtcdLeaseStore({ endpoints });
  stores.push(s);
  return s;
}
function granted(r: AcquireResult): LeaseGrant {
  if (!r.ok) throw new Error(`expected a grant, ${r.current?.holder ?? 'nobody'} holds the key`);
  return r.lease;
}

beforeAll(async () => {
  etcd = await startEtcd({ members: 1 });
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await etcd?.stop();
});

describe('etcd lease store (single member)', () => {
  it('acquires, renews, releases; a second client cannot acquire while the first holds', async () => {
    const a = store();
    const b = store();
    const key = freshKey();
    const lease = granted(await a.acquire({ key, holder: 'n1', ttlMs: 1000 }, opts));
    expect(lease).toMatchObject({ key, holder: 'n1', ttlMs: 1000 });
    expect(await b.acquire({ key, holder: 'n2', ttlMs: 1000 }, opts)).toEqual({ ok: false, current: lease });
    expect(await b.get(key, opts)).toEqual(lease);
    expect(await a.keepAlive(lease, opts)).toEqual({ ok: true, ttlMs: 1000 });
    expect(await a.release(lease, opts)).toBe(true);
    expect(await a.release(lease, opts)).toBe(false);
    expect(await b.get(key, opts)).toBeNull();
    expect(await a.keepAlive(lease, opts)).toEqual({ ok: false });
    const next = granted(await b.acquire({ key, holder: 'n2', ttlMs: 1000 }, opts));
    expect(next.token).toBeGreaterThan(lease.token);
    await b.release(next, opts);
  });

  it('tokens increase across acquisitions (of any key)', async () => {
    const s = store();
    const tokens: number[] = [];
    for (let i = 0; i < 5; i++) {
      const l = granted(await s.acquire({ key: freshKey(), holder: 'n1', ttlMs: 1000 }, opts));
      tokens.push(l.token);
      if (i % 2) await s.release(l, opts);
    }
    expect(tokens).toEqual([...tokens].sort((x, y) => x - y));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('a lease left unrenewed expires after its TTL and the other client acquires (deadline 3×TTL)', async () => {
    const a = store();
    const b = store();
    const key = freshKey();
    const seen: LeaseChange[] = [];
    const w = await b.watch(key, (c) => seen.push(c), opts);
    const t0 = Date.now();
    const first = granted(await a.acquire({ key, holder: 'n1', ttlMs: 1000 }, opts));
    const second = await pollUntil('n2 acquires after n1 stops renewing', 3 * 1000, async () => {
      const r = await b.acquire({ key, holder: 'n2', ttlMs: 1000 }, opts);
      return r.ok ? r.lease : null;
    }, () => etcd.members[0].log());
    const tookMs = Date.now() - t0;
    expect(tookMs).toBeGreaterThanOrEqual(900); // not before the TTL (allowing for clock granularity)
    expect(second.token).toBeGreaterThan(first.token);
    await pollUntil('the watch reports the expiry and the new holder', 2000, async () => (seen.length >= 3 ? true : null), () => JSON.stringify(seen));
    expect(seen.map((c) => (c.kind === 'ended' ? `ended:${c.holder}` : c.kind === 'acquired' ? `acquired:${c.lease.holder}` : 'error'))).toEqual([
      'acquired:n1', 'ended:n1', 'acquired:n2',
    ]);
    await w.cancel();
    await b.release(second, opts);
  });

  it('keep-alive holds the key past its TTL', async () => {
    const a = store();
    const b = store();
    const key = freshKey();
    const lease = granted(await a.acquire({ key, holder: 'n1', ttlMs: 1000 }, opts));
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      expect(await a.keepAlive(lease, opts)).toEqual({ ok: true, ttlMs: 1000 });
      expect((await b.acquire({ key, holder: 'n2', ttlMs: 1000 }, opts)).ok).toBe(false);
      await new Promise((r) => setTimeout(r, 300)); // the renew period (TTL/3), not a synchronization
    }
    await a.release(lease, opts);
  });

  it('rounds a sub-second TTL up to etcd\'s whole seconds and says so', async () => {
    const s = store();
    const lease = granted(await s.acquire({ key: freshKey(), holder: 'n1', ttlMs: 300 }, opts));
    expect(lease.ttlMs).toBe(1000);
    await s.release(lease, opts);
  });

  it('refuses TTL 0 or less, and a call without a deadline, with clear errors', async () => {
    const s = store();
    await expect(s.acquire({ key: freshKey(), holder: 'n1', ttlMs: 0 }, opts)).rejects.toMatchObject({
      code: 'invalid-argument', message: 'lease TTL must be a positive number of milliseconds, got 0 ms',
    });
    await expect(s.acquire({ key: freshKey(), holder: 'n1', ttlMs: -1000 }, opts)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(s.get('x', { timeoutMs: 0 })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await answerLeaseRequest(s, { op: 'acquire', reqId: 1, key: 'x', holder: 'n1', ttlMs: 0 }, opts)).toMatchObject({ error: { code: 'invalid-argument' } });
  });

  it('rejects malformed endpoints at once', () => {
    expect(() => parseEtcdEndpoints('127.0.0.1:2379')).toThrow(/bad etcd endpoint "127.0.0.1:2379"/);
    expect(() => parseEtcdEndpoints('ftp://h:1')).toThrow(/scheme must be http or https/);
    expect(() => parseEtcdEndpoints(' , ')).toThrow(/no etcd endpoints/);
    expect(() => openEtcdLeaseStore({ endpoints: 'http://localhost' })).toThrow(/give a host and a port/);
    expect(parseEtcdEndpoints('http://a:1, https://b:2')).toEqual(['http://a:1', 'https://b:2']);
  });
});

describe('etcd lease store, unreachable', () => {
  let blackhole: Server;
  const sockets = new Set<Socket>();
  let blackholeUrl = '';
  let closedUrl = '';
  beforeAll(async () => {
    // A port nobody listens on, and a server that accepts TCP and never answers.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise((r) => probe.close(r));
    blackhole = createServer((sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
    blackholeUrl = `http://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const sock of sockets) sock.destroy();
    await new Promise((r) => blackhole.close(r));
  });

  for (const which of ['closed port', 'silent server'] as const) {
    it(`${which}: every call fails clearly within its deadline`, async () => {
      const s = store([which === 'closed port' ? closedUrl : blackholeUrl]);
      const calls = [
        () => s.acquire({ key: 'k', holder: 'n1', ttlMs: 1000 }, { timeoutMs: 700 }),
        () => s.keepAlive({ key: 'k', leaseId: '1' }, { timeoutMs: 700 }),
        () => s.get('k', { timeoutMs: 700 }),
        () => s.watch('k', () => undefined, { timeoutMs: 700 }),
      ];
      for (const call of calls) {
        const t0 = Date.now();
        const err = await call().then(() => null, (e: unknown) => e);
        const tookMs = Date.now() - t0;
        expect(err).toMatchObject({ name: 'LeaseStoreError', code: expect.stringMatching(/^(deadline|unavailable)$/) });
        expect((err as Error).message).toMatch(/127\.0\.0\.1/);
        expect(tookMs).toBeLessThan(700 + 1000); // at its deadline, not hanging (slack for a loaded 2-core machine)
      }
    });
  }
});
