/**
 * Authenticated reliable link: the reliable link with every frame (data and ack)
 * carrying a MAC over its canonical bytes under the key the two ends share. shared/
 * has no crypto, so the MAC is injected (HMAC-SHA256 from node:crypto in main). A frame
 * whose MAC does not verify is dropped and reported as forged; it is never delivered
 * and never acknowledged.
 */
import type { Rng } from '../rng';
import { constantTimeEqual, utf8Encode } from './bytes';
import type { ReliableConfig } from './reliable';
import { ReliableLink } from './reliable';
import type { LinkFrame, LinkReady } from './types';
import { emptyLinkReady } from './types';

/** A link frame with its MAC. */
export interface AuthFrame<P> {
  frame: LinkFrame<P>;
  mac: Uint8Array;
}

/** The crypto the runtime provides. */
export interface MacProvider {
  /** HMAC-SHA256(key, bytes) or equivalent. */
  mac(key: Uint8Array, bytes: Uint8Array): Uint8Array;
  /** The shared key of the pair {a, b} (per run); null if there is none. */
  keyFor(a: string, b: string): Uint8Array | null;
}

/** Canonical bytes a MAC covers: every header field and the payload. */
export function canonicalFrameBytes<P>(frame: LinkFrame<P>, encodePayload: (p: P) => Uint8Array): Uint8Array {
  const header = utf8Encode(JSON.stringify([frame.kind, frame.from, frame.to, frame.epoch, frame.seq]));
  const body = frame.kind === 'Data' ? encodePayload(frame.payload) : new Uint8Array(0);
  const out = new Uint8Array(4 + header.length + body.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(body, 4 + header.length);
  return out;
}

/** Default payload encoding: UTF-8 of its JSON. */
export function jsonPayloadBytes(payload: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(payload) ?? 'undefined');
}

/** One node's authenticated endpoint. */
export class AuthenticatedLink<P> {
  private readonly inner: ReliableLink<P>;

  constructor(
    readonly self: string,
    config: Partial<ReliableConfig>,
    rng: Rng,
    private readonly crypto: MacProvider,
    private readonly encodePayload: (p: P) => Uint8Array = jsonPayloadBytes,
  ) {
    this.inner = new ReliableLink<P>(self, config, rng);
  }

  /** Payloads not yet acknowledged. */
  get unacked(): number {
    return this.inner.unacked;
  }

  private sign(ready: LinkReady<LinkFrame<P>, P>): LinkReady<AuthFrame<P>, P> {
    const out = emptyLinkReady<AuthFrame<P>, P>();
    out.deliver = ready.deliver;
    out.duplicates = ready.duplicates;
    out.rejected = ready.rejected;
    for (const frame of ready.transmit) {
      const key = this.crypto.keyFor(frame.from, frame.to);
      if (!key) {
        out.rejected.push({ from: frame.to, reason: `no key shared with ${frame.to}: frame not sent` });
        continue;
      }
      out.transmit.push({ frame, mac: this.crypto.mac(key, canonicalFrameBytes(frame, this.encodePayload)) });
    }
    return out;
  }

  /** Send `payload` to `to`. */
  send(to: string, payload: P, nowMs: number): LinkReady<AuthFrame<P>, P> {
    return this.sign(this.inner.send(to, payload, nowMs));
  }

  /** A frame arrived; verified before the reliable layer sees it. */
  onFrame(auth: AuthFrame<P>, nowMs: number): LinkReady<AuthFrame<P>, P> {
    const { frame } = auth;
    const key = this.crypto.keyFor(frame.from, this.self);
    if (!key) {
      const out = emptyLinkReady<AuthFrame<P>, P>();
      out.rejected.push({ from: frame.from, reason: `forged: no key shared with claimed sender ${frame.from}` });
      return out;
    }
    const expected = this.crypto.mac(key, canonicalFrameBytes(frame, this.encodePayload));
    if (!(auth.mac instanceof Uint8Array) || !constantTimeEqual(expected, auth.mac)) {
      const out = emptyLinkReady<AuthFrame<P>, P>();
      out.rejected.push({ from: frame.from, reason: `forged: MAC does not verify for ${frame.kind} ${frame.from}→${frame.to} seq ${frame.seq}` });
      return out;
    }
    return this.sign(this.inner.onFrame(frame, nowMs));
  }

  /** Retransmit what is due. */
  tick(nowMs: number): LinkReady<AuthFrame<P>, P> {
    return this.sign(this.inner.tick(nowMs));
  }

  /** Earliest retransmission time, or Infinity. */
  nextDeadlineMs(): number {
    return this.inner.nextDeadlineMs();
  }
}
