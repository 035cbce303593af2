/**
 * Scenario `flood`: load for benchmarks and stress tests. Every tick a node records
 * `eventsPerTick` local events and sends `sendsPerTick` messages to random peers.
 *
 * Options: `tickMs` (default 5), `eventsPerTick` (default 50), `sendsPerTick` (default 0).
 */
import { numberOption } from './options';
import type { CoreEvent, CoreInit, CoreSend, NodeCore, ScenarioDef } from './types';

function floodCore(init: CoreInit): NodeCore {
  const peers = init.nodes.filter((n) => n !== init.node);
  const events = Math.floor(numberOption(init.options, 'eventsPerTick', 50, 0, 100_000));
  const sends = Math.floor(numberOption(init.options, 'sendsPerTick', 0, 0, 100_000));
  let n = 0;
  return {
    start: () => ({}),
    tick() {
      const ev: CoreEvent[] = new Array(events);
      for (let i = 0; i < events; i++) ev[i] = { kind: 'local', label: 'flood', data: { i: ++n } };
      const out: CoreSend[] = [];
      if (peers.length) for (let i = 0; i < sends; i++) out.push({ to: init.rng.pick(peers), body: { n: ++n } });
      return { events: ev, sends: out };
    },
    receive: () => ({}),
  };
}

/** The `flood` scenario. */
export const floodScenario: ScenarioDef = {
  name: 'flood',
  description: 'load for benchmarks: many local events and/or messages per tick',
  tickMs: (options) => numberOption(options, 'tickMs', 5, 1, 60_000),
  create: floodCore,
};
