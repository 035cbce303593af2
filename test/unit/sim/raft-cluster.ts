/** Helpers to build simulated Raft clusters for the sim tests. */
import { ticksFromMs, type HardState, type Message } from '../../../shared/raft';
import { raftProgram, Simulator, type DelayDist, type RaftProgram } from '../../../shared/sim';

export interface ClusterOptions {
  nodes?: number;
  seed: number | string;
  preVote?: boolean;
  checkQuorum?: boolean;
  lossRate?: number;
  duplicateRate?: number;
  delay?: DelayDist;
  record?: boolean;
  restore?: (h: HardState) => HardState;
}

/** A simulated Raft cluster: 150–300 ms timeouts, 50 ms heartbeats, 1 ms ticks. */
export function raftCluster(o: ClusterOptions): { sim: Simulator<Message>; program: RaftProgram; ids: string[] } {
  const ids = Array.from({ length: o.nodes ?? 5 }, (_, i) => `n${i + 1}`);
  const tickMs = 1;
  const program = raftProgram({
    peers: ids,
    timing: ticksFromMs({ electionTimeoutMinMs: 150, electionTimeoutMaxMs: 300, heartbeatIntervalMs: 50, tickMs }),
    preVote: o.preVote,
    checkQuorum: o.checkQuorum,
    restore: o.restore,
  });
  const sim: Simulator<Message> = new Simulator<Message>({
    nodes: ids,
    program,
    seed: o.seed,
    tickMs,
    delay: o.delay ?? { kind: 'uniform', minMs: 1, maxMs: 20 },
    lossRate: o.lossRate,
    duplicateRate: o.duplicateRate,
    record: o.record,
    resolveNode: (): string | null => leaderOf(sim, program, ids),
  });
  return { sim, program, ids };
}

/** The node that is up and believes it leads with the highest term, if any. */
export function leaderOf(sim: Simulator<Message>, program: RaftProgram, ids: string[]): string | null {
  let best: { id: string; term: number } | null = null;
  for (const id of ids) {
    if (!sim.isUp(id)) continue;
    const s = program.node(id)?.status();
    if (s?.role === 'leader' && (!best || s.term > best.term)) best = { id, term: s.term };
  }
  return best?.id ?? null;
}

/** True when every up node follows the same leader in the same term. */
export function stableLeader(sim: Simulator<Message>, program: RaftProgram, ids: string[]): boolean {
  const up = ids.filter((id) => sim.isUp(id));
  const st = up.map((id) => program.node(id)?.status());
  const leader = st.find((s) => s?.role === 'leader');
  if (!leader) return false;
  return st.every((s) => s?.term === leader.term && s.leader === leader.id);
}
