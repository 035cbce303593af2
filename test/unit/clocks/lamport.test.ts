import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareLamport, compareNodeIds, lamportLocal, lamportReceive, lamportSend, lamportStart, sortNodeIds } from '../../../shared/clocks';
import { arbHistory, closure, stamp, PROP } from './history';

describe('Lamport clock', () => {
  it('ticks on local and send, takes max+1 on receive', () => {
    let a = lamportStart('n1');
    let b = lamportStart('n2');
    a = lamportLocal(a);
    const sent = lamportSend(a);
    a = sent.clock;
    expect(sent.stamp).toBe(2);
    b = lamportReceive(b, sent.stamp);
    expect(b.time).toBe(3);
    b = lamportReceive(b, 1);
    expect(b.time).toBe(4);
  });

  it('a → b implies L(a) < L(b) on random histories (oracle: transitive closure)', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        const reach = closure(h);
        for (let a = 0; a < ev.length; a++)
          for (let b = 0; b < ev.length; b++) if (reach[a][b] && !(ev[a].lamport < ev[b].lamport)) return false;
        return true;
      }),
      PROP,
    );
  });

  it('total order breaks ties by node id in natural order', () => {
    expect(compareLamport({ lamport: 3, node: 'n10' }, { lamport: 3, node: 'n2' })).toBeGreaterThan(0);
    expect(compareLamport({ lamport: 2, node: 'n10' }, { lamport: 3, node: 'n2' })).toBeLessThan(0);
    expect(compareLamport({ lamport: 3, node: 'n1' }, { lamport: 3, node: 'n1' })).toBe(0);
  });
});

describe('node-id order', () => {
  it('is natural and total', () => {
    expect(sortNodeIds(['n10', 'n2', 'n1', 'b', 'a', 'n02', 'n2'])).toEqual(['a', 'b', 'n1', 'n02', 'n2', 'n10']);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (x, y, z) => {
        const s = Math.sign;
        if (s(compareNodeIds(x, y)) !== -s(compareNodeIds(y, x))) return false;
        if ((compareNodeIds(x, y) === 0) !== (x === y)) return false;
        if (compareNodeIds(x, y) < 0 && compareNodeIds(y, z) < 0 && !(compareNodeIds(x, z) < 0)) return false;
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
