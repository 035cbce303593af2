/**
 * A live view of a Raft run for the election bench: each node's last role, term and
 * leader, the lab's crash events, and each node's last heartbeat round, folded from
 * the lab's committed event batches. Waits resolve on the batch that makes them
 * true, or with null at their deadline.
 */
import type { LabEvent } from '../../shared/events';

/** A node as its last `state` event left it. */
export interface WatchedNode {
  role: string;
  term: number;
  leader: string | null;
}

/** A moment on the host's monotonic clock (node and lab events share it with perfect clocks). */
export interface Stamped {
  id: number;
  node: string;
  term: number;
  /** For a crash: whether the node was leader by its last state event. */
  wasLeader?: boolean;
  /** Host monotonic reading, ms. */
  monoMs: number;
}

const monoMsOf = (e: LabEvent): number => (e.mono_ns === null ? NaN : Number(BigInt(e.mono_ns) / 1000n) / 1000);

interface Waiter {
  check: () => boolean;
  wake: () => void;
}

/** Folds live batches of one run. */
export class RaftWatch {
  readonly nodes = new Map<string, WatchedNode>();
  /** Every node's election wins, in arrival order. */
  readonly leaders: Stamped[] = [];
  /** Crashes the lab carried out (node = the node crashed). */
  readonly crashes: Stamped[] = [];
  /** Per node: monotonic ms of its latest AppendEntries send, by send batch. */
  private readonly lastHeartbeatMs = new Map<string, number[]>();
  private waiters = new Set<Waiter>();

  /** Feed one committed batch. */
  onEvents(events: readonly LabEvent[]): void {
    for (const e of events) this.fold(e);
    for (const w of [...this.waiters]) if (w.check()) w.wake();
  }

  private fold(e: LabEvent): void {
    const d = e.data;
    if (e.node === 'lab') {
      if (e.kind === 'crash' && typeof d?.node === 'string') {
        const s = this.nodes.get(d.node);
        this.crashes.push({ id: e.id, node: d.node, term: s?.term ?? 0, wasLeader: s?.role === 'leader', monoMs: monoMsOf(e) });
        this.nodes.delete(d.node);
      }
      return;
    }
    if (e.kind === 'recover') this.nodes.delete(e.node);
    else if (e.kind === 'state' && typeof d?.term === 'number' && typeof d.role === 'string') {
      this.nodes.set(e.node, { role: d.role, term: d.term, leader: typeof d.leader === 'string' ? d.leader : null });
      if (d.role === 'leader' && d.prevRole !== 'leader') this.leaders.push({ id: e.id, node: e.node, term: d.term, monoMs: monoMsOf(e) });
    } else if (e.kind === 'send' && d?.type === 'AppendEntries') {
      let list = this.lastHeartbeatMs.get(e.node);
      if (!list) this.lastHeartbeatMs.set(e.node, (list = []));
      list.push(monoMsOf(e));
      if (list.length > 64) list.splice(0, list.length - 64);
    }
  }

  /** The leader every node in `up` follows in one term, or null. */
  agreedLeader(up: readonly string[]): { node: string; term: number } | null {
    const first = this.nodes.get(up[0] ?? '');
    if (!first?.leader) return null;
    const lead = this.nodes.get(first.leader);
    if (!lead || lead.role !== 'leader' || lead.term !== first.term || !up.includes(first.leader)) return null;
    for (const n of up) {
      const s = this.nodes.get(n);
      if (!s || s.leader !== first.leader || s.term !== first.term) return null;
    }
    return { node: first.leader, term: first.term };
  }

  /** The first election win after `after` (monotonic ms) in a term above `term`. */
  leaderAfter(afterMonoMs: number, term: number): Stamped | null {
    return this.leaders.find((l) => l.term > term && l.monoMs >= afterMonoMs) ?? null;
  }

  /** Monotonic ms of `node`'s last AppendEntries send at or before `monoMs`, or null. */
  heartbeatBefore(node: string, monoMs: number): number | null {
    const list = this.lastHeartbeatMs.get(node) ?? [];
    let best: number | null = null;
    for (const t of list) if (t <= monoMs && (best === null || t > best)) best = t;
    return best;
  }

  /** Resolves with `get()`'s first non-null value, or null once `deadlineMs` of real time pass. */
  waitFor<T>(get: () => T | null, deadlineMs: number): Promise<T | null> {
    const now = get();
    if (now !== null) return Promise.resolve(now);
    return new Promise((resolve) => {
      let value: T | null = null;
      const w: Waiter = {
        check: () => (value = get()) !== null,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(w);
          resolve(value);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        resolve(get());
      }, deadlineMs);
      this.waiters.add(w);
    });
  }
}
