/**
 * Faults aimed at `leader` when no node leads at their scheduled time (between terms, a
 * lease free, an election slowed by a loaded machine): they wait for the next leader and
 * hit it, a late pause still lasts its full length, and one whose window closes with no
 * leader is recorded as skipped. Real node processes, a real SQLite file.
 */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../shared/events';
import { Lab, type LabOptions } from '../../main/lab/lab';
import { eventsOf, experiment, freshStorePerTest } from './runtime-helpers';

const fresh = freshStorePerTest();

async function run(opts: Omit<LabOptions, 'store'>): Promise<LabEvent[]> {
  const lab = await Lab.start({ store: fresh.store(), ...opts });
  await lab.done;
  return eventsOf(fresh.store(), lab.run);
}

const labEvents = (events: LabEvent[]) => events.filter((e) => e.node === 'lab').sort((a, b) => a.seq - b.seq);

describe('faults on `leader` with no leader at their time', () => {
  it('raft: a pause at 10 ms (before any election) waits, pauses the first leader, and lasts its full 700 ms', async () => {
    const events = await run({ experiment: experiment('raft', { nodes: '3', duration: '2500ms', seed: '3', pause: ['leader@10ms+700ms'] }) });
    const lab = labEvents(events);
    const waiting = lab.find((e) => e.data?.waiting === true);
    expect(waiting?.label).toMatch(/pause leader.*waiting for a leader \(none now\)/);
    const pause = lab.find((e) => e.kind === 'pause');
    expect(pause, JSON.stringify(lab.map((e) => e.label))).toBeDefined();
    const victim = String(pause!.data!.node);
    // It hit a node that had just become leader, after it did.
    const became = events.find((e) => e.node === victim && e.kind === 'state' && e.data?.role === 'leader');
    expect(became).toBeDefined();
    expect(became!.ref_ms!).toBeLessThanOrEqual(pause!.ref_ms!);
    expect(Number(pause!.data!.waitedMs)).toBeGreaterThan(0);
    expect(Number(pause!.data!.atMs)).toBeGreaterThan(10);
    // The resume comes its full length after the late start, not at 710 ms.
    const resume = lab.find((e) => e.kind === 'resume');
    expect(resume?.data?.node).toBe(victim);
    expect(Number(resume!.data!.atMs) - Number(pause!.data!.atMs)).toBeGreaterThanOrEqual(695);
  });

  it('causality (no leaders at all): the pause waits, and is recorded as skipped when its window closes', async () => {
    const events = await run({ experiment: experiment('causality', { nodes: '3', duration: '1200ms', pause: ['leader@100ms+300ms'], crash: ['leader@200ms'] }) });
    const labels = labEvents(events).map((e) => e.label ?? '');
    expect(labels.filter((l) => /waiting for a leader/.test(l))).toHaveLength(2);
    expect(labels.some((l) => /pause leader.*skipped \(no leader appeared within its window\)/.test(l)), labels.join('\n')).toBe(true);
    expect(labels.some((l) => /crash leader.*skipped \(no leader appeared before the run ended\)/.test(l)), labels.join('\n')).toBe(true);
    expect(events.some((e) => e.kind === 'pause' || e.kind === 'crash')).toBe(false);
  });
});
