/**
 * Messages in flight, ordered by delivery time (a binary min-heap). Copies due at
 * the same time leave in the order they were routed, which keeps per-link FIFO.
 */

/** One copy of a message on its way. */
export interface InFlight<T> {
  atMs: number;
  order: number;
  item: T;
}

/** A min-heap of in-flight messages by (atMs, order). */
export class DeliveryQueue<T> {
  private heap: InFlight<T>[] = [];
  private order = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the earliest message, or Infinity. */
  peekMs(): number {
    return this.heap.length ? this.heap[0].atMs : Infinity;
  }

  push(atMs: number, item: T): void {
    const h = this.heap;
    h.push({ atMs, order: this.order++, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  /** Removes and returns every message due at or before `nowMs`, in order. */
  popDue(nowMs: number): T[] {
    const out: T[] = [];
    while (this.heap.length && this.heap[0].atMs <= nowMs) out.push(this.pop());
    return out;
  }

  private pop(): T {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top.item;
  }
}

function less<T>(a: InFlight<T>, b: InFlight<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);
}
