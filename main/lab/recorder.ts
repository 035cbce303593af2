/**
 * Recording: node batches and the lab's own events → BatchWriter → SQLite, with
 * `ref_ms` stamped on receipt, live batches published on commit, per-node acks of
 * what is committed, and back-pressure (hold the nodes while the writer's queue is
 * above its high-water mark) instead of an unbounded queue.
 */
import type { LiveHub } from '../api/live-hub';
import type { LabEvent, NewEvent } from '../../shared/events';
import { Stamper, type LogicalStamp } from '../../shared/scenarios';
import { BatchWriter, type Store } from '../store';
import { refNowMs } from './ref-clock';

/** The node name of events the lab itself records (faults, drops, crashes). */
export const LAB_NODE = 'lab';

/** What the recorder tells the lab. */
export interface RecorderHooks {
  /** true: the writer is behind, hold the nodes; false: resume. */
  onHold(hold: boolean): void;
  /** Events of `node` up to `seq` are committed. */
  onCommitted(node: string, seq: number): void;
  /** `node` has just reported itself leader (a fault waiting for a leader can fire). */
  onLeader?(node: string): void;
}

/** Fields of an event the lab records about the run. */
export interface LabRecord {
  kind: string;
  label: string;
  data?: Record<string, unknown>;
  msg?: string | null;
  peer?: string | null;
}

/** The recorder of one run. */
export class Recorder {
  private readonly writer: BatchWriter;
  private readonly labClock = new Stamper(LAB_NODE);
  private readonly lastStamp = new Map<string, LogicalStamp>();
  private holding = false;
  /** The node that last reported itself leader (`state` event with data.role). */
  leader: string | null = null;
  received = 0;
  /** Back-pressure figures: most events ever waiting in the writer, and how often nodes were held. */
  readonly pressure = { maxPending: 0, holds: 0 };

  constructor(
    store: Store,
    readonly run: string,
    private readonly hooks: RecorderHooks,
    hub: LiveHub | null,
    opts: { batchSize?: number; highWaterMark?: number; flushIntervalMs?: number } = {},
  ) {
    this.writer = new BatchWriter(store, run, {
      batchSize: opts.batchSize ?? 4000,
      highWaterMark: opts.highWaterMark ?? 50_000,
      flushIntervalMs: opts.flushIntervalMs ?? 25,
      onCommit: (r, events) => this.committed(r, events, hub),
    });
  }

  /** Events waiting in the writer. */
  get pending(): number {
    return this.writer.pending;
  }

  get committedCount(): number {
    return this.writer.committedCount;
  }

  /** The last logical stamp recorded for `node` (a restart continues from it). */
  stampOf(node: string): LogicalStamp | null {
    return this.lastStamp.get(node) ?? null;
  }

  /** A batch from a node process, received now. */
  recordNode(node: string, events: NewEvent[]): void {
    if (!events.length) return;
    const ref = refNowMs();
    for (const e of events) {
      e.ref_ms = ref;
      e.node = node;
      if (e.kind === 'state' && e.data && typeof e.data.role === 'string') {
        if (e.data.role === 'leader') {
          this.leader = node;
          this.hooks.onLeader?.(node);
        } else if (this.leader === node) this.leader = null;
      }
    }
    const last = events[events.length - 1];
    this.lastStamp.set(node, { seq: last.seq, lamport: last.lamport, vclock: last.vclock });
    this.received += events.length;
    this.enqueue(events);
  }

  /** An event of the lab itself (node `lab`, its own logical clock). */
  recordLab(r: LabRecord): void {
    const s = this.labClock.next();
    this.enqueue([
      {
        node: LAB_NODE,
        seq: s.seq,
        kind: r.kind,
        wall_ms: Date.now(),
        mono_ns: process.hrtime.bigint().toString(),
        ref_ms: refNowMs(),
        lamport: s.lamport,
        vclock: s.vclock,
        msg: r.msg ?? null,
        peer: r.peer ?? null,
        label: r.label,
        data: r.data ?? null,
      },
    ]);
  }

  private enqueue(events: NewEvent[]): void {
    const ok = this.writer.enqueue(events);
    if (this.writer.pending > this.pressure.maxPending) this.pressure.maxPending = this.writer.pending;
    if (ok || this.holding) return;
    this.holding = true;
    this.pressure.holds++;
    this.hooks.onHold(true);
    void this.writer.onDrain().then(() => {
      this.holding = false;
      this.hooks.onHold(false);
    });
  }

  private committed(run: string, events: LabEvent[], hub: LiveHub | null): void {
    const maxSeq = new Map<string, number>();
    for (const e of events) if (e.node !== LAB_NODE && e.seq > (maxSeq.get(e.node) ?? 0)) maxSeq.set(e.node, e.seq);
    for (const [node, seq] of maxSeq) this.hooks.onCommitted(node, seq);
    hub?.publish({ run, events, status: 'running' });
  }

  /** Writes everything queued now. */
  flush(): void {
    this.writer.flush();
  }

  /** Flushes and closes the writer. */
  close(): void {
    this.writer.close();
  }
}
