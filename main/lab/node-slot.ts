/** The lab's bookkeeping for one node across its incarnations. */
import type { NodeProcess } from './node-process';

/** Where a node is in its life. */
export type NodeState = 'starting' | 'up' | 'paused' | 'down' | 'crashed';

/** One node of the run. */
export interface NodeSlot {
  name: string;
  state: NodeState;
  proc: NodeProcess | null;
  incarnation: number;
  /** The lab is ending this process on purpose (stop, crash fault): its exit is expected. */
  expectExit: boolean;
  /** Why it crashed, when it did on its own. */
  reason: string | null;
  /** performance.now() when the process said ready. */
  readyAtMs: number | null;
}

/** A fresh slot. */
export function newSlot(name: string): NodeSlot {
  return { name, state: 'starting', proc: null, incarnation: 0, expectExit: false, reason: null, readyAtMs: null };
}
