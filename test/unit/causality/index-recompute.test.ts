import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, buildCausalIndex, CausalityError, checkRecordedClocks, clockErrorMs, recomputeClocks, refTruthMs } from '../../../shared/causality';
import { arbHistory, closure, stamp, PROP } from '../clocks/history';
import { vcCompare } from '../../../shared/clocks';
import type { LabEvent } from '../../../shared/events';

const base = { run: 'r', kind: 'local', wall_ms: null, mono_ns: null, ref_ms: null, msg: null, peer: null, label: null, data: null } as const;
const ev = (id: number, node: string, seq: number, vclock: Record<string, number>, extra: Partial<LabEvent> = {}): LabEvent => ({
  ...base, id, node, seq, lamport: seq, vclock, ...extra,
});

describe('buildCausalIndex refuses clocks the counts cannot trust', () => {
  const cases: [string, LabEvent[], RegExp][] = [
    ['seq that skips', [ev(1, 'a', 1, { a: 1 }), ev(2, 'a', 3, { a: 3 })], /seq 3/],
    ['duplicate seq', [ev(1, 'a', 1, { a: 1 }), ev(2, 'a', 1, { a: 1 })], /two events with seq 1/],
    ['own entry not seq', [ev(1, 'a', 1, { a: 2 }), ev(2, 'a', 2, { a: 2 })], /own clock entry is 2, expected its seq 1/],
    ['entry for an unknown node', [ev(1, 'a', 1, { a: 1, z: 1 })], /names a node with no events/],
    ['reference to an event that does not exist', [ev(1, 'a', 1, { a: 1, b: 2 }), ev(2, 'b', 1, { b: 1 })], /does not exist/],
    ['clock that goes back', [ev(1, 'a', 1, { a: 1, b: 1 }), ev(2, 'a', 2, { a: 2 }), ev(3, 'b', 1, { b: 1 })], /goes back/],
    ['past not covered', [ev(1, 'a', 1, { a: 1 }), ev(2, 'b', 1, { b: 1, a: 1 }), ev(3, 'c', 1, { c: 1, b: 1 })], /not all of that event's past/],
    ['a cycle', [ev(1, 'a', 1, { a: 1, b: 1 }), ev(2, 'b', 1, { b: 1, a: 1 })], /each claim to have seen the other/],
  ];
  for (const [name, events, message] of cases) {
    it(name, () => {
      expect(() => buildCausalIndex(events)).toThrow(CausalityError);
      expect(() => buildCausalIndex(events)).toThrow(message);
    });
  }

  it('accepts events in any order and explicit zero entries', () => {
    const a = analyze([ev(2, 'b', 1, { b: 1, a: 1 }), ev(1, 'a', 1, { a: 1, b: 0 })]);
    expect(a).toMatchObject({ events: 2, nodes: 2, hb_pairs: 1, concurrent_pairs: 0, messages: 1, messages_from: 'clocks' });
  });
});

describe('recomputeClocks from send/receive matching', () => {
  it('reproduces the clocks a correct recorder stamps', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const events = stamp(h);
        const { mismatches, problems } = checkRecordedClocks(events);
        return mismatches.length === 0 && problems.length === 0;
      }),
      PROP,
    );
  });

  it('reports a wrong Lamport timestamp and a receive of a message never sent', () => {
    const events = [
      ev(1, 'a', 1, { a: 1 }, { kind: 'send', msg: 'm1', peer: 'b' }),
      ev(2, 'b', 1, { b: 1, a: 1 }, { kind: 'receive', msg: 'm1', peer: 'a', lamport: 1 }),
      ev(3, 'b', 2, { b: 2, a: 1 }, { kind: 'receive', msg: 'ghost', peer: 'a', lamport: 3 }),
    ];
    const { mismatches, problems } = checkRecordedClocks(events);
    expect(mismatches).toEqual([{ id: 2, field: 'lamport', recorded: '1', recomputed: '2' }]);
    expect(problems).toEqual(['event 3 on b: receive of message ghost that no event sent']);
  });

  it('breaks a wait cycle instead of hanging', () => {
    const events = [
      ev(1, 'a', 1, {}, { kind: 'receive', msg: 'm2' }),
      ev(2, 'a', 2, {}, { kind: 'send', msg: 'm1' }),
      ev(3, 'b', 1, {}, { kind: 'receive', msg: 'm1' }),
      ev(4, 'b', 2, {}, { kind: 'send', msg: 'm2' }),
    ];
    const r = recomputeClocks(events);
    expect(r.clocks.every((c) => c !== undefined)).toBe(true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/cycle/);
  });
});

describe('clock error', () => {
  it('per node max, p95 and final from wall − truth', () => {
    const events = [
      ev(1, 'a', 1, { a: 1 }, { wall_ms: 1010, ref_ms: 1000 }),
      ev(2, 'a', 2, { a: 2 }, { wall_ms: 1995, ref_ms: 2000 }),
      ev(3, 'b', 1, { b: 1 }, { wall_ms: 50, ref_ms: 0, data: { true_ms: 40 } }),
      ev(4, 'b', 2, { b: 2 }, { wall_ms: 60, ref_ms: null }),
    ];
    expect(clockErrorMs(events, refTruthMs)).toEqual({ a: { max: 10, p95: 10, final: -5 }, b: { max: 10, p95: 10, final: 10 } });
    expect(analyze(events, { truthMs: refTruthMs }).clock_error_ms?.a.final).toBe(-5);
    // By default only data.true_ms counts as truth (ref_ms includes batching delay).
    expect(analyze(events).clock_error_ms).toEqual({ b: { max: 10, p95: 10, final: 10 } });
    expect(analyze(events.map((e) => ({ ...e, data: null }))).clock_error_ms).toBeUndefined();
    const many = Array.from({ length: 40 }, (_, k) => ev(k + 1, 'c', k + 1, { c: k + 1 }, { wall_ms: 100 + k, data: { true_ms: 100 } }));
    expect(clockErrorMs(many)).toEqual({ c: { max: 39, p95: 37, final: 39 } });
  });
});

describe('consistency check against a downward-closure oracle', () => {
  it('a corrupted clock is either refused or still exactly downward closed (Σ formula holds)', () => {
    fc.assert(
      fc.property(arbHistory(4, 30), fc.nat(), fc.nat(), fc.integer({ min: -2, max: 2 }), (h, pick, nodePick, delta) => {
        const events = stamp(h);
        if (events.length === 0) return true;
        const e = events[pick % events.length];
        const k = h.nodes[nodePick % h.nodes.length];
        if (k === e.node) return true;
        const v = Math.max(0, (e.vclock[k] ?? 0) + delta);
        e.vclock = { ...e.vclock, [k]: v };
        let idx;
        try {
          idx = buildCausalIndex(events);
        } catch (err) {
          return err instanceof CausalityError;
        }
        // Accepted: every entry must name an event whose clock is covered (downward closure).
        const at = (node: string, seq: number) => events.find((x) => x.node === node && x.seq === seq)!;
        for (const x of events)
          for (const [j, c] of Object.entries(x.vclock)) {
            if (c === 0) continue;
            const f = at(j, c);
            for (const [m, fc2] of Object.entries(f.vclock)) if (fc2 > (x.vclock[m] ?? 0)) return false;
          }
        let naive = 0;
        for (const a of events) for (const b of events) if (a !== b && vcCompare(a.vclock, b.vclock) === 'before') naive++;
        let sum = 0;
        for (let p = 0; p < events.length; p++) sum += idx.clockSum[p] - 1;
        return sum === naive;
      }),
      { numRuns: 500 },
    );
  });
});

describe('runs with an unrecorded tail (a batch lost in a crash)', () => {
  it('clamped clocks count exactly the happened-before pairs among the recorded events', () => {
    fc.assert(
      fc.property(arbHistory(4, 30), fc.nat(), fc.nat(5), (h, nodePick, drop) => {
        const all = stamp(h);
        const node = h.nodes[nodePick % h.nodes.length];
        const mine = all.filter((e) => e.node === node);
        const lost = new Set(mine.slice(Math.max(0, mine.length - drop)).map((e) => e.id));
        const kept = all.filter((e) => !lost.has(e.id));
        const reach = closure(h);
        let naive = 0;
        for (const a of kept) for (const b of kept) if (reach[a.id - 1][b.id - 1]) naive++;
        const a = analyze(kept, { missing: 'clamp' });
        const referenced = Math.max(0, ...kept.map((e) => e.vclock[node] ?? 0));
        const wantMissing = Math.max(0, referenced - (mine.length - lost.size));
        if (a.hb_pairs !== naive || (a.missing_events ?? 0) !== wantMissing) return false;
        if (wantMissing > 0) expect(() => analyze(kept)).toThrow(CausalityError);
        return true;
      }),
      PROP,
    );
  });
});
