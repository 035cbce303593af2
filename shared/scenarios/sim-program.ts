/**
 * The same scenario cores on the deterministic simulator (shared/sim): an adapter
 * from a `ScenarioDef` (start/tick/receive → CoreOutput) to the simulator's
 * `SimProgram` (step/tick/drain). Virtual time stands in for the node's clocks
 * (the simulator's clocks are perfect); the simulator stamps Lamport and vector
 * clocks itself.
 *
 * Differences from the process runtime, for now: the simulator labels a receive
 * event with the message's own description (so `receiveLabel`/`receiveData` are not
 * used), it has no per-node clock model, and no reliable/authenticated links.
 */
import type { SimCore, SimOutput, SimProgram, SimRecord } from '../sim';
import type { CoreOutput, NodeNow, ScenarioDef } from './types';

/** A scenario message on the simulated wire. */
export interface ScenarioSimMessage {
  from: string;
  to: string;
  body: unknown;
  /** The send's label (also the receive's, in the simulator). */
  label: string | null;
}

/** Options of the adapter. */
export interface ScenarioSimOptions {
  nodes: readonly string[];
  options?: Readonly<Record<string, unknown>>;
  /** Wall reading at virtual time 0, ms since the epoch (default 0). */
  epochMs?: number;
}

function isMessage(x: unknown): x is ScenarioSimMessage {
  const m = x as ScenarioSimMessage;
  return !!m && typeof m === 'object' && typeof m.from === 'string' && typeof m.to === 'string';
}

/**
 * A SimProgram running `def` on every node. Run the simulator with
 * `tickMs: def.tickMs(options)`.
 */
export function scenarioSimProgram(def: ScenarioDef, o: ScenarioSimOptions): SimProgram<ScenarioSimMessage> {
  const options = o.options ?? {};
  const tickMs = def.tickMs(options);
  const epochMs = o.epochMs ?? 0;
  const starts = new Map<string, number>();
  return {
    start(id, persisted, rng): SimCore<ScenarioSimMessage> {
      const incarnation = starts.get(id) ?? 0;
      starts.set(id, incarnation + 1);
      let ticks = 0;
      let out: { messages: ScenarioSimMessage[]; persist: unknown | null; records: SimRecord[] } = { messages: [], persist: null, records: [] };
      const now = (): NodeNow => ({ monoMs: ticks * tickMs, wallMs: epochMs + ticks * tickMs });
      const take = (step: CoreOutput): void => {
        if (step.persist !== undefined) out.persist = step.persist;
        for (const e of step.events ?? []) out.records.push({ kind: e.kind, label: e.label ?? String(e.kind), peer: e.peer ?? null, data: e.data ?? null });
        for (const s of step.sends ?? []) out.messages.push({ from: id, to: s.to, body: s.body, label: s.label ?? null });
      };
      const core = def.create({ node: id, nodes: o.nodes, rng, options, durable: persisted, incarnation });
      take(core.start(now()));
      return {
        step(message: unknown) {
          if (isMessage(message) && message.to === id) take(core.receive(message.from, message.body, now()));
        },
        tick(k: number) {
          for (let i = 0; i < k; i++) {
            ticks += 1;
            take(core.tick(now()));
          }
        },
        ticksToNextTimer: () => 1,
        drain(): SimOutput<ScenarioSimMessage> {
          const d = out;
          out = { messages: [], persist: null, records: [] };
          return d;
        },
      };
    },
    to: (m) => m.to,
    describe: (m) => m.label ?? `${m.from}→${m.to}`,
    data: () => null,
  };
}
