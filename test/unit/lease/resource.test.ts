import { describe, expect, it } from 'vitest';
import { createStorageResource } from '../../../shared/lease';

describe('storage resource', () => {
  it('with fencing, rejects a token older than the newest seen (equal is fine)', () => {
    const r = createStorageResource({ fencing: true });
    expect(r.write({ from: 'n1', token: 3, value: 'a' })).toEqual({ accepted: true, newestToken: null });
    expect(r.write({ from: 'n2', token: 5, value: 'b' })).toEqual({ accepted: true, newestToken: 3 });
    expect(r.write({ from: 'n1', token: 3, value: 'c' })).toEqual({ accepted: false, newestToken: 5 });
    expect(r.write({ from: 'n2', token: 5, value: 'd' })).toEqual({ accepted: true, newestToken: 5 });
    expect(r.value()).toBe('d');
    expect(r.history().map((h) => h.accepted)).toEqual([true, true, false, true]);
    const evs = r.takeEvents();
    expect(evs[2]).toEqual({
      kind: 'local',
      label: 'rejected write from n1: token 3 < 5',
      data: { lease: 'write', outcome: 'rejected', from: 'n1', token: 3, value: 'c', newestToken: 5, fencing: true },
    });
    expect(r.takeEvents()).toEqual([]);
  });

  it('without fencing, accepts the stale write and it overwrites the value', () => {
    const r = createStorageResource({ fencing: false });
    r.write({ from: 'n2', token: 5, value: 'b' });
    expect(r.write({ from: 'n1', token: 3, value: 'stale' })).toEqual({ accepted: true, newestToken: 5 });
    expect(r.value()).toBe('stale');
  });
});
