/** Runs the UI e2e tests record into a temp database through main/store. */
import type { NewEvent } from '../../shared/events';
import type { Store } from '../../main/store';

const T0 = 1_764_000_000_000;

function e(node: string, seq: number, kind: string, wallOffsetMs: number, refOffsetMs: number, lamport: number, vclock: Record<string, number>, label: string, msg: string | null = null, peer: string | null = null): NewEvent {
  return { node, seq, kind, wall_ms: T0 + wallOffsetMs, mono_ns: String(refOffsetMs * 1_000_000), ref_ms: T0 + refOffsetMs, lamport, vclock, msg, peer, label, data: null };
}

/**
 * The chapter's vector-clock example: A, B on n1; C (receives B), D on n2; E, F (receives D) on n3.
 * B happened before C; E is concurrent with C. n3's wall clock runs 20 ms slow, so F reads an
 * earlier wall time than D was sent (a wall-clock inversion), and E reads earlier than it ran.
 * Recording order (ids): A B E C D F.
 */
export function vectorClockExample(store: Store, label = 'vector clock example'): string {
  const run = store.createRun({ scenario: 'causality', label, nodes: ['n1', 'n2', 'n3'] }).run;
  store.appendEvents(run, [
    e('n1', 1, 'local', 0, 0, 1, { n1: 1 }, 'A'),
    e('n1', 2, 'send', 10, 10, 2, { n1: 2 }, 'B', 'm1', 'n2'),
    e('n3', 1, 'local', 5, 15, 1, { n3: 1 }, 'E'),
    e('n2', 1, 'receive', 20, 20, 3, { n1: 2, n2: 1 }, 'C', 'm1', 'n1'),
    e('n2', 2, 'send', 30, 30, 4, { n1: 2, n2: 2 }, 'D', 'm2', 'n3'),
    e('n3', 2, 'receive', 25, 45, 5, { n1: 2, n2: 2, n3: 2 }, 'F', 'm2', 'n2'),
  ]);
  store.finishRun(run, 'done');
  return run;
}

/** Labels of the example in id order. */
export const EXAMPLE_LABELS = ['A', 'B', 'E', 'C', 'D', 'F'];
