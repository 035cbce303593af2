/**
 * Runs for the topic-view e2e tests, recorded into a temp database: the scenario cores
 * on the deterministic simulator (shared/scenarios/sim-program.ts), so they hold the
 * events real runs hold, with faults at known times.
 */
import type { LabEvent, NewEvent } from '../../shared/events';
import type { Store } from '../../main/store';
import { createLeaseCore, leaseDataOf, leaseScenarioOptions, type LeaseStateData } from '../../shared/lease';
import { fdScenario, raftScenario, scenarioSimProgram, type ScenarioDef, type ScenarioSimMessage } from '../../shared/scenarios';
import { Simulator } from '../../shared/sim';

const EPOCH = 1_764_000_000_000;

function save(store: Store, scenario: string, label: string, nodes: string[], events: readonly LabEvent[], experiment: Record<string, unknown>): string {
  const run = store.createRun({ scenario, label, nodes, experiment }).run;
  const batch: NewEvent[] = events.map(({ run: _r, id: _i, ...e }) => e);
  for (let i = 0; i < batch.length; i += 5000) store.appendEvents(run, batch.slice(i, i + 5000));
  store.finishRun(run, 'done');
  return run;
}

/** The lab records faults on node `lab`; the simulator on the node. Move them to `lab` as the runtime does. */
function asLab(events: readonly LabEvent[]): LabEvent[] {
  let seq = 0;
  return events.map((e) => (['crash', 'pause', 'resume'].includes(e.kind)
    ? { ...e, node: 'lab', seq: ++seq, lamport: seq, vclock: { lab: seq }, data: { ...(e.data ?? {}), node: e.node } }
    : e));
}

/**
 * Raft on five nodes with a narrow election timeout (150–155 ms): simultaneous timeouts
 * split votes before someone wins; the leader crashes at 1.5 s and the rest elect another.
 */
export function raftRun(store: Store, seed = 3): { run: string; events: readonly LabEvent[] } {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const options = { electionTimeoutMs: { minMs: 150, maxMs: 155 }, heartbeatMs: 50, tickMs: 1 };
  const sim = new Simulator<ScenarioSimMessage>({ nodes, program: scenarioSimProgram(raftScenario, { nodes, options, epochMs: EPOCH }), seed, tickMs: 1, delay: { kind: 'uniform', minMs: 2, maxMs: 12 }, epochMs: EPOCH, run: 'raft' });
  let leader: string | null = null;
  sim.at(1500, () => {
    for (const e of sim.events) if (e.kind === 'state' && e.data?.role === 'leader') leader = e.node;
    if (leader) sim.crash(leader);
  });
  sim.runUntil(3000);
  const events = asLab(sim.events);
  const run = save(store, 'raft', `raft split votes (seed ${seed})`, nodes, events, { scenario: 'raft', nodes, seed, options, clocks: {}, faults: [] });
  return { run, events };
}

/** Failure detectors (heartbeat, phi) on three nodes: n3 crashes at 2 s for good, n2 is paused 4.0–4.8 s. */
export function fdRun(store: Store, seed = 1): { run: string; events: readonly LabEvent[] } {
  const nodes = ['n1', 'n2', 'n3'];
  const options = { detectors: ['heartbeat', 'phi'], heartbeatMs: 100, fdTimeoutMs: 400 };
  const sim = new Simulator<ScenarioSimMessage>({ nodes, program: scenarioSimProgram(fdScenario, { nodes, options, epochMs: EPOCH }), seed, tickMs: 10, delay: { kind: 'uniform', minMs: 1, maxMs: 30 }, epochMs: EPOCH, run: 'fd' });
  sim.at(2000, () => sim.crash('n3'));
  sim.at(4000, () => sim.pause('n2', 800));
  sim.runUntil(6000);
  const events = asLab(sim.events);
  const run = save(store, 'fd', 'failure detectors: crash and pause', nodes, events, { scenario: 'fd', nodes, seed, options, clocks: {}, faults: [] });
  return { run, events };
}

const leaseScenario: ScenarioDef = { name: 'lease', description: 'lease election', tickMs: (o) => leaseScenarioOptions(o).tickMs, create: createLeaseCore };

/** Lease election, fencing on or off: whoever leads at 2 s is paused for 3 s (3 × TTL) mid-write. */
export function leaseRun(store: Store, fencing: boolean, seed = 1): { run: string; events: readonly LabEvent[] } {
  const nodes = ['n1', 'n2', 'n3', 'store', 'storage'];
  const options = { ttlMs: 1000, writeEveryMs: 100, workMs: 100, fencing };
  const sim = new Simulator<ScenarioSimMessage>({ nodes, program: scenarioSimProgram(leaseScenario, { nodes, options, epochMs: EPOCH }), seed, tickMs: leaseScenarioOptions(options).tickMs, delay: { kind: 'constant', ms: 3 }, epochMs: EPOCH, run: 'lease' });
  sim.at(2000, () => {
    const role = new Map<string, string>();
    for (const e of sim.events) {
      const d = leaseDataOf(e.data);
      if (d?.lease === 'state') role.set(e.node, (d as LeaseStateData).role);
    }
    const leader = [...role].find(([, r]) => r === 'leader')?.[0];
    if (!leader) throw new Error('nobody leads at 2 s');
    sim.pause(leader, 3000);
  });
  sim.runUntil(7000);
  const events = asLab(sim.events);
  const run = save(store, 'lease', `lease, paused leader, fencing ${fencing ? 'on' : 'off'}`, nodes, events, { scenario: 'lease', nodes, seed, options, clocks: {}, faults: [] });
  return { run, events };
}
