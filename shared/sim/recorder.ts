/**
 * Turns what happens in a simulation into LabEvents, stamping each with a per-node
 * seq, a Lamport clock and a vector clock. Virtual time stands in for the node's
 * wall clock, its monotonic clock and the reference clock (the simulator's clocks
 * are perfect).
 */
import type { EventKind, LabEvent, VClock } from '../events.js';

/** Clock stamps carried by a message from send to receive. */
export interface Stamp {
  lamport: number;
  vclock: VClock;
}

interface NodeClock {
  seq: number;
  lamport: number;
  vclock: VClock;
}

/** Fields of one event besides the stamps. */
export interface EventFields {
  node: string;
  kind: EventKind;
  msg?: string | null;
  peer?: string | null;
  label?: string | null;
  data?: Record<string, unknown> | null;
}

/** Collects a run's events. Clocks belong to the recorder, so they survive crashes. */
export class Recorder {
  readonly events: LabEvent[] = [];
  private readonly clocks = new Map<string, NodeClock>();
  private readonly wallOffsetMs = new Map<string, number>();

  constructor(private readonly run: string, private readonly epochMs: number) {}

  private clock(node: string): NodeClock {
    let c = this.clocks.get(node);
    if (!c) {
      c = { seq: 0, lamport: 0, vclock: {} };
      this.clocks.set(node, c);
    }
    return c;
  }

  /** Step a node's wall clock (its later events' wall_ms move by `byMs`). */
  stepWallClock(node: string, byMs: number): void {
    this.wallOffsetMs.set(node, (this.wallOffsetMs.get(node) ?? 0) + byMs);
  }

  /**
   * Record one event at virtual time `timeMs`. For a receive, pass the sender's
   * stamp to merge. Returns the stamp (for a send: the one to carry).
   */
  add(timeMs: number, f: EventFields, received?: Stamp): Stamp {
    const c = this.clock(f.node);
    if (received) {
      c.lamport = Math.max(c.lamport, received.lamport);
      for (const k in received.vclock) c.vclock[k] = Math.max(c.vclock[k] ?? 0, received.vclock[k]);
    }
    c.lamport += 1;
    c.vclock[f.node] = (c.vclock[f.node] ?? 0) + 1;
    c.seq += 1;
    const vclock = { ...c.vclock };
    this.events.push({
      run: this.run,
      id: this.events.length + 1,
      node: f.node,
      seq: c.seq,
      kind: f.kind,
      wall_ms: this.epochMs + timeMs + (this.wallOffsetMs.get(f.node) ?? 0),
      mono_ns: String(Math.round(timeMs * 1e6)),
      ref_ms: timeMs,
      lamport: c.lamport,
      vclock,
      msg: f.msg ?? null,
      peer: f.peer ?? null,
      label: f.label ?? null,
      data: f.data ?? null,
    });
    return { lamport: c.lamport, vclock };
  }
}
