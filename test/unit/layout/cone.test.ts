import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causalCone, coneRelation, memoryClockSource, pastSize } from '../../../shared/layout';
import { arbHistory, closure, stamp, PROP } from '../clocks/history';

describe('causal cone from vector clocks', () => {
  it('matches the transitive-closure oracle for every event of random histories', () => {
    fc.assert(
      fc.property(arbHistory(4, 30), (h) => {
        const ev = stamp(h);
        const reach = closure(h);
        const src = memoryClockSource(ev);
        for (let a = 0; a < ev.length; a++) {
          const cone = causalCone(src, ev[a].node, ev[a].seq, ev[a].vclock);
          let past = 0;
          let future = 0;
          for (let b = 0; b < ev.length; b++) {
            const want = a === b ? 'self' : reach[b][a] ? 'past' : reach[a][b] ? 'future' : 'concurrent';
            expect(coneRelation(cone, ev[b].node, ev[b].seq)).toBe(want);
            if (want === 'past') past++;
            if (want === 'future') future++;
          }
          expect([cone.past, cone.future, cone.concurrent]).toEqual([past, future, ev.length - 1 - past - future]);
          expect(pastSize(ev[a].vclock)).toBe(past);
        }
      }),
      PROP,
    );
  });

  it('gives the chapter example: B before C, E concurrent with C', () => {
    const ev: { node: string; seq: number; vclock: Record<string, number> }[] = [
      { node: 'n1', seq: 1, vclock: { n1: 1 } }, // A
      { node: 'n1', seq: 2, vclock: { n1: 2 } }, // B send
      { node: 'n2', seq: 1, vclock: { n1: 2, n2: 1 } }, // C receive
      { node: 'n3', seq: 1, vclock: { n3: 1 } }, // E
    ];
    const cone = causalCone(memoryClockSource(ev), 'n2', 1, ev[2].vclock);
    expect(coneRelation(cone, 'n1', 2)).toBe('past');
    expect(coneRelation(cone, 'n3', 1)).toBe('concurrent');
    expect([cone.past, cone.future, cone.concurrent]).toEqual([2, 0, 1]);
  });

  it('refuses an unknown node', () => {
    expect(() => causalCone(memoryClockSource([]), 'nx', 1, {})).toThrow(/no node nx/);
  });
});
