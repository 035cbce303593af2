import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dvvCompare, dvvJoin, dvvPut, dvvSync, hasSiblings, type Sibling, type VClock } from '../../../shared/clocks';

describe('dotted version vectors', () => {
  it('a write with the read context overwrites; a blind write becomes a sibling', () => {
    let r: Sibling<string>[] = [];
    r = dvvPut(r, {}, 'A', 'v1');
    const ctx = dvvJoin(r);
    expect(ctx).toEqual({ A: 1 });
    r = dvvPut(r, {}, 'A', 'v2'); // blind write: concurrent with v1
    expect(r.map((s) => s.value).sort()).toEqual(['v1', 'v2']);
    expect(hasSiblings(r)).toBe(true);
    expect(dvvCompare(r[0].clock, r[1].clock)).toBe('concurrent');
    r = dvvPut(r, dvvJoin(r), 'A', 'v3'); // saw both: replaces both
    expect(r.map((s) => s.value)).toEqual(['v3']);
    expect(r[0].clock).toEqual({ dot: { node: 'A', counter: 3 }, past: { A: 2 } });
  });

  it('sync keeps the newer write and both of two concurrent ones', () => {
    const a = dvvPut<string>([], {}, 'A', 'x');
    const b = dvvPut<string>([], dvvJoin(a), 'B', 'y'); // y saw x
    expect(dvvSync(a, b).map((s) => s.value)).toEqual(['y']);
    const c = dvvPut<string>([], {}, 'B', 'z'); // z did not see x
    expect(dvvSync(a, c).map((s) => s.value).sort()).toEqual(['x', 'z']);
    expect(dvvSync(a, a)).toHaveLength(1);
  });

  // Oracle: each write carries its explicit causal history (a set of write ids);
  // a replica holds the writes that no other held write has seen.
  type Op = [kind: number, client: number, replica: number, other: number];
  it('replica sibling sets equal the oracle on random client/replica histories', () => {
    const replicasN = 3;
    const clientsN = 3;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.nat(clientsN - 1), fc.nat(replicasN - 1), fc.nat(replicasN - 1)), { maxLength: 40 }),
        (ops) => {
          const replicas = ['A', 'B', 'C'];
          const dvv: Sibling<number>[][] = replicas.map(() => []);
          const oracle: Set<number>[] = replicas.map(() => new Set());
          const history = new Map<number, Set<number>>();
          const ctx: VClock[] = Array.from({ length: clientsN }, () => ({}));
          const seen: Set<number>[] = Array.from({ length: clientsN }, () => new Set());
          let next = 0;
          const maximal = (ws: Set<number>): Set<number> =>
            new Set([...ws].filter((w) => ![...ws].some((o) => o !== w && history.get(o)!.has(w))));
          for (const [kind, c, r, o] of ops as Op[]) {
            if (kind === 0) {
              // read: the client learns the replica's context
              ctx[c] = dvvJoin(dvv[r]);
              seen[c] = new Set([...oracle[r]].flatMap((w) => [w, ...history.get(w)!]));
            } else if (kind === 1) {
              const w = next++;
              history.set(w, new Set(seen[c]));
              dvv[r] = dvvPut(dvv[r], ctx[c], replicas[r], w);
              oracle[r] = new Set([...oracle[r]].filter((x) => !seen[c].has(x)));
              oracle[r].add(w);
            } else {
              dvv[r] = dvvSync(dvv[r], dvv[o]);
              oracle[r] = maximal(new Set([...oracle[r], ...oracle[o]]));
            }
            for (let i = 0; i < replicas.length; i++) {
              const got = dvv[i].map((s) => s.value).sort((x, y) => x - y);
              const want = [...oracle[i]].sort((x, y) => x - y);
              if (JSON.stringify(got) !== JSON.stringify(want)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
