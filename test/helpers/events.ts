import type { NewEvent } from '../../shared/events';

/** A plain event for store tests: node n, sequence seq. */
export function ev(node: string, seq: number, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    node,
    seq,
    kind: 'local',
    wall_ms: 1_700_000_000_000 + seq + 0.25,
    mono_ns: String(BigInt(seq) * 1_000_000n + 123n),
    ref_ms: 1_700_000_000_000 + seq,
    lamport: seq,
    vclock: { [node]: seq },
    msg: null,
    peer: null,
    label: `e${seq}`,
    data: { i: seq },
    ...extra,
  };
}
