import type { LiveBatch } from '../../shared/api';

type Listener = (batch: LiveBatch) => void;

/**
 * Fan-out of live event batches from the recorder to every subscriber
 * (Electron windows, WebSocket clients). Subscribing to '*' gets every run.
 */
export class LiveHub {
  private listeners = new Map<string, Set<Listener>>();

  subscribe(run: string, listener: Listener): () => void {
    let set = this.listeners.get(run);
    if (!set) this.listeners.set(run, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (!set!.size) this.listeners.delete(run);
    };
  }

  publish(batch: LiveBatch): void {
    for (const key of [batch.run, '*']) {
      const set = this.listeners.get(key);
      if (!set) continue;
      for (const l of [...set]) {
        try {
          l(batch);
        } catch {
          // A broken subscriber must not stop the recorder.
        }
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
