import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { vcCompare, vcMerge, vcNormalize, vcReceive, vcSum, vcTick } from '../../../shared/clocks';
import { arbHistory, closure, stamp, PROP } from './history';

describe('vector clock', () => {
  it('tick, merge, receive', () => {
    const a = vcTick({}, 'n1');
    expect(a).toEqual({ n1: 1 });
    const b = vcReceive({ n2: 2 }, a, 'n2');
    expect(b).toEqual({ n1: 1, n2: 3 });
    expect(vcMerge({ n1: 4, n3: 1 }, { n1: 2, n2: 5 })).toEqual({ n1: 4, n2: 5, n3: 1 });
    expect(vcNormalize({ n1: 0, n2: 3 })).toEqual({ n2: 3 });
    expect(vcSum({ n1: 2, n2: 3 })).toBe(5);
  });

  it('compare covers all four answers, missing entries count as zero', () => {
    expect(vcCompare({ n1: 1 }, { n1: 1, n2: 1 })).toBe('before');
    expect(vcCompare({ n1: 2, n2: 1 }, { n1: 1 })).toBe('after');
    expect(vcCompare({ n1: 2 }, { n2: 1 })).toBe('concurrent');
    expect(vcCompare({ n1: 2, n2: 0 }, { n1: 2 })).toBe('equal');
  });

  it('a → b ⇔ V(a) < V(b) on random histories (oracle: transitive closure)', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        const reach = closure(h);
        for (let a = 0; a < ev.length; a++)
          for (let b = 0; b < ev.length; b++) {
            if (a === b) continue;
            const ord = vcCompare(ev[a].vclock, ev[b].vclock);
            if (reach[a][b] !== (ord === 'before')) return false;
            if (!reach[a][b] && !reach[b][a] && ord !== 'concurrent') return false;
          }
        return true;
      }),
      PROP,
    );
  });

  it('compare is antisymmetric', () => {
    const arbVc = fc.dictionary(fc.constantFrom('n1', 'n2', 'n3'), fc.integer({ min: 0, max: 3 }));
    const flip = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' } as const;
    fc.assert(fc.property(arbVc, arbVc, (a, b) => vcCompare(b, a) === flip[vcCompare(a, b)]), { numRuns: 300 });
  });
});
