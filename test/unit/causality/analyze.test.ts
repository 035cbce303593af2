import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  analyze, buildCausalIndex, causalFuture, causalPast, clockEdges, happenedBefore, lamportOrder, relate,
  wallAgainstCausality, lamportTies, vectorOrder, wallOrder,
} from '../../../shared/causality';
import { arbHistory, closure, naiveHbPairs, stamp, PROP, type History } from '../clocks/history';
import type { LabEvent } from '../../../shared/events';

/** History plus random wall readings: per node a start, steps that may go back, some unknown. */
const arbWithWalls = fc
  .tuple(arbHistory(4, 30), fc.array(fc.integer({ min: -20, max: 40 }), { minLength: 40, maxLength: 40 }), fc.boolean(), fc.boolean())
  .map(([h, steps, monotone, withNulls]): [History, LabEvent[]] => {
    const ev = stamp(h);
    const last = new Map<string, number>();
    ev.forEach((e, k) => {
      const step = monotone ? Math.abs(steps[k % steps.length]) : steps[k % steps.length];
      const w = (last.get(e.node) ?? 1000 + (k % 3) * 7) + step;
      last.set(e.node, w);
      e.wall_ms = withNulls && k % 5 === 4 ? null : w;
    });
    return [h, ev];
  });

describe('analyze against a pairwise oracle', () => {
  it('hb_pairs = Σ(|V|−1) equals the naive pairwise count; concurrent_pairs the rest', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        const a = analyze(ev);
        const naive = naiveHbPairs(closure(h));
        const n = ev.length;
        return a.hb_pairs === naive && a.concurrent_pairs === (n * (n - 1)) / 2 - naive && a.events === n;
      }),
      PROP,
    );
  });

  it('happenedBefore, relate, causal past and future agree with the transitive closure', () => {
    fc.assert(
      fc.property(arbHistory(4, 25), (h) => {
        const ev = stamp(h);
        const idx = buildCausalIndex(ev);
        const reach = closure(h);
        for (let a = 0; a < ev.length; a++) {
          const past = new Set(causalPast(idx, a + 1));
          const future = new Set(causalFuture(idx, a + 1));
          for (let b = 0; b < ev.length; b++) {
            if (happenedBefore(idx, a + 1, b + 1) !== reach[a][b]) return false;
            if (past.has(b + 1) !== reach[b][a] || future.has(b + 1) !== reach[a][b]) return false;
            const r = relate(idx, a + 1, b + 1);
            const want = a === b ? 'equal' : reach[a][b] ? 'before' : reach[b][a] ? 'after' : 'concurrent';
            if (r !== want) return false;
          }
        }
        return true;
      }),
      PROP,
    );
  });

  it('messages: matched send→receive pairs, duplicates counted per delivery', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const a = analyze(stamp(h));
        const hasMsgs = h.events.some((e) => e.kind === 'send');
        return a.messages === h.events.filter((e) => e.kind === 'receive').length && a.messages_from === (hasMsgs ? 'msg' : 'clocks');
      }),
      PROP,
    );
  });

  it('clock-implied edges are exactly the cross-node covering pairs of happened-before', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        const reach = closure(h);
        const n = ev.length;
        const want = new Set<string>();
        for (let a = 0; a < n; a++)
          for (let b = 0; b < n; b++) {
            if (!reach[a][b] || ev[a].node === ev[b].node) continue;
            let direct = true;
            for (let c = 0; c < n && direct; c++) if (reach[a][c] && reach[c][b]) direct = false;
            if (direct) want.add(`${a}>${b}`);
          }
        const got = clockEdges(buildCausalIndex(ev)).map((e) => `${e.from}>${e.to}`);
        return got.length === want.size && got.every((g) => want.has(g));
      }),
      PROP,
    );
  });

  it('wall_against_causality and wall_inversions equal naive counts (monotone, stepping and unknown walls)', () => {
    fc.assert(
      fc.property(arbWithWalls, ([h, ev]) => {
        const reach = closure(h);
        let naive = 0;
        for (let a = 0; a < ev.length; a++)
          for (let b = 0; b < ev.length; b++) {
            const wa = ev[a].wall_ms;
            const wb = ev[b].wall_ms;
            if (reach[a][b] && wa !== null && wb !== null && wa > wb) naive++;
          }
        const sends = new Map(ev.filter((e) => e.kind === 'send').map((e) => [e.msg, e]));
        const inversions = ev.filter((e) => {
          const s = sends.get(e.msg);
          return e.kind === 'receive' && s && s.wall_ms !== null && e.wall_ms !== null && e.wall_ms < s.wall_ms;
        }).length;
        const a = analyze(ev);
        return wallAgainstCausality(buildCausalIndex(ev)) === naive && a.wall_against_causality === naive && a.wall_inversions === inversions;
      }),
      { numRuns: 300 },
    );
  });

  it('lamport_ties equals the naive count of equal-timestamp pairs', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        let naive = 0;
        for (let a = 0; a < ev.length; a++) for (let b = a + 1; b < ev.length; b++) if (ev[a].lamport === ev[b].lamport) naive++;
        return lamportTies(ev) === naive;
      }),
      PROP,
    );
  });
});

describe('orderings', () => {
  it('Lamport order and the vector order are linear extensions; layers are antichains of longest-chain depth', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const ev = stamp(h);
        const reach = closure(h);
        const n = ev.length;
        const idx = buildCausalIndex(ev);
        const vo = vectorOrder(idx);
        for (const order of [lamportOrder(ev), vo.order]) {
          const at = new Map(order.map((id, k) => [id, k]));
          if (order.length !== n) return false;
          for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (reach[a][b] && at.get(a + 1)! > at.get(b + 1)!) return false;
        }
        // oracle depth: longest chain ending at each event
        const depth = new Array<number>(n).fill(0);
        const topo = [...Array(n).keys()].sort((a, b) => ev[a].lamport - ev[b].lamport);
        for (const b of topo) depth[b] = 1 + Math.max(0, ...topo.filter((a) => reach[a][b]).map((a) => depth[a]));
        for (let p = 0; p < n; p++) if (vo.depth[p] !== depth[p]) return false;
        for (const layer of vo.layers) for (const x of layer) for (const y of layer) if (reach[x - 1][y - 1]) return false;
        return vo.layers.flat().length === n;
      }),
      PROP,
    );
  });

  it('wall order sorts by reading, ties by node id, unknown readings last', () => {
    const base = { run: 'r', kind: 'local', mono_ns: null, ref_ms: null, msg: null, peer: null, label: null, data: null } as const;
    const ev: LabEvent[] = [
      { ...base, id: 1, node: 'n10', seq: 1, wall_ms: 5, lamport: 1, vclock: { n10: 1 } },
      { ...base, id: 2, node: 'n2', seq: 1, wall_ms: 5, lamport: 1, vclock: { n2: 1 } },
      { ...base, id: 3, node: 'n2', seq: 2, wall_ms: null, lamport: 2, vclock: { n2: 2 } },
      { ...base, id: 4, node: 'n10', seq: 2, wall_ms: 1, lamport: 2, vclock: { n10: 2 } },
    ];
    expect(wallOrder(ev)).toEqual([4, 2, 1, 3]);
    expect(lamportOrder(ev)).toEqual([2, 1, 3, 4]);
    expect(analyze(ev).lamport_ties).toBe(2);
    expect(analyze(ev).wall_against_causality).toBe(1);
  });
});
