/**
 * The thin real-time driver of one node's lease client (the node runtime's part):
 * tick the pure client on the node's own clock, hand its requests to a transport (the
 * lab network, or `directTransport`), feed replies back, and pass its events to the
 * recorder. A leader writer on a timer is in `leader-writer.ts`.
 */
import {
  answerLeaseRequest,
  type LeaseClient,
  type LeaseEventDraft,
  type LeaseReply,
  type LeaseRequest,
  type LeaseStore,
} from '../../shared/lease';

/** What a node's lease driver needs from its runtime. */
export interface LeaseNodeOptions {
  client: LeaseClient;
  /** The node's clock in ms, with its injected faults (offset, drift, steps). */
  nowMs: () => number;
  /** Send a request towards the store; the reply comes back through `deliver`. */
  send: (req: LeaseRequest) => void;
  /** Record an event (the runtime stamps node, seq, clocks). */
  record: (ev: LeaseEventDraft) => void;
  /** Host-timer period of `tick` (default TTL/10, at most 50 ms). */
  tickEveryMs?: number;
}

/** A running lease node. */
export interface LeaseNode {
  /** Feed a reply from the store (from the network). */
  deliver(reply: LeaseReply): void;
  /** Tick now (also done on the timer). */
  tick(): void;
  /** Stop the timer (the client keeps its state; `resign()` it first to release). */
  stop(): void;
}

/** Start ticking a node's lease client on a host timer. */
export function startLeaseNode(opts: LeaseNodeOptions): LeaseNode {
  const { client } = opts;
  const flush = (): void => {
    const ready = client.takeReady();
    for (const ev of ready.events) opts.record(ev);
    for (const req of ready.requests) opts.send(req);
  };
  const tick = (): void => {
    client.tick(opts.nowMs());
    flush();
  };
  const everyMs = opts.tickEveryMs ?? Math.min(50, client.config.ttlMs / 10);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    deliver(reply) {
      client.step(reply, opts.nowMs());
      flush();
    },
    tick,
    stop: () => clearInterval(timer),
  };
}

/**
 * A transport straight to a store (no lab network): each request is answered with its
 * own deadline and the reply handed to `deliver`. For etcd, where each node talks to
 * the cluster itself; for tests.
 */
export function directTransport(
  store: LeaseStore,
  timeoutMs: number,
  deliver: (reply: LeaseReply) => void,
): (req: LeaseRequest) => void {
  return (req) => {
    void answerLeaseRequest(store, req, { timeoutMs }).then(deliver);
  };
}
