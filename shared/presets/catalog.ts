/**
 * The gallery's presets: one per claim of the chapter (shared/chapter-coordination.md).
 * Each variant is a complete Experiment; test/unit/presets checks every one with
 * validateExperiment and the scenario's node count.
 */
import { defaultNodeNames, defaultSystemModel } from '../experiment/defaults';
import type { ClockFault, Experiment, SystemModel } from '../experiment/types';
import type { Preset } from './types';

/** A complete experiment from the fields a preset sets; the rest are the defaults. */
function experiment(e: Partial<Omit<Experiment, 'model' | 'clocks'>> & { scenario: string; model?: Partial<SystemModel>; clocks?: Record<string, Partial<ClockFault>> }): Experiment {
  const clocks: Record<string, ClockFault> = {};
  for (const [node, c] of Object.entries(e.clocks ?? {})) clocks[node] = { offsetMs: 0, driftPpm: 0, steps: [], jitterMs: 0, ...c };
  return {
    scenario: e.scenario,
    nodes: e.nodes ?? defaultNodeNames(3),
    seed: e.seed ?? 7,
    durationMs: e.durationMs ?? 8000,
    model: { ...defaultSystemModel(), ...e.model },
    clocks,
    faults: e.faults ?? [],
    failures: e.failures ?? 'crash-recovery',
    options: e.options ?? {},
    ...(e.label !== undefined ? { label: e.label } : {}),
  };
}

const ntpStep: Preset = {
  id: 'ntp-step-back',
  title: 'NTP steps the wall clock back; the monotonic clock never goes back',
  claim: 'A node synchronised with NTP can see its wall clock jump back in time, so an operation that happens later can carry a smaller timestamp. The monotonic clock only moves forward.',
  lookFor: "n2's wall clock starts 1.5 s fast; every node polls the lab's NTP server every 500 ms. At n2's first poll NTP steps its wall clock back by about 1.5 s (a clock event `step -1500 ms`, listed under faults and clock steps), and the next tick records `wall clock went back … while the monotonic clock advanced …`. The live clock offset of n2 drops from +1.5 s to ≈ 0. Until the step, n2's messages arrive 'before' they were sent by the receivers' clocks (wall-clock inversions in the orderings view).",
  views: ['live', 'orderings', 'run'],
  variants: [
    {
      id: 'ntp-step-back',
      label: 'Run',
      experiment: experiment({
        scenario: 'clocks',
        label: 'NTP steps n2 back',
        durationMs: 8000,
        clocks: { n2: { offsetMs: 1500 } },
        options: { ntp: ['lab'], ntpPollMs: 500 },
      }),
    },
  ],
};

const lamport: Preset = {
  id: 'lamport-not-causality',
  title: 'Lamport order is not causality',
  claim: 'A smaller Lamport timestamp does not mean an event happened before another: unrelated events get ordered too. Wall clocks that disagree make things worse, ordering a receive before its send.',
  lookFor: "Four nodes with skewed clocks (n2 300 ms slow, n3 250 ms fast and drifting, n4 jittery) exchange messages at random. In the orderings view, switch the axis between wall clock, Lamport and causal: the order lists mark where Lamport's total order puts concurrent events in a sequence the vector clocks do not, and wall-clock inversions (a message received 'before' it was sent) are flagged.",
  views: ['orderings', 'live'],
  variants: [
    {
      id: 'lamport-not-causality',
      label: 'Run',
      experiment: experiment({
        scenario: 'causality',
        label: 'Lamport order vs causality (skewed clocks)',
        nodes: defaultNodeNames(4),
        durationMs: 5000,
        model: { delay: { kind: 'uniform', minMs: 2, maxMs: 40 } },
        clocks: { n2: { offsetMs: -300 }, n3: { offsetMs: 250, driftPpm: 2000 }, n4: { jitterMs: 5 } },
      }),
    },
  ],
};

const vclock: Preset = {
  id: 'vector-clock-figure',
  title: "The chapter's vector-clock example",
  claim: 'Vector clocks order events exactly by happened-before: B happened before C, and E is concurrent with C.',
  lookFor: "Three nodes play events A–F. In the orderings view, select C: B (and A) are in its causal past, E is in its concurrent set (neither clock is ≤ the other). F's vector clock [2,2,2] covers every other event.",
  views: ['orderings', 'run'],
  variants: [
    {
      id: 'vector-clock-figure',
      label: 'Run',
      experiment: experiment({ scenario: 'vclock-figure', label: 'vector-clock figure (B → C, E ∥ C)', durationMs: 2000 }),
    },
  ],
};

const missedReplies: Preset = {
  id: 'slow-crash-partition',
  title: 'A slow server, a crash and a partition look the same',
  claim: 'A client that gets no reply cannot tell whether the server is slow, crashed, or cut off by the network: every case is just missed replies, so a detector can only suspect.',
  lookFor: 'At 3 s n2 is paused for 2 s (slow), n3 crashes (and restarts at 6 s), and n4 is partitioned away for 2 s. Every other node\'s ping and heartbeat detectors suspect all three alike; only the lab\'s ground truth (pause, crash and fault events) tells them apart. In the live view the three nodes show different states, yet the suspect events look the same.',
  views: ['live', 'run'],
  variants: [
    {
      id: 'slow-crash-partition',
      label: 'Run',
      experiment: experiment({
        scenario: 'fd',
        label: 'slow vs crashed vs partitioned',
        nodes: defaultNodeNames(4),
        durationMs: 9000,
        options: { detectors: ['ping', 'heartbeat'], heartbeatMs: 100 },
        faults: [
          { kind: 'pause', node: 'n2', atMs: 3000, forMs: 2000 },
          { kind: 'crash', node: 'n3', atMs: 3000 },
          { kind: 'restart', node: 'n3', atMs: 6000 },
          { kind: 'partition', groups: [['n4']], atMs: 3000, untilMs: 5000 },
        ],
      }),
    },
  ],
};

const raftFaults = [
  { kind: 'crash' as const, node: 'leader', atMs: 2000 },
  { kind: 'restart' as const, node: 'leader', atMs: 3500 },
];

const raft: Preset = {
  id: 'raft-split-votes',
  title: 'Raft without randomized timeouts splits votes',
  claim: 'When candidates time out together they split the vote and nobody wins; Raft randomizes the election timeout so one candidate usually starts first and wins.',
  lookFor: 'Five nodes; the leader crashes at 2 s and comes back at 3.5 s. With every timeout fixed at 150 ms, several nodes become candidates in the same term and terms climb without a leader (watch the roles and terms in the live view). With 150–300 ms, one election usually settles it in a single term.',
  views: ['live', 'run'],
  variants: [
    {
      id: 'raft-fixed',
      label: 'Fixed 150 ms',
      experiment: experiment({
        scenario: 'raft',
        label: 'raft, fixed 150 ms election timeout',
        nodes: defaultNodeNames(5),
        durationMs: 6000,
        options: { electionTimeoutMs: { minMs: 150, maxMs: 150 }, heartbeatMs: 50 },
        faults: raftFaults,
      }),
    },
    {
      id: 'raft-randomized',
      label: 'Randomized 150–300 ms',
      experiment: experiment({
        scenario: 'raft',
        label: 'raft, randomized 150–300 ms election timeout',
        nodes: defaultNodeNames(5),
        durationMs: 6000,
        options: { electionTimeoutMs: { minMs: 150, maxMs: 300 }, heartbeatMs: 50 },
        faults: raftFaults,
      }),
    },
  ],
};

const leaseNodes = ['n1', 'n2', 'n3', 'store', 'storage'];
const leasePause = [{ kind: 'pause' as const, node: 'leader', atMs: 3000, forMs: 2500 }];

const lease: Preset = {
  id: 'lease-paused-holder',
  title: 'A lease holder paused past its TTL',
  claim: 'After acquiring a lease, a leader can be paused (a GC, a stalled VM) past the lease TTL, lose the lease without knowing, and keep acting as leader. Fencing tokens let the resource reject its stale writes.',
  lookFor: "Clients n1–n3 compete for a 1 s lease in the store; the leader writes to storage. At 3 s the leader is paused for 2.5 s; another node takes the lease. When the old leader resumes it still believes it leads and writes. Without fencing the storage accepts the stale write; with fencing it rejects it (look for rejected writes among the events).",
  views: ['live', 'run'],
  variants: [
    {
      id: 'lease-no-fencing',
      label: 'Without fencing',
      experiment: experiment({ scenario: 'lease', label: 'lease: paused leader, no fencing', nodes: leaseNodes, durationMs: 8000, options: { fencing: false, ttlMs: 1000 }, faults: leasePause }),
    },
    {
      id: 'lease-fencing',
      label: 'With fencing',
      experiment: experiment({ scenario: 'lease', label: 'lease: paused leader, fencing tokens', nodes: leaseNodes, durationMs: 8000, options: { fencing: true, ttlMs: 1000 }, faults: leasePause }),
    },
  ],
};

const links: Preset = {
  id: 'fair-loss-vs-reliable',
  title: 'Fair-loss links, with and without retransmission',
  claim: 'A fair-loss link may lose and duplicate messages; a reliable link is built on top of it by retransmitting until acknowledged and de-duplicating at the receiver.',
  lookFor: 'The network loses 20 % and duplicates 10 % of what it carries. On the fair-loss link the live counters show drops and duplicate receives, and some sends are never received. On the reliable link frames are still dropped, but retransmission delivers every message and de-duplication delivers it exactly once (duplicates stay at 0).',
  views: ['live', 'run'],
  variants: [
    {
      id: 'links-fair-loss',
      label: 'Fair-loss',
      experiment: experiment({ scenario: 'causality', label: 'fair-loss link, 20% loss, 10% dup', durationMs: 6000, model: { link: 'fair-loss', loss: 0.2, dup: 0.1 } }),
    },
    {
      id: 'links-reliable',
      label: 'Reliable (retransmit + dedup)',
      experiment: experiment({ scenario: 'causality', label: 'reliable link, 20% loss, 10% dup', durationMs: 6000, model: { link: 'reliable', loss: 0.2, dup: 0.1 } }),
    },
  ],
};

/** Every preset, in the chapter's order. */
export const PRESETS: readonly Preset[] = [links, missedReplies, ntpStep, lamport, vclock, raft, lease];

/** The variant with this id, with its preset, or null. */
export function findPresetVariant(id: string): { preset: Preset; variant: Preset['variants'][number] } | null {
  for (const preset of PRESETS) for (const variant of preset.variants) if (variant.id === id) return { preset, variant };
  return null;
}

/** A deep copy of an experiment (presets stay untouched when the designer edits one). */
export function cloneExperiment(e: Experiment): Experiment {
  return JSON.parse(JSON.stringify(e)) as Experiment;
}
