import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNetwork, groupOf, type RouteDecision } from '../../../shared/network';
import { defaultSystemModel, type DelayDist, type SystemModel, type TimingModel } from '../../../shared/experiment';
import { createRng } from '../../../shared/rng';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

function model(m: Partial<SystemModel> = {}): SystemModel {
  return { ...defaultSystemModel(), ...m };
}

const delayDist: fc.Arbitrary<DelayDist> = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), ms: fc.double({ min: 0, max: 100, noNaN: true }) }),
  fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })).map(([a, b]) => ({ kind: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
  fc.record({ kind: fc.constant('exponential' as const), meanMs: fc.double({ min: 0, max: 100, noNaN: true }) }),
  fc.record({ kind: fc.constant('normal' as const), meanMs: fc.double({ min: 0, max: 100, noNaN: true }), stdMs: fc.double({ min: 0, max: 100, noNaN: true }) }),
  fc.record({ kind: fc.constant('pareto' as const), scaleMs: fc.double({ min: 0.1, max: 50, noNaN: true }), shape: fc.double({ min: 0.5, max: 3, noNaN: true }) }),
);
const timing: fc.Arbitrary<TimingModel> = fc.oneof(
  fc.constant({ kind: 'async' as const }),
  fc.record({ kind: fc.constant('sync' as const), boundMs: fc.double({ min: 1, max: 200, noNaN: true }) }),
  fc.record({ kind: fc.constant('partial' as const), gstMs: fc.double({ min: 0, max: 1000, noNaN: true }), boundMs: fc.double({ min: 1, max: 200, noNaN: true }) }),
);
const node = fc.constantFrom(...NODES);
/** Sends with non-decreasing send times. */
const sends = fc.array(fc.record({ from: node, to: node, gapMs: fc.double({ min: 0, max: 20, noNaN: true }) }), { minLength: 1, maxLength: 120 });

describe('lab network', () => {
  it('without reorder, a later message on a link never arrives before an earlier one (property)', () => {
    fc.assert(
      fc.property(delayDist, timing, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(), sends, (delay, t, dup, seed, msgs) => {
        const net = createNetwork(model({ delay, timing: t, dup, loss: 0.1, reorder: false }), NODES, createRng(seed));
        net.spike('n1', '*', 300, { fromMs: 0, untilMs: 200 }); // a spike that ends must not let later messages overtake
        const lastByLink = new Map<string, number>();
        let now = 0;
        msgs.forEach((m, i) => {
          now += m.gapMs;
          const d = net.route({ id: `m${i}`, from: m.from, to: m.to }, now);
          const key = `${m.from}>${m.to}`;
          for (const at of d.deliverAtMs) {
            expect(at).toBeGreaterThanOrEqual(lastByLink.get(key) ?? -Infinity);
            expect(at).toBeGreaterThanOrEqual(now);
            lastByLink.set(key, at);
          }
        });
      }),
    );
  });

  it('with reorder, messages on a link do overtake each other', () => {
    const net = createNetwork(model({ delay: { kind: 'uniform', minMs: 1, maxMs: 50 }, reorder: true }), NODES, createRng(3));
    const times = Array.from({ length: 200 }, (_, i) => net.route({ id: `m${i}`, from: 'n1', to: 'n2' }, i).deliverAtMs[0]);
    expect(times.some((t, i) => i > 0 && t < times[i - 1])).toBe(true);
  });

  it('the synchronous model never exceeds its bound, whatever the distribution (property)', () => {
    fc.assert(
      fc.property(delayDist, fc.double({ min: 0.5, max: 100, noNaN: true }), fc.boolean(), fc.integer(), sends, (delay, boundMs, reorder, seed, msgs) => {
        const net = createNetwork(model({ delay, timing: { kind: 'sync', boundMs }, dup: 0.2, reorder }), NODES, createRng(seed));
        let now = 0;
        msgs.forEach((m, i) => {
          now += m.gapMs;
          for (const at of net.route({ id: `m${i}`, from: m.from, to: m.to }, now).deliverAtMs) expect(at - now).toBeLessThanOrEqual(boundMs + 1e-9);
        });
      }),
    );
  });

  it('partial synchrony: before GST anything up to GST + bound, after GST within the bound', () => {
    const gstMs = 5000;
    const boundMs = 50;
    const net = createNetwork(model({ delay: { kind: 'pareto', scaleMs: 20, shape: 1.1 }, timing: { kind: 'partial', gstMs, boundMs }, reorder: true }), NODES, createRng(11));
    let beyondBoundBeforeGst = 0;
    for (let i = 0; i < 4000; i++) {
      const now = i * 2.5; // 0 .. 10 s
      const [at] = net.route({ id: `m${i}`, from: 'n1', to: 'n2' }, now).deliverAtMs;
      expect(at).toBeLessThanOrEqual(Math.max(now, gstMs) + boundMs + 1e-9);
      if (now < gstMs && at - now > boundMs) beyondBoundBeforeGst++;
    }
    expect(beyondBoundBeforeGst).toBeGreaterThan(100); // asynchronous before GST
  });

  it('the asynchronous model has a heavy tail beyond the base distribution', () => {
    const net = createNetwork(model({ delay: { kind: 'uniform', minMs: 1, maxMs: 5 }, timing: { kind: 'async' }, reorder: true }), NODES, createRng(5));
    const delays = Array.from({ length: 5000 }, (_, i) => net.route({ id: `m${i}`, from: 'n1', to: 'n2' }, 0).deliverAtMs[0]);
    const beyond = delays.filter((d) => d > 5).length;
    expect(beyond).toBeGreaterThan(5000 * 0.02);
    expect(beyond).toBeLessThan(5000 * 0.08);
    expect(Math.max(...delays)).toBeGreaterThan(30);
  });

  it('partitions drop exactly the cross-group messages in the partitioned direction (property)', () => {
    const assignment = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: NODES.length, maxLength: NODES.length });
    fc.assert(
      fc.property(assignment, fc.boolean(), fc.integer(), (groupIdx, oneWay, seed) => {
        // group 3 = not named: the implicit group of the rest
        const groups = [0, 1, 2].map((g) => NODES.filter((_, i) => groupIdx[i] === g)).filter((g) => g.length > 0);
        fc.pre(groups.length >= (oneWay ? 2 : 1));
        const used = oneWay ? groups.slice(0, 2) : groups;
        const net = createNetwork(model(), NODES, createRng(seed));
        net.partition(used, oneWay, { fromMs: 100, untilMs: 200 });
        const side = (n: string) => {
          const i = used.findIndex((g) => g.includes(n));
          return i < 0 ? used.length : i;
        };
        for (const from of NODES) {
          for (const to of NODES) {
            const expectCut = side(from) !== side(to) && (!oneWay || (side(from) === 0 && side(to) === 1));
            const during = net.route({ id: 'x', from, to }, 150);
            expect(during.dropped === 'partitioned').toBe(expectCut);
            if (!expectCut) expect(during.deliverAtMs).toHaveLength(1);
            expect(net.route({ id: 'y', from, to }, 99).dropped).toBeNull();
            expect(net.route({ id: 'z', from, to }, 200).dropped).toBeNull();
          }
        }
      }),
    );
  });

  it("isolates one node, and one-way 'leader>*' cuts only the leader's outgoing messages", () => {
    const net = createNetwork(model(), NODES, createRng(1));
    const iso = net.partition([['n3']]);
    expect(net.route({ id: 'a', from: 'n3', to: 'n1' }, 0).dropped).toBe('partitioned');
    expect(net.route({ id: 'b', from: 'n5', to: 'n3' }, 0).dropped).toBe('partitioned');
    expect(net.route({ id: 'c', from: 'n1', to: 'n5' }, 0).dropped).toBeNull();
    net.heal(iso);
    net.partition([['n2'], ['*']], true); // the runtime resolved 'leader' to n2
    expect(net.route({ id: 'd', from: 'n2', to: 'n4' }, 0).dropped).toBe('partitioned');
    expect(net.route({ id: 'e', from: 'n4', to: 'n2' }, 0).dropped).toBeNull();
    net.heal();
    expect(net.state().partitions).toEqual([]);
    expect(net.route({ id: 'f', from: 'n2', to: 'n4' }, 0).dropped).toBeNull();
    expect(() => net.partition([['leader']])).toThrow(/unknown node leader/);
    expect(() => net.partition([['n1'], ['n2'], ['n3']], true)).toThrow(/two groups/);
  });

  it('the loss rate is near p over many seeded messages', () => {
    for (const [p, seed] of [[0.1, 1], [0.3, 2], [0.02, 3]] as const) {
      const n = 20_000;
      const net = createNetwork(model({ loss: p }), NODES, createRng(seed));
      let lost = 0;
      for (let i = 0; i < n; i++) if (net.route({ id: `m${i}`, from: 'n1', to: 'n2' }, i).dropped === 'lost') lost++;
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(lost - n * p), `p=${p} seed=${seed}`).toBeLessThan(4 * sigma);
    }
  });

  it('duplication delivers two copies at rate near dup; no loss and no dup delivers exactly one', () => {
    const n = 10_000;
    const net = createNetwork(model({ dup: 0.25 }), NODES, createRng(9));
    let dups = 0;
    for (let i = 0; i < n; i++) {
      const d = net.route({ id: `m${i}`, from: 'n1', to: 'n2' }, i);
      expect(d.deliverAtMs.length === 1 || d.deliverAtMs.length === 2).toBe(true);
      if (d.deliverAtMs.length === 2) {
        dups++;
        expect(d.deliverAtMs[0]).toBeLessThanOrEqual(d.deliverAtMs[1]);
      }
    }
    expect(Math.abs(dups - n * 0.25)).toBeLessThan(4 * Math.sqrt(n * 0.25 * 0.75));
    const clean = createNetwork(model(), NODES, createRng(9));
    for (let i = 0; i < 1000; i++) expect(clean.route({ id: `m${i}`, from: 'n2', to: 'n1' }, i)).toMatchObject({ dropped: null, deliverAtMs: [expect.any(Number)] });
  });

  it('crashed nodes: messages to and from them are dropped, in flight ones too, until recovered', () => {
    const net = createNetwork(model(), NODES, createRng(1));
    const inFlight = { id: 'm0', from: 'n1', to: 'n2' };
    expect(net.route(inFlight, 0).dropped).toBeNull();
    net.crash('n2');
    expect(net.checkDelivery(inFlight, 3)).toBe('crashed');
    expect(net.route({ id: 'm1', from: 'n1', to: 'n2' }, 1)).toEqual({ deliverAtMs: [], dropped: 'crashed' });
    expect(net.route({ id: 'm2', from: 'n2', to: 'n1' }, 1).dropped).toBe('crashed');
    expect(net.state().crashed).toEqual(['n2']);
    net.recover('n2');
    expect(net.route({ id: 'm3', from: 'n1', to: 'n2' }, 2).dropped).toBeNull();
    expect(net.route({ id: 'm4', from: 'n1', to: 'n9' }, 2).dropped).toBe('unknown-node');
  });

  it('delay spikes add delay on matching links during their window only', () => {
    const net = createNetwork(model({ delay: { kind: 'constant', ms: 10 }, timing: { kind: 'sync', boundMs: 20 } }), NODES, createRng(1));
    const id = net.spike('n1', '*', 200, { fromMs: 100, untilMs: 300 });
    const at = (from: string, to: string, now: number): number => (net.route({ id: 'x', from, to }, now) as RouteDecision).deliverAtMs[0];
    expect(at('n1', 'n2', 50)).toBe(60);
    expect(at('n1', 'n3', 150)).toBe(360); // a fault: it breaks the sync bound on purpose
    expect(at('n2', 'n1', 150)).toBe(160);
    expect(at('n1', 'n4', 300)).toBe(310);
    net.clearSpike(id);
    expect(net.state().spikes).toEqual([]);
  });

  it('replays: the same seed gives the same decisions', () => {
    const run = (seed: number) => {
      const net = createNetwork(model({ loss: 0.2, dup: 0.1, delay: { kind: 'normal', meanMs: 20, stdMs: 10 } }), NODES, createRng(seed));
      return Array.from({ length: 300 }, (_, i) => net.route({ id: `m${i}`, from: NODES[i % 5], to: NODES[(i * 3 + 1) % 5] }, i));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('groupOf: named group, the * group, or the implicit group of the rest', () => {
    expect(groupOf([['n1'], ['n2']], 'n2')).toBe(1);
    expect(groupOf([['n1'], ['n2']], 'n5')).toBe(2);
    expect(groupOf([['n1'], ['*']], 'n5')).toBe(1);
  });
});
