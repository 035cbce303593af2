/** The simulator itself: determinism, the network model, faults and the event record. */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/events';
import { createRng } from '../../../shared/rng';
import { sampleDelay, Simulator, type SimCore, type SimProgram } from '../../../shared/sim';
import { raftCluster } from './raft-cluster';

/** A tiny non-Raft program: every `everyTicks` ticks, ping every peer; answer pings with pongs. */
type Ping = { kind: 'ping' | 'pong'; from: string; to: string };
function pingProgram(peers: string[], everyTicks: number): SimProgram<Ping> & { pongs: Map<string, number> } {
  const pongs = new Map<string, number>();
  return {
    pongs,
    to: (m) => m.to,
    describe: (m) => `${m.from}->${m.to} ${m.kind}`,
    data: (m) => ({ kind: m.kind }),
    start(id, persisted): SimCore<Ping> {
      let elapsed = 0;
      let out: Ping[] = [];
      let count = (persisted as number | null) ?? 0;
      let dirty = false;
      return {
        step(raw) {
          const m = raw as Ping;
          if (m.kind === 'ping') out.push({ kind: 'pong', from: id, to: m.from });
          else { count++; dirty = true; pongs.set(id, count); }
        },
        tick(k) {
          for (let i = 0; i < k; i++) {
            if (++elapsed >= everyTicks) {
              elapsed = 0;
              for (const p of peers) if (p !== id) out.push({ kind: 'ping', from: id, to: p });
            }
          }
        },
        ticksToNextTimer: () => everyTicks - elapsed,
        drain() {
          const messages = out;
          out = [];
          const persist = dirty ? count : null;
          dirty = false;
          return { messages, persist, records: [] };
        },
      };
    },
  };
}

function pingSim(over: Partial<ConstructorParameters<typeof Simulator<Ping>>[0]> = {}) {
  const ids = ['a', 'b', 'c'];
  const program = pingProgram(ids, 10);
  const sim = new Simulator<Ping>({ nodes: ids, program, seed: 1, tickMs: 1, delay: { kind: 'constant', ms: 2 }, ...over });
  return { sim, program, ids };
}

const of = (events: readonly LabEvent[], node: string, kind: string) => events.filter((e) => e.node === node && e.kind === kind);

describe('simulator', () => {
  it('refuses nonsense with one clear line', () => {
    expect(() => pingSim({ nodes: [] })).toThrow(/a cluster needs at least 1 node, got 0/);
    expect(() => pingSim({ delay: { kind: 'uniform', minMs: -5, maxMs: 1 } })).toThrow(/uniform minMs must be a non-negative number of ms, got -5/);
    expect(() => pingSim({ lossRate: 1.5 })).toThrow(/lossRate must be between 0 and 1, got 1.5/);
    expect(() => pingSim({ tickMs: 0 })).toThrow(/tickMs must be a positive number, got 0/);
  });

  it('wakes a core exactly when its timer fires (no tick-by-tick polling)', () => {
    const { sim } = pingSim();
    sim.runUntil(100);
    const sends = of(sim.events, 'a', 'send').filter((e) => e.data?.kind === 'ping').map((e) => e.ref_ms as number);
    expect(sends.length).toBe(20);
    const first = sends[0];
    expect(first).toBeLessThanOrEqual(10);
    for (const [i, t] of sends.entries()) expect(t).toBeCloseTo(first + 10 * Math.floor(i / 2), 6);
  });

  it('replays a seed exactly, and another seed differs', () => {
    const run = (seed: number) => {
      const { sim } = raftCluster({ seed, lossRate: 0.1 });
      sim.schedule({ kind: 'crash', node: 'leader', atMs: 800 });
      sim.runUntil(2000);
      return JSON.stringify(sim.events);
    };
    expect(run(5)).toBe(run(5));
    expect(run(6)).not.toBe(run(5));
  });

  it('pairs sends and receives by message id, with consistent Lamport and vector clocks', () => {
    const { sim } = raftCluster({ seed: 9, duplicateRate: 0.1 });
    sim.runUntil(1500);
    const sends = new Map(sim.events.filter((e) => e.kind === 'send').map((e) => [e.msg, e]));
    const receives = sim.events.filter((e) => e.kind === 'receive');
    expect(receives.length).toBeGreaterThan(50);
    for (const r of receives) {
      const s = sends.get(r.msg);
      expect(s, `receive ${r.msg} without a send`).toBeDefined();
      expect(r.peer).toBe(s?.node);
      expect(r.lamport).toBeGreaterThan(s?.lamport as number);
      for (const [k, v] of Object.entries(s?.vclock ?? {})) expect(r.vclock[k] ?? 0).toBeGreaterThanOrEqual(v);
      expect(r.ref_ms as number).toBeGreaterThanOrEqual(s?.ref_ms as number);
    }
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
    for (const n of ids) {
      const seqs = sim.events.filter((e) => e.node === n).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });

  it('drops everything with loss 1, recording why', () => {
    const { sim } = pingSim({ lossRate: 1 });
    sim.runUntil(50);
    expect(sim.events.some((e) => e.kind === 'receive')).toBe(false);
    const drops = sim.events.filter((e) => e.kind === 'drop');
    expect(drops.length).toBe(sim.events.filter((e) => e.kind === 'send').length);
    expect(drops.every((e) => e.data?.reason === 'lost')).toBe(true);
  });

  it('partitions, also one way, and heals', () => {
    const { sim } = pingSim();
    const id = sim.partition([['a'], ['b', 'c']], true);
    sim.runUntil(50);
    expect(of(sim.events, 'b', 'receive').some((e) => e.peer === 'a')).toBe(false);
    expect(of(sim.events, 'a', 'receive').some((e) => e.peer === 'b')).toBe(true);
    expect(sim.events.filter((e) => e.kind === 'drop').every((e) => e.node === 'a' && e.data?.reason === 'partitioned')).toBe(true);
    sim.heal(id);
    const before = of(sim.events, 'b', 'receive').length;
    sim.runUntil(100);
    expect(of(sim.events, 'b', 'receive').slice(before).some((e) => e.peer === 'a')).toBe(true);
  });

  it('crash loses memory and in-flight input, restart comes back with what was persisted', () => {
    const { sim, program } = pingSim();
    sim.runUntil(35);
    const countBefore = program.pongs.get('a');
    sim.crash('a');
    expect(sim.isUp('a')).toBe(false);
    sim.runUntil(60);
    const down = sim.events.filter((e) => (e.ref_ms as number) > 35 && (e.ref_ms as number) <= 60);
    expect(down.some((e) => e.node === 'a' && e.kind !== 'crash')).toBe(false);
    expect(down.some((e) => e.kind === 'drop' && e.peer === 'a' && e.data?.reason === 'crashed')).toBe(true);
    expect(sim.persisted('a')).toBe(countBefore);
    sim.restart('a');
    sim.runUntil(100);
    expect(program.pongs.get('a')).toBeGreaterThan(countBefore as number);
    expect(of(sim.events, 'a', 'recover')).toHaveLength(1);
  });

  it('pause holds input until resume and loses the missed ticks', () => {
    const { sim } = pingSim();
    sim.runUntil(20);
    const mark = sim.events.length;
    sim.pause('b', 30);
    sim.runUntil(49);
    const during = sim.events.slice(mark).filter((e) => e.node === 'b');
    expect(during.map((e) => e.kind)).toEqual(['pause']);
    sim.runUntil(51);
    const resumed = sim.events.filter((e) => e.node === 'b' && (e.ref_ms as number) === 50);
    expect(resumed[0].kind).toBe('resume');
    expect(resumed.filter((e) => e.kind === 'receive').length).toBeGreaterThan(0);
  });

  it('samples delays from their distributions', () => {
    const rng = createRng(3);
    const draw = (d: Parameters<typeof sampleDelay>[0]) => Array.from({ length: 4000 }, () => sampleDelay(d, rng));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const u = draw({ kind: 'uniform', minMs: 5, maxMs: 10 });
    expect(Math.min(...u)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...u)).toBeLessThan(10);
    expect(mean(u)).toBeCloseTo(7.5, 0);
    expect(mean(draw({ kind: 'exponential', meanMs: 20 }))).toBeGreaterThan(18);
    const n = draw({ kind: 'normal', meanMs: 5, stdMs: 10 });
    expect(Math.min(...n)).toBeGreaterThanOrEqual(0);
    expect(draw({ kind: 'constant', ms: 3 }).every((v) => v === 3)).toBe(true);
    expect(Math.min(...draw({ kind: 'pareto', scaleMs: 4, shape: 2 }))).toBeGreaterThanOrEqual(4);
  });

  it('applies delay spikes and wall-clock steps from the fault list', () => {
    const { sim } = pingSim();
    sim.schedule({ kind: 'delay-spike', from: 'a', to: '*', atMs: 0, untilMs: 30, extraMs: 100 });
    sim.schedule({ kind: 'clock-step', node: 'b', atMs: 40, byMs: -1500 });
    sim.runUntil(200);
    const sends = new Map(sim.events.filter((e) => e.kind === 'send').map((e) => [e.msg, e]));
    const delays = sim.events.filter((e) => e.kind === 'receive' && e.peer === 'a').map((r) => {
      const s = sends.get(r.msg);
      const d = (r.ref_ms as number) - (s?.ref_ms as number);
      expect(d).toBeCloseTo((s?.ref_ms as number) < 30 ? 102 : 2, 6);
      return Math.round(d);
    });
    expect(new Set(delays)).toEqual(new Set([2, 102]));
    const late = sim.events.filter((e) => e.node === 'b' && (e.ref_ms as number) > 40);
    expect(late.length).toBeGreaterThan(0);
    for (const e of late) expect(e.wall_ms).toBeCloseTo((e.ref_ms as number) - 1500, 6);
    expect(sim.events.some((e) => e.node === 'b' && e.kind === 'clock')).toBe(true);
    expect(() => sim.schedule({ kind: 'forge', to: 'a', atMs: 1, claimFrom: 'b' })).toThrow(/does not model fault kind 'forge'/);
  });
});
