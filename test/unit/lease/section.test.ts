import { describe, expect, it } from 'vitest';
import type { LeaseCheckEvent } from '../../../shared/checks/lease';
import { describeLeaseSection, leaseSection } from '../../../shared/checks/lease-section';

let id = 1;
const ev = (node: string, atMs: number, kind: string, data: Record<string, unknown> | null): LeaseCheckEvent => ({ id: id++, node, kind, ref_ms: atMs, wall_ms: atMs, data });

describe('analyze lease section', () => {
  it('is absent from a run without lease records', () => {
    expect(leaseSection([ev('n1', 0, 'state', { term: 1, role: 'leader' }), ev('n2', 5, 'local', null)])).toBeNull();
  });

  it('counts, per node believed vs actual leadership, and store errors; the text has one row per node', () => {
    const s = leaseSection([
      ev('store', 0, 'state', { lease: 'store', key: 'leader', change: 'acquired', holder: 'n1', token: 1, leaseId: 'L1' }),
      ev('n1', 0.4, 'state', { lease: 'state', key: 'leader', role: 'leader', token: 1, believedUntilMs: 1000, reason: 'acquired' }),
      ev('store', 1000, 'state', { lease: 'store', key: 'leader', change: 'ended', holder: 'n1', token: 1, leaseId: 'L1', reason: 'expired' }),
      ev('store', 1100, 'state', { lease: 'store', key: 'leader', change: 'acquired', holder: 'n2', token: 3, leaseId: 'L2' }),
      ev('n2', 1100, 'state', { lease: 'state', key: 'leader', role: 'leader', token: 3, believedUntilMs: 2100, reason: 'acquired' }),
      ev('storage', 1200, 'local', { lease: 'write', outcome: 'accepted', from: 'n2', token: 3, value: 'n2#1', newestToken: 1, fencing: true }),
      ev('storage', 1500, 'local', { lease: 'write', outcome: 'rejected', from: 'n1', token: 1, value: 'n1#9', newestToken: 3, fencing: true }),
      ev('n1', 1500, 'local', { lease: 'error', op: 'keepAlive', code: 'deadline', message: 'no reply' }),
      ev('n1', 1600, 'state', { lease: 'state', key: 'leader', role: 'candidate', token: null, believedUntilMs: null, reason: 'lost' }),
      ev('n2', 2000, 'local', null),
    ])!;
    expect(s).toMatchObject({ overlaps: 1, stale_writes_accepted: 0, stale_writes_rejected: 1, stale_writes_overwriting: 0, overlaps_store: 0, overlaps_belief: 1, overlap_belief_ms: 500, writes_accepted: 1, writes_rejected: 1, store_errors: 1 });
    expect(s.per_node).toEqual([
      { node: 'n1', believed_ms: 1600, actual_ms: 1000, believed_not_actual_ms: 600 },
      { node: 'n2', believed_ms: 900, actual_ms: 900, believed_not_actual_ms: 0 },
    ]);
    const text = describeLeaseSection(s).split('\n');
    expect(text[0]).toBe('lease');
    expect(text.filter((l) => /^\s+n[12]\s/.test(l))).toHaveLength(2);
    expect(text.join('\n')).toMatch(/1 rejected by fencing/);
  });
});
