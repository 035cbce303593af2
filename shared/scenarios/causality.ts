/**
 * Scenario `causality`: every tick a node either sends a message to a random peer,
 * records a local event, or idles (seeded), so that the recorded run shows where the
 * nodes' wall clocks disagree with happened-before.
 *
 * Options: `tickMs` (default 20), `sendProb` (0.4), `localProb` (0.3).
 * Durable state: the message counter, written before each send, so a restarted
 * node numbers its messages on from where it crashed.
 */
import type { CoreInit, CoreOutput, NodeCore, NodeNow, ScenarioDef } from './types';
import { numberOption } from './options';

/** What a causality message carries besides the clocks the runtime adds. */
export interface CausalityBody {
  /** The sender's message counter. */
  n: number;
  /** The sender's wall reading when it sent (so anomalies are visible in the payload too). */
  sentWallMs: number;
}

/** What a causality node keeps across crashes. */
export interface CausalityDurable {
  /** Messages sent so far (all incarnations). */
  sent: number;
}

/** Builds one node's causality core. */
export function createCausalityCore(init: CoreInit): NodeCore {
  const { rng, node } = init;
  const peers = init.nodes.filter((n) => n !== node);
  const sendProb = numberOption(init.options, 'sendProb', 0.4, 0, 1);
  const localProb = numberOption(init.options, 'localProb', 0.3, 0, 1);
  const durable = init.durable as Partial<CausalityDurable> | null;
  let sent = typeof durable?.sent === 'number' ? durable.sent : 0;
  let locals = 0;
  return {
    start: () => ({ events: [{ kind: 'local', label: 'start', data: { incarnation: init.incarnation, durableSent: sent } }] }),
    tick(now: NodeNow): CoreOutput {
      const r = rng.next();
      if (r < sendProb && peers.length) {
        sent += 1;
        const to = rng.pick(peers);
        const body: CausalityBody = { n: sent, sentWallMs: now.wallMs };
        const persist: CausalityDurable = { sent };
        return { persist, sends: [{ to, body, label: `m${sent} → ${to}` }] };
      }
      if (r < sendProb + localProb) {
        locals += 1;
        return { events: [{ kind: 'local', label: `local ${locals}` }] };
      }
      return {};
    },
    receive(from: string, body: unknown): CoreOutput {
      const n = (body as Partial<CausalityBody> | null)?.n;
      return { receiveLabel: `m${n ?? '?'} ← ${from}` };
    },
  };
}

/** The `causality` scenario. */
export const causalityScenario: ScenarioDef = {
  name: 'causality',
  description: 'nodes exchange messages at random (seeded) with local events between them',
  tickMs: (options) => numberOption(options, 'tickMs', 20, 1, 60_000),
  create: createCausalityCore,
};
