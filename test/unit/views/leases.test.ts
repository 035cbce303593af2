import { beforeEach, describe, expect, it } from 'vitest';
import { buildLeasesView } from '../../../shared/views';
import { ev, reset } from './history';

beforeEach(reset);

const belief = (node: string, t: number, role: string, token: number | null, reason: string) => ev(node, 'state', t, { lease: 'state', key: 'leader', role, token, believedUntilMs: null, reason });
const store = (t: number, change: 'acquired' | 'ended', holder: string | null, token: number | null) => ev('store', 'state', t, { lease: 'store', key: 'leader', change, holder, token, leaseId: null });
const write = (t: number, from: string, token: number, outcome: 'accepted' | 'rejected', newest: number | null, fencing: boolean) =>
  ev('storage', 'local', t, { lease: 'write', outcome, from, token, value: `${from}-${t}`, newestToken: newest, fencing });

/** n1 leads with token 1, is paused past its TTL; n2 takes the lease (token 2) and writes; n1 wakes and writes with token 1. */
function pausedLeader(fencing: boolean) {
  return [
    store(100, 'acquired', 'n1', 1),
    belief('n1', 100, 'leader', 1, 'acquired'),
    write(200, 'n1', 1, 'accepted', null, fencing),
    ev('lab', 'pause', 300, { node: 'n1', forMs: 2000 }),
    store(1300, 'ended', null, null),
    store(1400, 'acquired', 'n2', 2),
    belief('n2', 1400, 'leader', 2, 'acquired'),
    write(1500, 'n2', 2, 'accepted', 1, fencing),
    ev('lab', 'resume', 2300, { node: 'n1' }),
    write(2310, 'n1', 1, fencing ? 'rejected' : 'accepted', 2, fencing),
    belief('n1', 2320, 'follower', null, 'expired-locally'),
    ev('lab', 'local', 3000, { status: 'done' }),
  ];
}

describe('buildLeasesView', () => {
  it('without fencing: the paused leader believes it leads past its lease and its stale write corrupts the data', () => {
    const v = buildLeasesView(pausedLeader(false), { nodes: ['n1', 'n2', 'store', 'storage'] });
    expect(v.fencing).toBe(false);
    const n1 = v.lanes.find((l) => l.node === 'n1')!;
    expect(n1.actual.map((s) => [s.startMs, s.endMs, s.token])).toEqual([[0, 1200, 1]]);
    expect(n1.believed.map((s) => [s.startMs, s.endMs, s.token])).toEqual([[0, 2220, 1]]);
    expect(n1.hazardMs).toBe(1020);
    expect(v.writes.map((w) => [w.from, w.token, w.outcome, w.stale, w.overwrote])).toEqual([
      ['n1', 1, 'accepted', false, false], ['n2', 2, 'accepted', false, false], ['n1', 1, 'accepted', true, true],
    ]);
    expect(v.summary).toMatchObject({ stale_writes_accepted: 1, stale_writes_overwriting: 1, stale_writes_rejected: 0 });
    expect(v.violations).toHaveLength(1);
    expect(v.overlaps.filter((o) => o.view === 'belief').map((o) => [o.nodes, o.startMs, o.endMs])).toEqual([[['n1', 'n2'], 1300, 2220]]);
    expect(v.faults.map((f) => [f.kind, f.node, f.startMs, f.endMs])).toEqual([['pause', 'n1', 200, 2200]]);
  });

  it('with fencing: the same stale write is rejected, nothing is corrupted', () => {
    const v = buildLeasesView(pausedLeader(true));
    expect(v.fencing).toBe(true);
    const last = v.writes[v.writes.length - 1];
    expect([last.outcome, last.stale, last.overwrote]).toEqual(['rejected', true, false]);
    expect(v.summary).toMatchObject({ stale_writes_accepted: 0, stale_writes_overwriting: 0, stale_writes_rejected: 1 });
    expect(v.violations).toEqual([]);
    expect(v.lanes.map((l) => l.node)).toEqual(['n1', 'n2']);
  });
});
