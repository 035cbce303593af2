/**
 * The lease scenario's leader work: on a timer, a node that believes it leads reads its
 * fencing token, works for `workMs`, then writes to the storage resource with that
 * token. It does not re-check the lease before sending: a pause during the work (or a
 * slow network) makes the write stale, which is exactly what fencing must catch.
 */
import type { LeaseClient, ResourceWrite } from '../../shared/lease';

/** How a leader writes. */
export interface LeaderWriterOptions {
  node: string;
  client: LeaseClient;
  /** Start a write this often (host timer). */
  everyMs: number;
  /** Time between reading the token and sending (default 0). */
  workMs?: number;
  /** Send the write to the storage node (through the lab network). */
  write: (w: ResourceWrite) => void;
}

/** Start the leader's write timer; returns a stop function. */
export function startLeaderWriter(opts: LeaderWriterOptions): () => void {
  let n = 0;
  const pending = new Set<NodeJS.Timeout>();
  const timer = setInterval(() => {
    const token = opts.client.leaderToken();
    if (token === null) return;
    n += 1;
    const w: ResourceWrite = { from: opts.node, token, value: `${opts.node}#${n}` };
    if (!opts.workMs) return opts.write(w);
    const t = setTimeout(() => {
      pending.delete(t);
      opts.write(w);
    }, opts.workMs);
    pending.add(t);
  }, opts.everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const t of pending) clearTimeout(t);
  };
}
