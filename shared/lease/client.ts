/**
 * The lease client of one node as a pure state machine (STYLE.md 1). Its driver calls
 * `tick(nowMs)` with the node's own clock (drifted, stepped or paused: whatever the
 * node reads) and `step(reply, nowMs)` with store replies, then sends the requests and
 * records the events it finds in `takeReady()`.
 *
 * A candidate or follower tries to acquire the key; a leader renews every `renewEveryMs`
 * (TTL/3 by default). A leader believes it leads until its own clock passes
 * `believedUntilMs` = (send time of the last successful acquire/renew) + TTL. That is
 * conservative on a correct clock, and wrong on a slow clock or across a pause: the
 * hazard the lab shows. A node that is paused does not tick, so it keeps believing
 * until it runs again.
 */
import type { LeaseReply, LeaseRequest } from './protocol';
import type { LeaseErrorData, LeaseEventDraft, LeaseRole, LeaseStateData } from './records';
import { validateName, validatePositiveMs, validateTtlMs } from './errors';

/** How a node runs lease election. */
export interface LeaseClientConfig {
  /** This node's name; it is the holder name in the store. */
  node: string;
  /** The key the nodes compete for, e.g. `leader`. */
  key: string;
  ttlMs: number;
  /** Renew this often while leading (default TTL/3). */
  renewEveryMs?: number;
  /** Retry acquiring this often while someone else leads or after an error (default TTL/3). */
  retryEveryMs?: number;
  /** Give up on a request with no reply after this long on the node's clock (default TTL/3). */
  requestTimeoutMs?: number;
}

/** What the node believes right now (as of its last tick or reply). */
export interface LeaseClientView {
  role: LeaseRole;
  /** Fencing token of the lease it believes it holds, else null. */
  token: number | null;
  leaseId: string | null;
  believedUntilMs: number | null;
  /** Holder the store last named when acquire failed (follower), else null. */
  knownHolder: string | null;
}

/** What the driver must do after a tick or step. */
export interface LeaseClientReady {
  /** Requests to send to the store, in order. */
  requests: LeaseRequest[];
  /** Events to record, in order. */
  events: LeaseEventDraft[];
}

interface Pending {
  req: LeaseRequest;
  sentAtMs: number;
}

/** A node's lease client. Create with `createLeaseClient`. */
export interface LeaseClient {
  readonly config: Readonly<Required<LeaseClientConfig>>;
  /** Advance to `nowMs` on the node's clock: time out requests, notice expiry, send. */
  tick(nowMs: number): void;
  /** Feed a store reply received at `nowMs`. Unknown or late replies are handled safely. */
  step(reply: LeaseReply, nowMs: number): void;
  /** Give the lease up (a release request if leading) and stop competing. */
  resign(): void;
  /** The node's current belief. */
  view(): LeaseClientView;
  /**
   * The token to put on a write if the node believes it leads (as of its last tick),
   * else null. The belief can be wrong: that is what fencing is for.
   */
  leaderToken(): number | null;
  /** Take and clear the requests and events produced so far. */
  takeReady(): LeaseClientReady;
}

/**
 * Create a node's lease client, starting as a candidate that tries to acquire on its
 * first tick.
 * @throws LeaseStoreError `invalid-argument` on TTL ≤ 0 or an empty node/key
 */
export function createLeaseClient(config: LeaseClientConfig): LeaseClient {
  validateName('holder', config.node);
  validateName('key', config.key);
  validateTtlMs(config.ttlMs);
  const third = config.ttlMs / 3;
  const cfg: Required<LeaseClientConfig> = {
    renewEveryMs: third,
    retryEveryMs: third,
    requestTimeoutMs: third,
    ...config,
  };
  for (const name of ['renewEveryMs', 'retryEveryMs', 'requestTimeoutMs'] as const) validatePositiveMs(name, cfg[name]);

  let role: LeaseRole = 'candidate';
  let token: number | null = null;
  let leaseId: string | null = null;
  let believedUntilMs: number | null = null;
  let knownHolder: string | null = null;
  let nextActionAtMs = -Infinity;
  let pending: Pending | null = null;
  /** Acquires sent and not answered yet, by reqId → send time (a late grant may still count). */
  const acquiresInFlight = new Map<number, number>();
  let reqSeq = 0;
  let resigned = false;
  let requests: LeaseRequest[] = [];
  let events: LeaseEventDraft[] = [];

  const emitState = (reason: string): void => {
    const data: LeaseStateData = { lease: 'state', key: cfg.key, role, token, believedUntilMs, reason };
    events.push({ kind: 'state', label: `${role} (${reason})`, data });
  };
  const emitError = (op: string, code: string, message: string): void => {
    const data: LeaseErrorData = { lease: 'error', op, code, message };
    events.push({ kind: 'local', label: `lease ${op} failed: ${code}`, data });
  };
  const send = (req: LeaseRequest, nowMs: number): void => {
    pending = { req, sentAtMs: nowMs };
    if (req.op === 'acquire') {
      acquiresInFlight.set(req.reqId, nowMs);
      if (acquiresInFlight.size > 16) acquiresInFlight.delete(acquiresInFlight.keys().next().value as number);
    }
    requests.push(req);
  };
  const becomeLeader = (id: string, tok: number, untilMs: number, reason: string): void => {
    role = 'leader';
    leaseId = id;
    token = tok;
    believedUntilMs = untilMs;
    knownHolder = cfg.node;
    emitState(reason);
  };
  const stepDown = (to: LeaseRole, reason: string, holder: string | null): void => {
    const changed = role !== to || knownHolder !== holder;
    role = to;
    leaseId = null;
    token = null;
    believedUntilMs = null;
    knownHolder = holder;
    if (changed) emitState(reason);
  };

  const tick = (nowMs: number): void => {
    if (pending && nowMs >= pending.sentAtMs + cfg.requestTimeoutMs) {
      emitError(pending.req.op, 'deadline', `no reply from the lease store within ${cfg.requestTimeoutMs} ms`);
      pending = null;
      nextActionAtMs = Math.min(nextActionAtMs, nowMs);
    }
    if (role === 'leader' && believedUntilMs !== null && nowMs >= believedUntilMs) {
      stepDown('candidate', 'expired-locally', null);
      nextActionAtMs = nowMs;
    }
    if (pending || nowMs < nextActionAtMs) return;
    reqSeq += 1;
    if (role === 'leader' && leaseId !== null) {
      send({ op: 'keepAlive', reqId: reqSeq, key: cfg.key, leaseId }, nowMs);
      nextActionAtMs = nowMs + cfg.renewEveryMs;
    } else {
      send({ op: 'acquire', reqId: reqSeq, key: cfg.key, holder: cfg.node, ttlMs: cfg.ttlMs }, nowMs);
      nextActionAtMs = nowMs + cfg.retryEveryMs;
    }
  };

  const stepLateAcquire = (reply: LeaseReply, nowMs: number): void => {
    // A reply to an acquire we gave up on: the store may have granted it anyway.
    const sentAtMs = acquiresInFlight.get(reply.reqId);
    acquiresInFlight.delete(reply.reqId);
    if (sentAtMs === undefined || !('acquire' in reply) || !reply.acquire.ok) return;
    const lease = reply.acquire.lease;
    const untilMs = sentAtMs + lease.ttlMs;
    if (!resigned && role !== 'leader' && nowMs < untilMs) {
      becomeLeader(lease.leaseId, lease.token, untilMs, 'acquired-late');
      nextActionAtMs = nowMs;
    } else if (role !== 'leader' || leaseId !== lease.leaseId) {
      reqSeq += 1;
      requests.push({ op: 'release', reqId: reqSeq, key: cfg.key, leaseId: lease.leaseId });
    }
  };

  const step = (reply: LeaseReply, nowMs: number): void => {
    if (!pending || reply.reqId !== pending.req.reqId) {
      stepLateAcquire(reply, nowMs);
      return;
    }
    const sentAtMs = pending.sentAtMs;
    pending = null;
    if ('error' in reply) {
      emitError(reply.op, reply.error.code, reply.error.message);
      nextActionAtMs = nowMs + cfg.retryEveryMs;
      return;
    }
    switch (reply.op) {
      case 'acquire': {
        acquiresInFlight.delete(reply.reqId);
        const r = reply.acquire;
        if (r.ok) {
          becomeLeader(r.lease.leaseId, r.lease.token, sentAtMs + r.lease.ttlMs, 'acquired');
          nextActionAtMs = sentAtMs + cfg.renewEveryMs;
        } else {
          stepDown('follower', 'busy', r.current?.holder ?? null);
        }
        return;
      }
      case 'keepAlive': {
        if (role !== 'leader') return;
        if (reply.keepAlive.ok) {
          believedUntilMs = Math.max(believedUntilMs ?? -Infinity, sentAtMs + reply.keepAlive.ttlMs);
          emitState('renewed');
        } else {
          stepDown('candidate', 'lost', null);
          nextActionAtMs = nowMs;
        }
        return;
      }
      default:
        return;
    }
  };

  const resign = (): void => {
    if (role === 'leader' && leaseId !== null) {
      reqSeq += 1;
      const req: LeaseRequest = { op: 'release', reqId: reqSeq, key: cfg.key, leaseId };
      requests.push(req);
      stepDown('candidate', 'resigned', null);
    }
    pending = null;
    resigned = true;
    nextActionAtMs = Infinity;
  };

  return {
    config: cfg,
    tick,
    step,
    resign,
    view: () => ({ role, token, leaseId, believedUntilMs, knownHolder }),
    leaderToken: () => (role === 'leader' ? token : null),
    takeReady: () => {
      const ready = { requests, events };
      requests = [];
      events = [];
      return ready;
    },
  };
}
