/**
 * Scenario `raft`: Raft leader election (shared/raft) on the lab's node processes.
 * The core is the etcd-style state machine; this adapter turns its `Ready` into a
 * CoreOutput (hard state persisted before the messages leave) and catches up on
 * ticks a late timer or a pause missed.
 *
 * Options (as `coordlab run` fills them): `electionTimeoutMs` {minMs, maxMs}
 * (default 150–300), `heartbeatMs` (50), `prevote`, `checkQuorum`, `tickMs` (10).
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
    hardState: (init.durable as HardState | null) ?? undefined,
  });
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
    receive(_from: string, body: unknown): CoreOutput {
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
