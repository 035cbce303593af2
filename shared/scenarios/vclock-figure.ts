/**
 * Scenario `vclock-figure`: the chapter's vector-clock example as a scripted
 * three-node run whose events are labelled A..F.
 *
 * ```
 * n1:  A ──── B(send) ─┐
 * n2:                  └─> C(receive) ── D(send) ─┐
 * n3:  E ─────────────────────────────────────────└─> F(receive)
 * ```
 *
 * B happened before C (a message), E is concurrent with C (no path either way),
 * and F's vector clock covers every other event. The structure does not depend
 * on timing: cores act only at start and on receipt.
 */
import type { CoreInit, CoreOutput, NodeCore, ScenarioDef } from './types';

/** Expected vector clocks of the figure's events, keyed by label. */
export const VCLOCK_FIGURE_EXPECTED: Readonly<Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', Readonly<Record<string, number>>>> = {
  A: { n1: 1 },
  B: { n1: 2 },
  C: { n1: 2, n2: 1 },
  D: { n1: 2, n2: 2 },
  E: { n3: 1 },
  F: { n1: 2, n2: 2, n3: 2 },
};

function figureCore(init: CoreInit): NodeCore {
  const [first, second, third] = init.nodes;
  const role = init.nodes.indexOf(init.node);
  return {
    start(): CoreOutput {
      if (role === 0) return { events: [{ kind: 'local', label: 'A' }], sends: [{ to: second, body: { step: 'B' }, label: 'B' }] };
      if (role === 2) return { events: [{ kind: 'local', label: 'E' }] };
      return {};
    },
    tick: () => ({}),
    receive(from: string): CoreOutput {
      if (role === 1 && from === first) return { receiveLabel: 'C', sends: [{ to: third, body: { step: 'D' }, label: 'D' }] };
      if (role === 2 && from === second) return { receiveLabel: 'F' };
      return {};
    },
  };
}

/** The `vclock-figure` scenario (exactly 3 nodes). */
export const vclockFigureScenario: ScenarioDef = {
  name: 'vclock-figure',
  description: "the chapter's vector-clock example: events A..F on 3 nodes (B → C, E ∥ C)",
  tickMs: () => 1000,
  create: figureCore,
  nodeCount: 3,
};
