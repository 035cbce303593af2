import type { LabEvent, NewEvent } from '../../shared/events';
import type { Store } from './store';

export interface WriterOptions {
  /** Flush when this many events wait (default 2000). */
  batchSize?: number;
  /** Flush at least this often while events wait (default 25 ms). */
  flushIntervalMs?: number;
  /** Above this many waiting events `enqueue` returns false: producers should pause (default 50 000). */
  highWaterMark?: number;
  /** Called with the stored events after each committed batch (ids assigned). */
  onCommit?: (run: string, events: LabEvent[]) => void;
}

/**
 * Batched writer: events queue in memory and are written one transaction per
 * batch. `enqueue` reports back-pressure; `onDrain` fires when the queue falls
 * below half the high-water mark, so producers can resume.
 */
export class BatchWriter {
  private queue: NewEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private drainWaiters: Array<() => void> = [];
  private readonly batchSize: number;
  private readonly intervalMs: number;
  readonly highWaterMark: number;
  private committed = 0;
  private closed = false;

  constructor(
    private readonly store: Store,
    readonly run: string,
    private readonly opts: WriterOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 2000;
    this.intervalMs = opts.flushIntervalMs ?? 25;
    this.highWaterMark = opts.highWaterMark ?? 50_000;
  }

  /** Number of events waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Number of events committed to SQLite so far. */
  get committedCount(): number {
    return this.committed;
  }

  /** Queues events; returns false when the producer should pause until `onDrain`. */
  enqueue(events: NewEvent | readonly NewEvent[]): boolean {
    if (this.closed) throw new Error(`writer for run ${this.run} is closed`);
    if (Array.isArray(events)) for (const e of events) this.queue.push(e);
    else this.queue.push(events as NewEvent);
    if (this.queue.length >= this.batchSize) this.flush();
    else this.schedule();
    return this.queue.length < this.highWaterMark;
  }

  /** Resolves once the queue is below half the high-water mark. */
  onDrain(): Promise<void> {
    if (this.queue.length < this.highWaterMark / 2) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Writes everything queued now, in batches of `batchSize`. Returns the number written. */
  flush(): number {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    let written = 0;
    while (this.queue.length) {
      const batch = this.queue.length <= this.batchSize ? this.queue : this.queue.slice(0, this.batchSize);
      const stored = this.store.appendEvents(this.run, batch);
      this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
      written += stored.length;
      this.committed += stored.length;
      this.opts.onCommit?.(this.run, stored);
    }
    if (this.drainWaiters.length && this.queue.length < this.highWaterMark / 2) {
      const w = this.drainWaiters;
      this.drainWaiters = [];
      for (const f of w) f();
    }
    return written;
  }

  /** Flushes and refuses further events. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
  }
}
