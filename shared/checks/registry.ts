/**
 * Every safety check `coordlab check` runs, by topic. A topic applies to a run when
 * the run has its records (Raft `state` events with a term; `data.lease` records);
 * each violation names its check and the ids of the events that show it.
 */
import type { LabEvent } from '../events.js';
import { leaseDataOf } from '../lease/records';
import { analyzeLease, type LeaseOverlap, type StaleWrite } from './lease';
import { checkElectionSafety, checkMonotonicTerms, checkOneVotePerTerm, type RaftViolation } from './raft';

/** One violation found by a registered check. */
export interface CheckViolation {
  /** The topic, e.g. `raft`, `lease`. */
  topic: string;
  /** The check's name within its topic, e.g. `election-safety`. */
  check: string;
  /** One line for humans. */
  message: string;
  /** Ids of the events that show it (may be empty when no single event does). */
  events: number[];
}

/** One named check of a topic. */
export interface CheckDef {
  name: string;
  /** One line saying what must hold. */
  description: string;
  run(events: readonly LabEvent[]): CheckViolation[];
}

/** The checks of one topic, and when they apply. */
export interface CheckTopic {
  topic: string;
  applies(events: readonly LabEvent[]): boolean;
  checks: readonly CheckDef[];
}

/** What running every applicable check found. */
export interface CheckReport {
  /** Topics that applied, in registry order. */
  topics: string[];
  /** `topic/check` names that ran. */
  checks: string[];
  violations: CheckViolation[];
}

const raftCheck = (name: string, description: string, fn: (ev: readonly LabEvent[]) => RaftViolation[]): CheckDef => ({
  name,
  description,
  run: (events) => fn(events).map((v) => ({ topic: 'raft', check: v.check, message: v.message, events: v.events })),
});

const timeOf = (e: LabEvent): number | null => e.ref_ms ?? e.wall_ms;

/** The accepted write event a stale write was read from. */
function writeEventIds(events: readonly LabEvent[], w: StaleWrite): number[] {
  const hit = events.find((e) => {
    const d = leaseDataOf(e.data);
    return d?.lease === 'write' && d.outcome === 'accepted' && d.from === w.from && d.token === w.token && d.value === w.value && timeOf(e) === w.atMs;
  });
  return hit ? [hit.id] : [];
}

/** The two store grants that overlap: each holder's latest acquisition of the key up to the overlap's start. */
function overlapEventIds(events: readonly LabEvent[], o: LeaseOverlap): number[] {
  const ids: number[] = [];
  for (const node of o.nodes) {
    let best: LabEvent | null = null;
    for (const e of events) {
      const d = leaseDataOf(e.data);
      const t = timeOf(e);
      if (d?.lease !== 'store' || d.change !== 'acquired' || d.key !== o.key || d.holder !== node || t === null || t > o.startMs) continue;
      if (!best || (timeOf(best) as number) <= t) best = e;
    }
    if (best) ids.push(best.id);
  }
  return ids;
}

/** Raft election: the three safety properties of `shared/checks/raft.ts`. */
const RAFT: CheckTopic = {
  topic: 'raft',
  applies: (events) => events.some((e) => e.kind === 'state' && typeof e.data?.term === 'number' && leaseDataOf(e.data) === null),
  checks: [
    raftCheck('election-safety', 'at most one leader per term', checkElectionSafety),
    raftCheck('one-vote-per-term', 'a node grants its vote to at most one candidate per term', checkOneVotePerTerm),
    raftCheck('monotonic-terms', "a node's term never decreases, also across crash-recovery", checkMonotonicTerms),
  ],
};

/** The run's first recorded time (ref_ms, else wall_ms), so messages can say "n s into the run". */
function runStartMs(events: readonly LabEvent[]): number {
  let t0 = Infinity;
  for (const e of events) {
    const t = e.ref_ms ?? e.wall_ms;
    if (t !== null && t < t0) t0 = t;
  }
  return t0 === Infinity ? 0 : t0;
}

/** A recorded time as seconds into the run, e.g. `4.213 s`. */
const intoRun = (ms: number, t0: number): string => `${((ms - t0) / 1000).toFixed(3)} s`;

/** Lease election: the violations of `leaseViolations` (shared/checks/lease.ts), with their events. */
const LEASE: CheckTopic = {
  topic: 'lease',
  applies: (events) => events.some((e) => leaseDataOf(e.data) !== null),
  checks: [
    {
      name: 'stale-write-overwrote',
      description: 'no write from a former holder is accepted on top of a newer token',
      run: (events) => {
        const t0 = runStartMs(events);
        return analyzeLease(events).stale_writes.filter((w) => w.overwrote).map((w) => ({
          topic: 'lease',
          check: 'stale-write-overwrote',
          message: `write from ${w.from} (token ${w.token}) accepted ${intoRun(w.atMs, t0)} into the run on top of a newer token while the store's holder was ${w.holders.length ? w.holders.join(', ') : 'nobody'}`,
          events: writeEventIds(events, w),
        }));
      },
    },
    {
      name: 'store-overlap',
      description: 'the store never grants a key to two nodes at once',
      run: (events) => {
        const t0 = runStartMs(events);
        return analyzeLease(events).overlap_list.filter((o) => o.view === 'store').map((o) => ({
          topic: 'lease',
          check: 'store-overlap',
          message: `store granted ${o.key} to ${o.nodes[0]} and ${o.nodes[1]} at once (${intoRun(o.startMs, t0)} to ${intoRun(o.endMs, t0)} into the run)`,
          events: overlapEventIds(events, o),
        }));
      },
    },
  ],
};

/** Every topic `coordlab check` knows, in the order it reports them. */
export const CHECK_TOPICS: readonly CheckTopic[] = [RAFT, LEASE];

/** Runs every check of every topic that applies to `events`. */
export function runChecks(events: readonly LabEvent[], topics: readonly CheckTopic[] = CHECK_TOPICS): CheckReport {
  const report: CheckReport = { topics: [], checks: [], violations: [] };
  for (const t of topics) {
    if (!t.applies(events)) continue;
    report.topics.push(t.topic);
    for (const c of t.checks) {
      report.checks.push(`${t.topic}/${c.name}`);
      report.violations.push(...c.run(events));
    }
  }
  return report;
}
