/**
 * Messages in flight, ordered by delivery time. The heap is the simulator's
 * (shared/sim/queue.ts): copies due at the same time leave in the order they were
 * routed, which keeps per-link FIFO on real time as it does on virtual time.
 */
import { TimeQueue } from '../../shared/sim/queue';

/** In-flight messages by (delivery time, routing order). */
export class DeliveryQueue<T> {
  private readonly heap = new TimeQueue<T>();

  get size(): number {
    return this.heap.size;
  }

  /** Time of the earliest message, or Infinity. */
  peekMs(): number {
    return this.heap.peekTime();
  }

  push(atMs: number, item: T): void {
    this.heap.push(atMs, item);
  }

  /** Removes and returns every message due at or before `nowMs`, in order. */
  popDue(nowMs: number): T[] {
    const out: T[] = [];
    while (this.heap.size && this.heap.peekTime() <= nowMs) out.push(this.heap.pop()!.item);
    return out;
  }
}
