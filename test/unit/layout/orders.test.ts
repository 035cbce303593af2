import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { happenedBefore, pastSize, threeOrders, type OrderEvent } from '../../../shared/layout';
import { arbHistory, closure, stamp, PROP } from '../clocks/history';

/** The vector-clock example of the chapter with a skewed clock on n3 (F is received "before" D was sent). */
export const EXAMPLE: OrderEvent[] = [
  { id: 1, node: 'n1', lane: 0, seq: 1, wall: 1000, lamport: 1, causal: 0, vclock: { n1: 1 } }, // A
  { id: 2, node: 'n1', lane: 0, seq: 2, wall: 1010, lamport: 2, causal: 1, vclock: { n1: 2 } }, // B
  { id: 3, node: 'n2', lane: 1, seq: 1, wall: 1020, lamport: 3, causal: 2, vclock: { n1: 2, n2: 1 } }, // C
  { id: 4, node: 'n2', lane: 1, seq: 2, wall: 1030, lamport: 4, causal: 3, vclock: { n1: 2, n2: 2 } }, // D
  { id: 5, node: 'n3', lane: 2, seq: 1, wall: 1005, lamport: 1, causal: 0, vclock: { n3: 1 } }, // E
  { id: 6, node: 'n3', lane: 2, seq: 2, wall: 1025, lamport: 5, causal: 5, vclock: { n1: 2, n2: 2, n3: 2 } }, // F
];

describe('three orders side by side', () => {
  it('lists the example by wall, Lamport and causal order and marks the wall-clock violation', () => {
    const o = threeOrders(EXAMPLE);
    expect(o.wall.map((r) => r.id)).toEqual([1, 5, 2, 3, 6, 4]);
    expect(o.lamport.map((r) => r.id)).toEqual([1, 5, 2, 3, 4, 6]);
    expect(o.causal.map((r) => r.id)).toEqual([1, 5, 2, 3, 4, 6]);
    expect(o.wall.filter((r) => r.violation).map((r) => r.id)).toEqual([6]);
    expect(o.violations).toBe(1);
    // E follows A in the Lamport list although the two are concurrent.
    expect(o.lamport.find((r) => r.id === 5)!.arbitrary).toBe(true);
    expect(o.lamport.find((r) => r.id === 2)!.arbitrary).toBe(true); // B after E: concurrent too
    expect(o.lamport.find((r) => r.id === 3)!.arbitrary).toBe(false); // C after B: B → C
    expect(o.disagreements).toBe(2);
    expect(o.wall.filter((r) => r.disagrees).map((r) => r.id).sort()).toEqual([4, 6]);
  });

  it('events without a wall-clock reading are never marked as listed before a cause', () => {
    const o = threeOrders(EXAMPLE.map((e) => ({ ...e, wall: e.id === 6 || e.id === 4 ? null : e.wall })));
    expect(o.wall.map((r) => r.id).slice(-2)).toEqual([4, 6]);
    expect(o.violations).toBe(0);
    const none = threeOrders(EXAMPLE.map((e) => ({ ...e, wall: null })));
    expect([none.violations, none.disagreements]).toEqual([0, 0]);
  });

  it('Lamport and causal lists never contradict happened-before; wall violations are exactly the inverted pairs', () => {
    fc.assert(
      fc.property(arbHistory(4, 25), fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 30, maxLength: 30 }), (h, jitter) => {
        const reach = closure(h);
        const ev: OrderEvent[] = stamp(h).map((e, k) => ({
          id: e.id, node: e.node, lane: Number(e.node.slice(1)), seq: e.seq, wall: 100 * e.seq + jitter[k % jitter.length],
          lamport: e.lamport, causal: pastSize(e.vclock), vclock: e.vclock,
        }));
        const o = threeOrders(ev);
        for (const list of [o.lamport, o.causal]) {
          const pos = new Map(list.map((r, i) => [r.id, i]));
          for (let a = 0; a < ev.length; a++) for (let b = 0; b < ev.length; b++) if (reach[a][b]) expect(pos.get(ev[a].id)!).toBeLessThan(pos.get(ev[b].id)!);
        }
        const wpos = new Map(o.wall.map((r, i) => [r.id, i]));
        for (const row of o.wall) {
          const e = ev.find((x) => x.id === row.id)!;
          const expected = ev.some((f) => happenedBefore(f, e) && wpos.get(f.id)! > wpos.get(e.id)!);
          expect(row.violation).toBe(expected);
        }
        for (let a = 0; a < ev.length; a++) for (let b = 0; b < ev.length; b++) expect(happenedBefore(ev[a], ev[b])).toBe(reach[a][b]);
      }),
      PROP,
    );
  });
});
