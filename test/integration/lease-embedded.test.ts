import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openEmbeddedLeaseStore, type EmbeddedLeaseStore } from '../../main/lease/embedded';
import { answerLeaseBody, answerLeaseRequest, type LeaseChange } from '../../shared/lease';

const opts = { timeoutMs: 1000 };
const dirs: string[] = [];
const stores: EmbeddedLeaseStore[] = [];

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coordlab-lease-'));
  dirs.push(dir);
  return join(dir, 'lab.db');
}
function open(file: string, clock?: { now: number }): EmbeddedLeaseStore {
  const s = openEmbeddedLeaseStore(clock ? { file, nowMs: () => clock.now, autoSweep: false } : { file });
  stores.push(s);
  return s;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('embedded lease store on a real SQLite file', () => {
  it('acquire, a second holder is refused, renew, release, then the other acquires with a larger token', async () => {
    const clock = { now: 1_000 };
    const s = open(tempDb(), clock);
    const a = await s.acquire({ key: 'leader', holder: 'n1', ttlMs: 500 }, opts);
    if (!a.ok) throw new Error('n1 should get the free key');
    expect(await s.acquire({ key: 'leader', holder: 'n2', ttlMs: 500 }, opts)).toEqual({ ok: false, current: a.lease });
    clock.now += 400;
    expect(await s.keepAlive(a.lease, opts)).toEqual({ ok: true, ttlMs: 500 });
    clock.now += 400; // 800 ms after the grant, 400 after the renewal: still held
    expect(await s.get('leader', opts)).toEqual(a.lease);
    expect(await s.release(a.lease, opts)).toBe(true);
    expect(await s.release(a.lease, opts)).toBe(false);
    const b = await s.acquire({ key: 'leader', holder: 'n2', ttlMs: 500 }, opts);
    expect(b.ok && b.lease.token).toBeGreaterThan(a.lease.token);
  });

  it('expires on the store clock; the sweep tells watchers', async () => {
    const clock = { now: 0 };
    const s = open(tempDb(), clock);
    const seen: LeaseChange[] = [];
    await s.watch('leader', (c) => seen.push(c), opts);
    const a = await s.acquire({ key: 'leader', holder: 'n1', ttlMs: 300 }, opts);
    clock.now = 299;
    expect(s.sweep()).toEqual([]);
    clock.now = 300;
    expect(s.sweep()).toHaveLength(1);
    expect(seen.map((c) => c.kind === 'ended' ? `ended:${c.reason}` : c.kind)).toEqual(['acquired', 'ended:expired']);
    expect(await s.keepAlive(a.ok ? a.lease : { key: 'leader', leaseId: 'x' }, opts)).toEqual({ ok: false });
  });

  it('expires on real time with the timer sweep (poll with a deadline)', async () => {
    const s = open(tempDb());
    const ended = new Promise<LeaseChange>((resolve) => void s.watch('leader', (c) => c.kind === 'ended' && resolve(c), opts));
    await s.acquire({ key: 'leader', holder: 'n1', ttlMs: 150 }, opts);
    const change = await Promise.race([ended, new Promise<null>((r) => setTimeout(() => r(null), 3 * 150 + 500))]);
    expect(change).toMatchObject({ kind: 'ended', reason: 'expired', holder: 'n1' });
  });

  it('keeps revisions across a reopen, so tokens keep increasing', async () => {
    const file = tempDb();
    const s1 = open(file);
    const a = await s1.acquire({ key: 'leader', holder: 'n1', ttlMs: 60_000 }, opts);
    await s1.close();
    const s2 = open(file);
    expect(await s2.get('leader', opts)).toEqual(a.ok ? a.lease : null);
    const other = await s2.acquire({ key: 'other', holder: 'n2', ttlMs: 60_000 }, opts);
    expect(a.ok && other.ok && other.lease.token > a.lease.token).toBe(true);
  });

  it('serializes concurrent callers: exactly one of many wins; tokens are unique', async () => {
    const file = tempDb();
    const s = open(file);
    const s2 = open(file); // a second connection to the same file
    const tries = Array.from({ length: 20 }, (_, i) => (i % 2 ? s : s2).acquire({ key: 'leader', holder: `n${i}`, ttlMs: 60_000 }, opts));
    const results = await Promise.all(tries);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM lease_keys').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses TTL ≤ 0 and calls without a deadline with clear errors; a closed store says so', async () => {
    const s = open(tempDb());
    await expect(s.acquire({ key: 'leader', holder: 'n1', ttlMs: 0 }, opts)).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/TTL must be a positive/) });
    await expect(s.acquire({ key: 'leader', holder: 'n1', ttlMs: 100 }, { timeoutMs: 0 })).rejects.toMatchObject({ code: 'invalid-argument' });
    const reply = await answerLeaseRequest(s, { op: 'acquire', reqId: 9, key: 'leader', holder: 'n1', ttlMs: -1 }, opts);
    expect(reply).toMatchObject({ op: 'acquire', reqId: 9, error: { code: 'invalid-argument' } });
    await s.close();
    await expect(s.get('leader', opts)).rejects.toMatchObject({ code: 'closed' });
  });

  it('an unopenable file is a clear error', () => {
    expect(() => openEmbeddedLeaseStore({ file: '/nonexistent-dir/x/lab.db' })).toThrow(/cannot open \/nonexistent-dir/);
  });

  it('shares a run database file with other tables', async () => {
    const file = tempDb();
    const db = new Database(file);
    db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, node TEXT)');
    db.prepare('INSERT INTO events (node) VALUES (?)').run('n1');
    const s = open(file);
    expect((await s.acquire({ key: 'leader', holder: 'n1', ttlMs: 1000 }, opts)).ok).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    db.close();
  });
});

describe('embedded store answering lease bodies from the lab network', () => {
  it('answers a request body, refuses acquiring in another name, drops junk', async () => {
    const s = open(tempDb());
    const req = { lease: 'request', request: { op: 'acquire', reqId: 4, key: 'leader', holder: 'n1', ttlMs: 500 } };
    expect(await answerLeaseBody(s, 'n1', req, opts)).toMatchObject({ lease: 'reply', reply: { op: 'acquire', reqId: 4, acquire: { ok: true, lease: { holder: 'n1' } } } });
    expect(await answerLeaseBody(s, 'n2', req, opts)).toMatchObject({ reply: { error: { code: 'invalid-argument', message: 'n2 cannot acquire for n1' } } });
    expect(await answerLeaseBody(s, 'n1', { lease: 'write', write: {} }, opts)).toBeNull();
  });
});
