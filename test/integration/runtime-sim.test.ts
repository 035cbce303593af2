/**
 * The scenario cores on the deterministic simulator (virtual time): the same seed
 * gives the same run, vector clocks agree with delivery, and the chapter's figure
 * holds there too. A failing seeded check prints its seed.
 */
import { describe, expect, it } from 'vitest';
import { vcCompare } from '../../shared/clocks';
import { causalityScenario, scenarioSimProgram, vclockFigureScenario } from '../../shared/scenarios';
import { Simulator } from '../../shared/sim';

function simulate(seed: number, nodes = ['n1', 'n2', 'n3', 'n4'], durationMs = 2000) {
  const sim = new Simulator({
    nodes,
    program: scenarioSimProgram(causalityScenario, { nodes }),
    seed,
    tickMs: causalityScenario.tickMs({}),
    delay: { kind: 'exponential', meanMs: 5 },
    lossRate: 0.05,
  });
  sim.schedule({ kind: 'partition', groups: [['n1', 'n2'], ['n3', 'n4']], atMs: 500, untilMs: 1000 });
  sim.schedule({ kind: 'crash', node: 'n4', atMs: 1200 });
  sim.schedule({ kind: 'restart', node: 'n4', atMs: 1500 });
  sim.runUntil(durationMs);
  return sim.events;
}

describe('scenario cores on the simulator', () => {
  it('causality: same seed, same run; vector clocks agree with every delivery', () => {
    for (const seed of [1, 2, 3, 42]) {
      const a = simulate(seed);
      const b = simulate(seed);
      expect(b, `seed ${seed}`).toEqual(a);
      const sends = new Map(a.filter((e) => e.kind === 'send').map((e) => [e.msg, e]));
      const receives = a.filter((e) => e.kind === 'receive');
      expect(receives.length, `seed ${seed}`).toBeGreaterThan(100);
      for (const r of receives) expect(vcCompare(sends.get(r.msg)!.vclock, r.vclock), `seed ${seed}, ${r.msg}`).toBe('before');
      expect(a.some((e) => e.kind === 'drop' && e.data?.reason === 'partitioned'), `seed ${seed}`).toBe(true);
    }
    expect(simulate(5)).not.toEqual(simulate(6));
  });

  it("the chapter's vector-clock figure: B happened before C, E is concurrent with C", () => {
    const nodes = ['n1', 'n2', 'n3'];
    const sim = new Simulator({ nodes, program: scenarioSimProgram(vclockFigureScenario, { nodes }), seed: 9, tickMs: 1000, delay: { kind: 'constant', ms: 3 } });
    sim.runUntil(100);
    const ev = sim.events;
    const at = (node: string, kind: string) => ev.find((e) => e.node === node && e.kind === kind)!;
    const A = ev.find((e) => e.label === 'A')!;
    const B = at('n1', 'send');
    const C = at('n2', 'receive');
    const E = ev.find((e) => e.label === 'E')!;
    const F = at('n3', 'receive');
    expect([A.vclock, B.vclock, C.vclock, E.vclock, F.vclock]).toEqual([{ n1: 1 }, { n1: 2 }, { n1: 2, n2: 1 }, { n3: 1 }, { n1: 2, n2: 2, n3: 2 }]);
    expect(vcCompare(B.vclock, C.vclock)).toBe('before');
    expect(vcCompare(E.vclock, C.vclock)).toBe('concurrent');
  });
});
