/**
 * Raft as a simulator program: each simulated node runs the pure core of
 * `shared/raft`, persisting its hard state across crashes.
 */
import {
  createRaft, describeMessage, eventRecord, messageData,
  type HardState, type Message, type RaftNode, type RaftTimingTicks,
} from '../raft';
import type { SimProgram } from './program';

/** Cluster-wide Raft settings for a simulation. */
export interface RaftProgramOptions {
  peers: readonly string[];
  timing: RaftTimingTicks;
  preVote?: boolean;
  checkQuorum?: boolean;
  /** Disk contents before the first start (e.g. logs of different lengths). */
  initialHardState?: (id: string) => HardState | undefined;
  /**
   * Test hook: what a restarted node gets back from its disk. Default: exactly what
   * it persisted. A broken disk (e.g. losing the vote) lets tests prove the checks bite.
   */
  restore?: (persisted: HardState) => HardState;
}

/** A Raft program plus access to the running cores (for tests and benchmarks). */
export interface RaftProgram extends SimProgram<Message> {
  /** The core last started for `id` (a crashed node's core is stale: ask the simulator). */
  node(id: string): RaftNode | undefined;
}

/** Build the Raft program for a simulation. */
export function raftProgram(o: RaftProgramOptions): RaftProgram {
  const nodes = new Map<string, RaftNode>();
  return {
    node: (id) => nodes.get(id),
    to: (m) => m.to,
    describe: describeMessage,
    data: messageData,
    start(id, persisted, rng) {
      const disk = persisted === null ? o.initialHardState?.(id) : (o.restore ?? ((h) => h))(persisted as HardState);
      const n = createRaft({
        id,
        peers: o.peers,
        ...o.timing,
        preVote: o.preVote,
        checkQuorum: o.checkQuorum,
        rng,
        hardState: disk,
      });
      nodes.set(id, n);
      return {
        step: (m) => { n.step(m); },
        tick: (k) => n.tick(k),
        ticksToNextTimer: () => n.ticksToNextTimer(),
        drain: () => {
          const r = n.ready();
          return { messages: r.messages, persist: r.hardState, records: r.events.map(eventRecord) };
        },
      };
    },
  };
}
