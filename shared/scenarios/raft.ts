/**
 * Scenario `raft`: Raft leader election (shared/raft) on the lab's node processes.
 * The core is the etcd-style state machine; this adapter turns its `Ready` into a
 * CoreOutput (hard state persisted before the messages leave) and catches up on
 * ticks a late timer or a pause missed.
 *
 * Options (as `coordlab run` fills them): `electionTimeoutMs` {minMs, maxMs}
 * (default 150–300), `heartbeatMs` (50), `prevote`, `checkQuorum`, `tickMs` (10),
 * `laggingNodes` (node names kept behind, the Raft paper's "logs of different
 * lengths": they start with shorter logs and the entries of every AppendEntries they
 * receive are stripped, so the election restriction keeps them from winning).
 */
import { createRaft, describeMessage, eventRecord, messageData, parseMessage, ticksDue, ticksFromMs, type HardState, type RaftNode } from '../raft';
import { numberOption } from './options';
import type { CoreInit, CoreOutput, NodeCore, NodeNow, ScenarioDef } from './types';

const tickMsOf = (options: Readonly<Record<string, unknown>>): number => numberOption(options, 'tickMs', 10, 1, 1000);

function timeoutRange(options: Readonly<Record<string, unknown>>): { minMs: number; maxMs: number } {
  const t = options.electionTimeoutMs as { minMs?: unknown; maxMs?: unknown } | undefined;
  if (t && typeof t.minMs === 'number' && typeof t.maxMs === 'number') return { minMs: t.minMs, maxMs: t.maxMs };
  return { minMs: 150, maxMs: 300 };
}

function laggingOf(options: Readonly<Record<string, unknown>>): string[] {
  const l = options.laggingNodes;
  return Array.isArray(l) ? l.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * First-start hard state when some nodes lag: term 1 everywhere, three entries on the
 * up-to-date nodes and fewer on each lagging one (2, 1, 0, … in the order given),
 * as the simulator's election bench does. Null when nobody lags (a fresh node).
 */
function initialHardState(node: string, lagging: readonly string[]): HardState | undefined {
  if (!lagging.length) return undefined;
  const j = lagging.indexOf(node);
  const len = j < 0 ? 3 : Math.max(0, 2 - j);
  return { term: 1, votedFor: null, log: Array.from({ length: len }, () => ({ term: 1 })) };
}

/** What a lagging node hears of an AppendEntries: the heartbeat, without its entries. */
function stripEntries(body: unknown): unknown {
  const m = body as { type?: unknown; entries?: unknown };
  if (m && typeof m === 'object' && m.type === 'AppendEntries' && Array.isArray(m.entries) && m.entries.length) return { ...m, entries: [] };
  return body;
}

function drain(n: RaftNode): CoreOutput {
  const rd = n.ready();
  return {
    persist: rd.hardState ?? undefined,
    events: rd.events.map((e) => {
      const r = eventRecord(e);
      return { kind: r.kind, label: r.label, peer: r.peer ?? undefined, data: r.data };
    }),
    sends: rd.messages.map((m) => ({ to: m.to, body: m, label: describeMessage(m), data: messageData(m) })),
  };
}

function raftCore(init: CoreInit): NodeCore {
  const tickMs = tickMsOf(init.options);
  const range = timeoutRange(init.options);
  const ticks = ticksFromMs({ electionTimeoutMinMs: range.minMs, electionTimeoutMaxMs: range.maxMs, heartbeatIntervalMs: numberOption(init.options, 'heartbeatMs', 50, 0.001), tickMs });
  const node = createRaft({
    id: init.node,
    peers: init.nodes,
    ...ticks,
    preVote: init.options.prevote === true,
    checkQuorum: init.options.checkQuorum === true,
    rng: init.rng,
    hardState: (init.durable as HardState | null) ?? initialHardState(init.node, laggingOf(init.options)),
  });
  const lagging = laggingOf(init.options).includes(init.node);
  let startMs = 0;
  let ticked = 0;
  return {
    start(now: NodeNow): CoreOutput {
      startMs = now.monoMs;
      return drain(node);
    },
    tick(now: NodeNow): CoreOutput {
      const due = ticksDue(now.monoMs, startMs, tickMs, ticked);
      if (due > 0) {
        node.tick(due);
        ticked += due;
      }
      return node.hasReady() ? drain(node) : {};
    },
    receive(_from: string, received: unknown): CoreOutput {
      const body = lagging ? stripEntries(received) : received;
      node.step(body);
      const parsed = parseMessage(body);
      const out = drain(node);
      if (parsed.ok) {
        out.receiveLabel = describeMessage(parsed.message);
        out.receiveData = messageData(parsed.message);
      }
      return out;
    },
  };
}

/** The `raft` scenario. */
export const raftScenario: ScenarioDef = {
  name: 'raft',
  description: 'Raft leader election (pre-vote, check-quorum optional) on real processes',
  tickMs: tickMsOf,
  create: raftCore,
};
