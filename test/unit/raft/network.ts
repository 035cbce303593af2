/**
 * A synchronous test network for Raft cores (etcd raft_test.go `network`): messages
 * queue in FIFO order and `deliver()` steps them until the network is quiet. No
 * timers, no sleeps. Links can be cut, nodes isolated, crashed and restarted.
 */
import { createRng } from '../../../shared/rng';
import {
  createRaft, describeEvent, describeMessage,
  type HardState, type Message, type RaftNode, type RaftOptions,
} from '../../../shared/raft';

/** Cluster-wide settings of a test network. */
export interface NetworkConfig {
  ids: string[];
  electionTimeoutMinTicks: number;
  electionTimeoutMaxTicks: number;
  heartbeatIntervalTicks: number;
  preVote: boolean;
  checkQuorum: boolean;
  seed: number;
}

export class TestNetwork {
  readonly nodes = new Map<string, RaftNode>();
  /** What each node last persisted: survives crashes. */
  readonly disk = new Map<string, HardState>();
  readonly queue: Message[] = [];
  private readonly cuts = new Set<string>();
  private readonly down = new Set<string>();
  private restarts = 0;
  /** Trace lines produced since the last `takeTrace()`. */
  private trace: string[] = [];

  constructor(readonly config: NetworkConfig) {
    for (const id of config.ids) this.start(id, undefined);
  }

  private options(id: string, hardState: HardState | undefined): RaftOptions {
    const c = this.config;
    return {
      id,
      peers: c.ids,
      electionTimeoutMinTicks: c.electionTimeoutMinTicks,
      electionTimeoutMaxTicks: c.electionTimeoutMaxTicks,
      heartbeatIntervalTicks: c.heartbeatIntervalTicks,
      preVote: c.preVote,
      checkQuorum: c.checkQuorum,
      rng: createRng(`${c.seed}/${id}/${this.restarts}`),
      hardState,
    };
  }

  private start(id: string, hardState: HardState | undefined): void {
    this.nodes.set(id, createRaft(this.options(id, hardState)));
    if (hardState) this.disk.set(id, hardState);
  }

  node(id: string): RaftNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no running node ${id}`);
    return n;
  }

  /** Replace a node by one restarted from the given hard state (a prepared disk). */
  restore(id: string, hardState: HardState): void {
    this.restarts++;
    this.down.delete(id);
    this.start(id, hardState);
    this.collect(id);
  }

  /** Take a node's Ready: persist, trace events and messages, queue the messages. */
  collect(id: string): void {
    const n = this.nodes.get(id);
    if (!n || !n.hasReady()) return;
    const r = n.ready();
    if (r.hardState) this.disk.set(id, r.hardState);
    for (const e of r.events) this.trace.push(describeEvent(e));
    for (const m of r.messages) {
      this.trace.push(describeMessage(m));
      this.queue.push(m);
    }
  }

  private blocked(m: Message): string | null {
    if (this.down.has(m.to)) return `${m.to} is down`;
    if (this.cuts.has(`${m.from}>${m.to}`)) return 'cut';
    return null;
  }

  /** Deliver queued messages (and the ones they cause) until the network is quiet. */
  deliver(limit = 10_000): void {
    let steps = 0;
    while (this.queue.length > 0) {
      if (++steps > limit) throw new Error(`network did not become quiet after ${limit} messages`);
      const m = this.queue.shift() as Message;
      const why = this.blocked(m);
      if (why) {
        this.trace.push(`lost ${m.from}->${m.to} ${m.type} (${why})`);
        continue;
      }
      this.node(m.to).step(m);
      this.collect(m.to);
    }
  }

  /** Cut both directions between a and b. */
  cut(a: string, b: string): void {
    this.cuts.add(`${a}>${b}`);
    this.cuts.add(`${b}>${a}`);
  }

  /** Drop messages from → to only (a one-way link failure; etcd `drop`). */
  drop(from: string, to: string): void {
    this.cuts.add(`${from}>${to}`);
  }

  /** Cut a node off from everyone. */
  isolate(id: string): void {
    for (const other of this.config.ids) if (other !== id) this.cut(id, other);
  }

  /** Heal every cut. */
  recover(): void {
    this.cuts.clear();
  }

  /** Crash-stop a node: its memory is gone, its disk stays. */
  crash(id: string): void {
    this.node(id);
    this.nodes.delete(id);
    this.down.add(id);
  }

  /** Restart a crashed node from what it persisted. */
  restart(id: string): void {
    if (!this.down.has(id)) throw new Error(`${id} is not down`);
    this.restarts++;
    this.down.delete(id);
    this.start(id, this.disk.get(id));
    this.collect(id);
  }

  isDown(id: string): boolean {
    return this.down.has(id);
  }

  takeTrace(): string[] {
    const t = this.trace;
    this.trace = [];
    return t;
  }

  note(line: string): void {
    this.trace.push(line);
  }
}
