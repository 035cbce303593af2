/**
 * Deterministic simulation (VOPR style): many seeded schedules with random faults,
 * the Raft checks asserted on every recorded history, then a liveness phase after
 * the faults end. A failure names its seed and schedule so it can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { checkRaft } from '../../../shared/checks';
import { createRng } from '../../../shared/rng';
import { describeFault, randomFaults } from '../../../shared/sim';
import type { HardState } from '../../../shared/raft';
import { raftCluster, stableLeader } from './raft-cluster';

const SCHEDULES = Number(process.env.RAFT_SIM_SCHEDULES ?? 1500);
const FAULT_END_MS = 2500;
const LIVENESS_MS = 4000;

function runSchedule(seed: number) {
  const r = createRng(seed);
  const preVote = r.chance(0.5);
  const checkQuorum = r.chance(0.5);
  const nodes = r.pick([3, 5]);
  const { sim, program, ids } = raftCluster({
    seed, nodes, preVote, checkQuorum,
    lossRate: r.pick([0, 0.05, 0.2]),
    duplicateRate: r.pick([0, 0.05]),
    delay: r.pick([
      { kind: 'uniform', minMs: 1, maxMs: 20 } as const,
      { kind: 'exponential', meanMs: 15 } as const,
      { kind: 'normal', meanMs: 30, stdMs: 20 } as const,
    ]),
  });
  const faults = randomFaults(r, { nodes: ids, startMs: 0, endMs: FAULT_END_MS, count: r.int(1, 6) });
  for (const f of faults) sim.schedule(f);
  sim.runUntil(FAULT_END_MS);
  // Liveness: once faults are over (and messages flow), a leader emerges and everyone follows it.
  const live = sim.runUntil(FAULT_END_MS + LIVENESS_MS, () => stableLeader(sim, program, ids));
  const what = `seed=${seed} nodes=${nodes} preVote=${preVote} checkQuorum=${checkQuorum} faults=[${faults.map(describeFault).join('; ')}]`;
  return { violations: checkRaft(sim.events), live, what, events: sim.events.length };
}

/** Three nodes, one crash-and-quick-restart every 20–120 ms for 3 s. */
function crashStorm(seed: number, restore?: (h: HardState) => HardState) {
  const r = createRng(`storm/${seed}`);
  const { sim, ids } = raftCluster({ seed, nodes: 3, delay: { kind: 'uniform', minMs: 5, maxMs: 30 }, restore });
  for (let t = 100; t < 3000; t += r.range(20, 120)) {
    const n = r.pick(ids);
    sim.schedule({ kind: 'crash', node: n, atMs: t });
    sim.schedule({ kind: 'restart', node: n, atMs: t + r.range(1, 30) });
  }
  sim.runUntil(3000);
  return checkRaft(sim.events);
}

describe('raft under random faults (deterministic simulation)', () => {
  it(`keeps election safety, one vote per term and monotonic terms over ${SCHEDULES} seeded schedules, and elects a leader after the faults`, () => {
    let events = 0;
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const r = runSchedule(seed);
      events += r.events;
      expect(r.violations, `safety violated; replay with ${r.what}`).toEqual([]);
      expect(r.live, `no stable leader ${LIVENESS_MS} ms after the faults ended; replay with ${r.what}`).toBe(true);
    }
    expect(events).toBeGreaterThan(SCHEDULES * 50);
  }, 60_000);

  it('replays a seed exactly', () => {
    const a = runSchedule(42);
    const b = runSchedule(42);
    expect(a.events).toBe(b.events);
    expect(a.what).toBe(b.what);
  });

  it('stays safe through crash storms (crash-recovery every few election rounds)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      expect(crashStorm(seed), `replay with crashStorm(${seed})`).toEqual([]);
    }
  });

  it('catches a node that forgets its vote on restart', () => {
    let caught = null as null | { seed: number; checks: string[] };
    for (let seed = 1; seed <= 300 && !caught; seed++) {
      const v = crashStorm(seed, (h) => ({ ...h, votedFor: null }));
      if (v.length > 0) caught = { seed, checks: [...new Set(v.map((x) => x.check))] };
    }
    expect(caught, 'the checks never noticed a forgotten vote').not.toBeNull();
    expect(caught?.checks).toContain('one-vote-per-term');
  });

  it('catches a node that forgets its term on restart', () => {
    const v = crashStorm(1, () => ({ term: 0, votedFor: null, log: [] }));
    expect(v.map((x) => x.check)).toContain('monotonic-terms');
  });
});
