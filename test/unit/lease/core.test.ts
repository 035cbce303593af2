/**
 * The lease scenario's node cores on the deterministic simulator (shared/sim through
 * shared/scenarios' adapter): what the process runtime will run, on virtual time.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../shared/sim';
import { scenarioSimProgram, type ScenarioDef, type ScenarioSimMessage } from '../../../shared/scenarios';
import {
  createLeaseCore,
  leaseDataOf,
  leaseScenarioOptions,
  parseLeaseBody,
  type LeaseStateData,
} from '../../../shared/lease';
import { analyzeLease, leaseViolations } from '../../../shared/checks/lease';
import type { LabEvent } from '../../../shared/events';

const leaseScenario: ScenarioDef = {
  name: 'lease',
  description: 'lease election over a KV store with TTL and CAS, fencing on/off',
  tickMs: (o) => leaseScenarioOptions(o).tickMs,
  create: createLeaseCore,
};
const nodes = ['n1', 'n2', 'n3', 'store', 'storage'];

/** Who believes it leads, from the events so far (last lease state per node). */
function believers(events: readonly LabEvent[]): string[] {
  const role = new Map<string, string>();
  for (const e of events) {
    const d = leaseDataOf(e.data);
    if (d?.lease === 'state') role.set(e.node, (d as LeaseStateData).role);
  }
  return [...role].filter(([, r]) => r === 'leader').map(([n]) => n);
}

function run(options: Record<string, unknown>, seed: number, faults: (sim: Simulator<ScenarioSimMessage>) => void, endMs = 8000) {
  const program = scenarioSimProgram(leaseScenario, { nodes, options });
  const sim = new Simulator<ScenarioSimMessage>({ nodes, program, seed, tickMs: leaseScenarioOptions(options).tickMs, delay: { kind: 'constant', ms: 3 } });
  faults(sim);
  sim.runUntil(endMs);
  return { sim, report: analyzeLease(sim.events) };
}

/** Pause whoever leads at 2 s for 3×TTL (its write is mid-work: workMs = writeEveryMs). */
const pauseLeader = (ttlMs: number) => (sim: Simulator<ScenarioSimMessage>) =>
  sim.at(2000, () => {
    const [leader] = believers(sim.events);
    if (!leader) throw new Error('nobody leads at 2 s');
    sim.pause(leader, 3 * ttlMs);
  });

describe('lease scenario cores on the simulator', () => {
  const base = { ttlMs: 1000, writeEveryMs: 100, workMs: 100 };

  it('elects one leader, who writes; no faults: no overlap, no stale write', () => {
    const { report, sim } = run({ ...base, fencing: false }, 1, () => undefined, 4000);
    expect(report.overlaps).toBe(0);
    expect(report.stale_writes_accepted).toBe(0);
    expect(report.writes_accepted).toBeGreaterThan(20);
    expect(believers(sim.events)).toHaveLength(1);
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: a leader paused past its TTL corrupts without fencing; fencing rejects it`, () => {
      const off = run({ ...base, fencing: false }, seed, pauseLeader(1000)).report;
      expect(off.overlaps_store).toBe(0);
      expect(off.overlaps_belief).toBeGreaterThanOrEqual(1);
      expect(off.stale_writes_overwriting).toBeGreaterThanOrEqual(1);
      expect(leaseViolations(off).length).toBeGreaterThanOrEqual(1);

      const on = run({ ...base, fencing: true }, seed, pauseLeader(1000)).report;
      expect(on.stale_writes_rejected).toBeGreaterThanOrEqual(1);
      expect(on.stale_writes_accepted).toBe(0);
      expect(leaseViolations(on)).toEqual([]);
    });
  }

  it('the store keeps its revisions across a crash and restart: tokens keep increasing', () => {
    const { sim, report } = run({ ...base, fencing: true }, 4, (s) => {
      s.at(1500, () => s.crash('store'));
      s.at(1700, () => s.restart('store'));
    }, 6000);
    const grants = sim.events
      .map((e) => leaseDataOf(e.data))
      .filter((d) => d?.lease === 'store' && d.change === 'acquired')
      .map((d) => (d as { token: number }).token);
    expect(grants.length).toBeGreaterThanOrEqual(1);
    expect(grants).toEqual([...grants].sort((a, b) => a - b));
    expect(report.overlaps_store).toBe(0);
    expect(leaseViolations(report)).toEqual([]);
  });

  it('a restarted store node keeps revisions and gives held leases a full TTL on its new clock', () => {
    const first = createLeaseCore({ node: 'store', options: {}, durable: null });
    first.start({ monoMs: 5000, wallMs: 0 });
    const got = first.receive('n1', { lease: 'request', request: { op: 'acquire', reqId: 1, key: 'leader', holder: 'n1', ttlMs: 1000 } }, { monoMs: 5000, wallMs: 0 });
    const again = createLeaseCore({ node: 'store', options: {}, durable: got.persist });
    again.start({ monoMs: 0, wallMs: 0 });
    expect(again.tick({ monoMs: 999, wallMs: 0 })).toEqual({});
    expect(again.tick({ monoMs: 1000, wallMs: 0 }).events?.[0]?.data).toMatchObject({ lease: 'store', change: 'ended', reason: 'expired', holder: 'n1', token: 1 });
    const next = again.receive('n2', { lease: 'request', request: { op: 'acquire', reqId: 1, key: 'leader', holder: 'n2', ttlMs: 1000 } }, { monoMs: 1001, wallMs: 0 });
    expect(next.sends?.[0]?.body).toMatchObject({ reply: { acquire: { ok: true, lease: { token: 3 } } } });
  });

  it('refuses TTL ≤ 0 and malformed bodies', () => {
    expect(() => createLeaseCore({ node: 'n1', options: { ttlMs: 0 }, durable: null })).toThrow(/TTL must be a positive/);
    expect(() => leaseScenarioOptions({ ttlMs: '5s' })).toThrow(/ttlMs must be a number/);
    expect(parseLeaseBody({ lease: 'request', request: { op: 'acquire', reqId: 1, key: 'k' } })).toBeNull();
    expect(parseLeaseBody({ lease: 'write', write: { from: 'n1', token: '3', value: 'v' } })).toBeNull();
    expect(parseLeaseBody('junk')).toBeNull();
    const store = createLeaseCore({ node: 'store', options: {}, durable: null });
    const out = store.receive('n2', { lease: 'request', request: { op: 'acquire', reqId: 1, key: 'k', holder: 'n1', ttlMs: 100 } }, { monoMs: 0, wallMs: 0 });
    expect(out.sends?.[0]).toMatchObject({ to: 'n2', body: { lease: 'reply', reply: { error: { code: 'invalid-argument' } } } });
  });
});
