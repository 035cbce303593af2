/**
 * `coordlab check <run>` through the real binary: a recorded Raft run on real
 * processes (leader crashed and restarted) is clean; runs with injected violations
 * (two leaders in one term, a double vote, a falling term, a lease store granting a
 * key twice) exit 1 naming the term, nodes and event ids; bad input exits 2.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../shared/events';
import { Store } from '../../main/store';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 'lab.db');
});
afterEach(() => t.cleanup());

/** A minimal event of `node` (seq counted per node by the caller). */
function ev(node: string, seq: number, kind: string, data: Record<string, unknown>, atMs: number): NewEvent {
  return { node, seq, kind, wall_ms: atMs, mono_ns: String(atMs * 1e6), ref_ms: atMs, lamport: seq, vclock: { [node]: seq }, msg: null, peer: null, label: null, data };
}

/** Writes a run with `events` into the test database; returns its id and the stored ids. */
function recordRun(scenario: string, events: NewEvent[]): { run: string; ids: number[] } {
  const store = new Store(db);
  try {
    const nodes = [...new Set(events.map((e) => e.node))];
    const { run } = store.createRun({ scenario, nodes });
    const stored = store.appendEvents(run, events);
    store.finishRun(run, 'done');
    return { run, ids: stored.map((e) => e.id) };
  } finally {
    store.close();
  }
}

const state = (term: number, role: string, leader: string | null, prevRole = 'follower') => ({ term, role, leader, prevRole, prevTerm: term, reason: 'test' });

describe('coordlab check', () => {
  it('a real raft run (5 processes, leader crashed at 1 s and restarted) passes every check, exit 0', () => {
    const r = cli(['run', 'raft', '--nodes', '5', '--duration', '3s', '--crash', 'leader@1s', '--restart', 'leader@2s', '--seed', '5', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const { run } = JSON.parse(r.stdout) as { run: string };
    const c = cli(['check', run, '--db', db]);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(c.stdout.trim()).toBe('ok: 3 checks passed (raft/election-safety, raft/one-vote-per-term, raft/monotonic-terms)');
    // The run really had an election after the crash: at least two terms with a leader.
    const store = new Store(db, { readonly: true });
    const leaderTerms = new Set(store.allEvents(run).filter((e) => e.kind === 'state' && e.data?.role === 'leader').map((e) => e.data!.term));
    store.close();
    expect(leaderTerms.size).toBeGreaterThanOrEqual(2);
  });

  it('two leaders in one term, a double vote and a falling term: exit 1, each named with its events', () => {
    const { run, ids } = recordRun('raft', [
      ev('n1', 1, 'state', state(3, 'leader', 'n1', 'candidate'), 1000),
      ev('n2', 1, 'local', { event: 'vote', term: 3, candidate: 'n2', granted: true, preVote: false }, 1001),
      ev('n2', 2, 'local', { event: 'vote', term: 3, candidate: 'n3', granted: true, preVote: false }, 1002),
      ev('n3', 1, 'state', state(3, 'leader', 'n3', 'candidate'), 1003),
      ev('n3', 2, 'state', state(2, 'follower', 'n1'), 1004),
    ]);
    const c = cli(['check', run, '--db', db]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`VIOLATION raft/election-safety: term 3 has 2 leaders: n1, n3 (events ${ids[0]}, ${ids[3]})`);
    expect(c.stdout).toContain(`VIOLATION raft/one-vote-per-term: n2 voted for n2 and n3 in term 3 (events ${ids[1]}, ${ids[2]})`);
    expect(c.stdout).toContain(`VIOLATION raft/monotonic-terms: n3's term went from 3 down to 2 (events ${ids[3]}, ${ids[4]})`);
    expect(c.stdout).toMatch(/3 violations in 3 of 3 checks/);
    const j = cli(['check', run, '--json', '--db', db]);
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout);
    expect(out.ok).toBe(false);
    expect(out.violations[0]).toEqual({ topic: 'raft', check: 'election-safety', message: 'term 3 has 2 leaders: n1, n3', events: [ids[0], ids[3]] });
  });

  it('one leader per term is clean even with many terms (no false alarm)', () => {
    const { run } = recordRun('raft', [
      ev('n1', 1, 'state', state(2, 'leader', 'n1', 'candidate'), 1000),
      ev('n2', 1, 'state', state(2, 'follower', 'n1'), 1001),
      ev('n2', 2, 'state', state(3, 'leader', 'n2', 'candidate'), 1500),
      ev('n1', 2, 'state', state(3, 'follower', 'n2', 'leader'), 1501),
    ]);
    const c = cli(['check', run, '--db', db]);
    expect(c.code, c.stdout).toBe(0);
    expect(c.stdout).toMatch(/^ok: 3 checks passed/);
  });

  it('lease: a stale write accepted over a newer token exits 1 with its event; the lease checks run, the raft ones do not', () => {
    const store = (change: string, holder: string, token: number) => ({ lease: 'store', key: 'leader', change, holder, token, leaseId: `l${token}` });
    const { run, ids } = recordRun('lease', [
      ev('store', 1, 'state', store('acquired', 'n1', 1), 1000),
      ev('store', 2, 'state', store('acquired', 'n2', 2), 1500),
      ev('storage', 1, 'local', { lease: 'write', outcome: 'accepted', from: 'n2', token: 2, value: 'b', newestToken: 1, fencing: false }, 1600),
      ev('storage', 2, 'local', { lease: 'write', outcome: 'accepted', from: 'n3', token: 1, value: 'a', newestToken: 2, fencing: false }, 1700),
    ]);
    const c = cli(['check', run, '--db', db]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`VIOLATION lease/stale-write-overwrote: write from n3 (token 1) accepted 0.700 s into the run on top of a newer token`);
    expect(c.stdout).toContain(`holder was n2 (events ${ids[3]})`);
    expect(c.stdout).toMatch(/1 violation in 1 of 2 checks/);
    expect(c.stdout).not.toMatch(/raft\//);
    // The write n2 made as holder is not a violation: with it alone the run is clean.
    const clean = recordRun('lease', [ev('store', 1, 'state', store('acquired', 'n2', 2), 1500), ev('storage', 1, 'local', { lease: 'write', outcome: 'accepted', from: 'n2', token: 2, value: 'b', newestToken: 1, fencing: false }, 1600)]);
    const ok = cli(['check', clean.run, '--db', db]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^ok: 2 checks passed \(lease\/stale-write-overwrote, lease\/store-overlap\)/);
  });

  it('bad input: an unknown run, a missing database → one line, exit 2', () => {
    recordRun('raft', [ev('n1', 1, 'state', state(1, 'leader', 'n1', 'candidate'), 1000)]);
    for (const args of [['check', 'nosuch', '--db', db], ['check', 'last', '--db', join(t.dir, 'absent.db')]]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^coordlab: /);
    }
  });
});
