/**
 * The link model on the node side (shared/links does the logic): what a core's
 * send becomes on the wire, and what an arriving wire message delivers to the core.
 * fair-loss: one wire message per send; reliable: retransmit + dedup with acks;
 * authenticated: reliable with an HMAC-SHA256 per frame under a per-run key.
 */
import { createHmac } from 'node:crypto';
import type { LinkModel } from '../../shared/experiment/types';
import { AuthenticatedLink, ReliableLink, type AuthFrame, type LinkFrame, type LinkReady, type MacProvider } from '../../shared/links';
import type { Rng } from '../../shared/rng';
import type { MessageStamp } from '../../shared/scenarios';
import type { WireIn, WireOut } from './wire';

/** What travels inside a link frame: the application message with its clocks. */
export interface AppEnvelope {
  /** Application message id, the same on the send and receive records. */
  id: string;
  /** Clocks of the send event. */
  s: MessageStamp;
  /** The core's body. */
  b: unknown;
}

/** Result of a wire message arriving. */
export interface LinkArrival {
  /** Frames to put on the wire in answer (acks). */
  wire: WireOut[];
  /** Application messages for the core, each once. */
  deliver: Array<{ from: string; env: AppEnvelope }>;
  /** Frames refused (forged, malformed, stale). */
  rejected: Array<{ from: string; reason: string; msg: string | null }>;
}

/** One node's endpoint of the run's link model. */
export interface LinkLayer {
  send(to: string, env: AppEnvelope, nowMs: number): WireOut[];
  receive(w: WireIn, nowMs: number): LinkArrival;
  /** Retransmissions due at `nowMs`. */
  tick(nowMs: number): WireOut[];
  /** Earliest time `tick` has work, or Infinity. */
  nextDeadlineMs(): number;
}

function isEnvelope(x: unknown): x is AppEnvelope {
  const e = x as AppEnvelope;
  return !!e && typeof e === 'object' && typeof e.id === 'string' && !!e.s && typeof e.s.lamport === 'number' && !!e.s.vclock && typeof e.s.vclock === 'object';
}

function fairLoss(): LinkLayer {
  return {
    send: (to, env) => [{ to, msg: env.id, p: env }],
    receive(w) {
      if (!isEnvelope(w.p)) return { wire: [], deliver: [], rejected: [{ from: w.from, reason: 'malformed message', msg: w.msg }] };
      return { wire: [], deliver: [{ from: w.from, env: w.p }], rejected: [] };
    },
    tick: () => [],
    nextDeadlineMs: () => Infinity,
  };
}

const frameMsg = (f: LinkFrame<AppEnvelope>): string | null => (f.kind === 'Data' && isEnvelope(f.payload) ? f.payload.id : null);

function arrival<F>(ready: LinkReady<F, AppEnvelope>, toWire: (f: F) => WireOut, msg: string | null): LinkArrival {
  const out: LinkArrival = { wire: ready.transmit.map(toWire), deliver: [], rejected: [] };
  for (const d of ready.deliver) {
    if (isEnvelope(d.payload)) out.deliver.push({ from: d.from, env: d.payload });
    else out.rejected.push({ from: d.from, reason: 'malformed payload', msg });
  }
  for (const r of ready.rejected) out.rejected.push({ ...r, msg });
  return out;
}

function isFrame(x: unknown): x is LinkFrame<AppEnvelope> {
  const f = x as LinkFrame<AppEnvelope>;
  return !!f && typeof f === 'object' && (f.kind === 'Data' || f.kind === 'Ack') && typeof f.from === 'string' && typeof f.to === 'string' && Number.isInteger(f.seq) && Number.isInteger(f.epoch);
}

function reliable(node: string, epoch: number, rng: Rng): LinkLayer {
  const link = new ReliableLink<AppEnvelope>(node, { epoch }, rng);
  const toWire = (f: LinkFrame<AppEnvelope>): WireOut => ({ to: f.to, msg: frameMsg(f), p: f });
  return {
    send: (to, env, nowMs) => link.send(to, env, nowMs).transmit.map(toWire),
    receive(w, nowMs) {
      if (!isFrame(w.p)) return { wire: [], deliver: [], rejected: [{ from: w.from, reason: 'malformed frame', msg: w.msg }] };
      return arrival(link.onFrame(w.p, nowMs), toWire, w.msg);
    },
    tick: (nowMs) => link.tick(nowMs).transmit.map(toWire),
    nextDeadlineMs: () => link.nextDeadlineMs(),
  };
}

/** HMAC-SHA256 with pair keys derived from the run key. */
export function hmacProvider(runKey: Buffer): MacProvider {
  const keys = new Map<string, Uint8Array>();
  return {
    mac: (key, bytes) => new Uint8Array(createHmac('sha256', key).update(bytes).digest()),
    keyFor(a, b) {
      const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
      let k = keys.get(pair);
      if (!k) keys.set(pair, (k = new Uint8Array(createHmac('sha256', runKey).update(pair).digest())));
      return k;
    },
  };
}

interface WireAuthFrame {
  frame: LinkFrame<AppEnvelope>;
  /** MAC, base64. */
  mac: string;
}

function authenticated(node: string, epoch: number, rng: Rng, runKey: Buffer): LinkLayer {
  const link = new AuthenticatedLink<AppEnvelope>(node, { epoch }, rng, hmacProvider(runKey));
  const toWire = (a: AuthFrame<AppEnvelope>): WireOut => ({ to: a.frame.to, msg: frameMsg(a.frame), p: { frame: a.frame, mac: Buffer.from(a.mac).toString('base64') } });
  return {
    send: (to, env, nowMs) => link.send(to, env, nowMs).transmit.map(toWire),
    receive(w, nowMs) {
      const p = w.p as WireAuthFrame;
      if (!p || typeof p !== 'object' || !isFrame(p.frame) || typeof p.mac !== 'string') {
        return { wire: [], deliver: [], rejected: [{ from: w.from, reason: 'forged: malformed authenticated frame', msg: w.msg }] };
      }
      const mac = new Uint8Array(Buffer.from(p.mac, 'base64'));
      return arrival(link.onFrame({ frame: p.frame, mac }, nowMs), toWire, w.msg);
    },
    tick: (nowMs) => link.tick(nowMs).transmit.map(toWire),
    nextDeadlineMs: () => link.nextDeadlineMs(),
  };
}

/** The endpoint for `model`. `incarnation` makes a restarted node's numbering start afresh. */
export function createLinkLayer(model: LinkModel, node: string, incarnation: number, rng: Rng, runKey: Buffer): LinkLayer {
  if (model === 'reliable') return reliable(node, incarnation + 1, rng);
  if (model === 'authenticated') return authenticated(node, incarnation + 1, rng, runKey);
  return fairLoss();
}

/**
 * A forged wire message for the lab's forge fault: it claims to come from `claimFrom`
 * (in its incarnation `claimIncarnation`) and, under the authenticated link, carries a
 * MAC made without the key. Under the
 * other link models the receiver cannot tell it from a real one (which is the point).
 */
export function forgedWireMessage(model: LinkModel, claimFrom: string, to: string, n: number, macBytes: Buffer, claimIncarnation = 0): WireIn {
  const env: AppEnvelope = { id: `forged-${n}`, s: { lamport: 0, vclock: {} }, b: { forged: true } };
  if (model === 'fair-loss') return { from: claimFrom, msg: env.id, p: env };
  // The claimed sender's current link epoch and a sequence number it has not used yet:
  // indistinguishable from a real frame, except for the MAC.
  const frame: LinkFrame<AppEnvelope> = { kind: 'Data', from: claimFrom, to, epoch: claimIncarnation + 1, seq: 1_000_000_000 + n, payload: env };
  if (model === 'reliable') return { from: claimFrom, msg: env.id, p: frame };
  return { from: claimFrom, msg: env.id, p: { frame, mac: macBytes.toString('base64') } };
}
