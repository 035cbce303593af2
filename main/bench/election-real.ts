/**
 * The Raft paper's election experiment (§9.3, Figure 16) on real node processes:
 * one lab run per timeout range, one cluster reused across its trials. Each trial:
 * wait until every node follows one leader, let it send heartbeat rounds for a
 * while, crash it (SIGKILL) at a uniformly random moment within a heartbeat interval,
 * measure crash → a new leader is elected (both on the host's monotonic clock, as
 * recorded), restart the old node, and repeat.
 *
 * Differences from the simulator (documented in docs/raft-election.md): every
 * heartbeat of the etcd-style core is already a synchronous round to all followers,
 * so the crash is placed relative to the last one as recorded; and all logs are
 * equally long (the `raft` scenario has no option to keep servers behind).
 */
import { experimentFromFlags, validateExperiment, type Experiment } from '../../shared/experiment';
import { checkRaft } from '../../shared/checks';
import { createRng, type Rng } from '../../shared/rng';
import { cdfPoints, summarize, type TimeoutRange } from '../../shared/sim';
import { LiveHub } from '../api/live-hub';
import { Lab } from '../lab/lab';
import { LabError, type Store } from '../store';
import { heartbeatFor, type ElectionBenchPlan } from './election-args';
import type { ElectionBenchResult } from './election-report';
import { RaftWatch } from './raft-watch';

/** Tick of the Raft cores on real processes, ms (the scenario's finest). */
export const REAL_TICK_MS = 1;
/** How long a cluster may take to settle on a leader before a trial, ms of real time. */
const SETTLE_DEADLINE_MS = 30_000;

/** A whole-number run seed from any text (FNV-1a, 32 bits). */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The experiment of one range: `raft` on `nodes` processes, one-way delay uniform in [bt/3, 2bt/3]. */
export function electionExperiment(plan: ElectionBenchPlan, range: TimeoutRange): Experiment {
  const hb = heartbeatFor(plan, range);
  const built = experimentFromFlags('raft', {
    nodes: String(plan.nodes),
    duration: '24h',
    seed: String(seedOf(`${plan.seed}/${range.label}`)),
    'election-timeout': `${range.minMs}-${range.maxMs}ms`,
    heartbeat: `${hb}ms`,
    label: `bench election ${range.label} ms`,
  });
  if (!built.ok) throw new LabError(`bench election: ${built.errors.join('; ')}`);
  const bt = plan.broadcastMs;
  const delay = bt > 0 ? { kind: 'uniform' as const, minMs: bt / 3, maxMs: (2 * bt) / 3 } : { kind: 'constant' as const, ms: 0 };
  // The last `laggingNodes` servers are kept behind (shorter logs, entries stripped) so they cannot win.
  const laggingNodes = built.experiment.nodes.slice(built.experiment.nodes.length - plan.laggingNodes);
  const exp = validateExperiment({ ...built.experiment, model: { ...built.experiment.model, delay }, options: { ...built.experiment.options, tickMs: REAL_TICK_MS, laggingNodes } });
  if (!exp.ok) throw new LabError(`bench election: ${exp.errors.join('; ')}`);
  return exp.experiment;
}

/** The cluster did not settle on a leader in time: the range ends with the trials it has. */
class NoLeaderError extends Error {}

/** Node names of the lab's processes that are up. */
const upNodes = (lab: Lab): string[] => lab.nodes().filter((n) => n.state === 'up').map((n) => n.node);

/** Waits until every node is up and follows one leader; null at the deadline. */
function settled(lab: Lab, watch: RaftWatch, nodes: number, deadlineMs: number): Promise<{ node: string; term: number } | null> {
  return watch.waitFor(() => {
    const up = upNodes(lab);
    return up.length === nodes ? watch.agreedLeader(up) : null;
  }, deadlineMs);
}

const nextBatch = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

/** One trial's outcome; null downtime when the crash did not hit a leader (leadership moved just before it, or nobody led). */
interface TrialOutcome {
  downtimeMs: number | null;
  crashAfterHeartbeatMs: number | null;
}

/** One trial on a settled cluster (the crashed node restarted after it when `restart`). */
async function trial(lab: Lab, watch: RaftWatch, plan: ElectionBenchPlan, hbMs: number, rng: Rng, restart: boolean): Promise<TrialOutcome> {
  const leader = await settled(lab, watch, plan.nodes, SETTLE_DEADLINE_MS);
  if (!leader) throw new NoLeaderError(`the cluster did not settle on one leader within ${SETTLE_DEADLINE_MS / 1000} s`);
  // A few heartbeat rounds in steady state, then the crash at a uniformly random moment:
  // the lab's timer is independent of the leader's heartbeat phase. `leader` is resolved
  // by the lab when the crash fires (leadership may move meanwhile on a loaded host).
  const crashes = watch.crashes.length;
  lab.inject({ kind: 'crash', node: 'leader', atMs: 3 * hbMs + rng.range(0, hbMs) });
  const crash = await watch.waitFor(() => watch.crashes[crashes] ?? null, 3000 + 4 * hbMs);
  // No node led when the crash fired (the lab skipped it): not a trial either.
  if (!crash) return { downtimeMs: null, crashAfterHeartbeatMs: null };
  let downtimeMs: number | null = null;
  if (crash.wasLeader) {
    const next = await watch.waitFor(() => watch.leaderAfter(crash.monoMs, crash.term), plan.capMs + 1000);
    downtimeMs = next && next.monoMs - crash.monoMs < plan.capMs ? next.monoMs - crash.monoMs : plan.capMs;
  }
  const hb = watch.heartbeatBefore(crash.node, crash.monoMs);
  if (restart || downtimeMs === null) {
    lab.inject({ kind: 'restart', node: crash.node, atMs: 0 });
    // The node is `starting` from the next timer turn on; settled() then waits for it to run and follow.
    await nextBatch();
  }
  return { downtimeMs, crashAfterHeartbeatMs: hb === null ? null : crash.monoMs - hb };
}

/** Runs `plan.trials` trials of one range on one cluster; the run is recorded in `store`. */
export async function runRealElectionRange(
  store: Store,
  plan: ElectionBenchPlan,
  range: TimeoutRange,
  onTrial: () => void,
  signal?: AbortSignal,
): Promise<ElectionBenchResult> {
  const hbMs = heartbeatFor(plan, range);
  const hub = new LiveHub();
  const watch = new RaftWatch();
  const lab = await Lab.start({ store, experiment: electionExperiment(plan, range), hub, meta: { bench: 'election', range: range.label, trials: plan.trials } });
  const unsubscribe = hub.subscribe(lab.run, (b) => watch.onEvents(b.events));
  const rng = createRng(`${plan.seed}/${range.label}/crash`);
  const onAbort = (): void => void lab.stop('stopped');
  signal?.addEventListener('abort', onAbort);
  const downtimesMs: number[] = [];
  const offsets: (number | null)[] = [];
  let error: string | undefined;
  let missed = 0;
  try {
    for (let i = 0; i < plan.trials; ) {
      const t = await trial(lab, watch, plan, hbMs, rng, i < plan.trials - 1).catch((e: unknown) => {
        if (signal?.aborted) throw new LabError(`bench election: stopped after ${i} trials of ${range.label} ms (run ${lab.run})`, 3);
        if (e instanceof NoLeaderError) return `${e.message} (after ${i} trials)`;
        throw e;
      });
      if (typeof t === 'string') {
        error = t;
        break;
      }
      if (t.downtimeMs === null) {
        // The node the lab took for leader had just lost leadership: not a trial, do it again.
        if (++missed > plan.trials) throw new LabError(`bench election: ${missed} crashes missed the leader in ${range.label} ms (run ${lab.run})`, 3);
        continue;
      }
      downtimesMs.push(t.downtimeMs);
      offsets.push(t.crashAfterHeartbeatMs);
      i++;
      onTrial();
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    await lab.stop('done');
  }
  return {
    range: range.label,
    minMs: range.minMs,
    maxMs: range.maxMs,
    heartbeatMs: hbMs,
    ...summarize(downtimesMs),
    censored: downtimesMs.filter((d) => d >= plan.capMs).length,
    cdf: cdfPoints(downtimesMs),
    downtimesMs,
    run: lab.run,
    crashAfterHeartbeatMs: offsets,
    violations: checkRaft(store.allEvents(lab.run)).length,
    missedLeader: missed,
    error,
  };
}
