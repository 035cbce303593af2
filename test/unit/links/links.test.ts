import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  AuthenticatedLink, FairLossLink, ReliableLink, utf8Encode, type AuthFrame, type Delivery, type LinkReady, type MacProvider,
} from '../../../shared/links';
import { createRng, type Rng } from '../../../shared/rng';

interface Endpoint<F> {
  send(to: string, payload: string, nowMs: number): LinkReady<F, string>;
  onFrame(frame: F, nowMs: number): LinkReady<F, string>;
  tick(nowMs: number): LinkReady<F, string>;
  readonly unacked: number;
}

/**
 * A bounded virtual-time loop: two endpoints over a fair-loss link with random delay
 * (so frames reorder). Returns each node's deliveries and the final time.
 */
function runLoop<F>(a: Endpoint<F>, b: Endpoint<F>, msgs: { from: 'a' | 'b'; atMs: number; payload: string }[], link: FairLossLink, rng: Rng, maxMs: number, dest: (f: F) => string) {
  const nodes = { a, b };
  const wire: { atMs: number; frame: F }[] = [];
  const delivered: Record<'a' | 'b', Delivery<string>[]> = { a: [], b: [] };
  const rejected: string[] = [];
  const put = (ready: LinkReady<F, string>, t: number, who: 'a' | 'b') => {
    delivered[who].push(...ready.deliver);
    rejected.push(...ready.rejected.map((r) => r.reason));
    for (const f of ready.transmit) for (const copy of link.transmit(f)) wire.push({ atMs: t + rng.range(1, 30), frame: copy });
  };
  let t = 0;
  for (; t <= maxMs; t++) {
    for (const m of msgs) if (m.atMs === t) put(nodes[m.from].send(m.from === 'a' ? 'b' : 'a', m.payload, t), t, m.from);
    for (let i = wire.length - 1; i >= 0; i--) {
      if (wire[i].atMs <= t) {
        const { frame } = wire.splice(i, 1)[0];
        const who = dest(frame) as 'a' | 'b';
        put(nodes[who].onFrame(frame, t), t, who);
      }
    }
    put(a.tick(t), t, 'a');
    put(b.tick(t), t, 'b');
    if (t > Math.max(...msgs.map((m) => m.atMs), 0) && a.unacked === 0 && b.unacked === 0 && wire.length === 0) break;
  }
  return { delivered, rejected, endMs: t };
}

const msgsArb = fc.array(fc.record({ from: fc.constantFrom('a' as const, 'b' as const), atMs: fc.integer({ min: 0, max: 200 }), payload: fc.string() }), { maxLength: 25 });

function expectExactlyOnce(msgs: { from: 'a' | 'b'; payload: string }[], delivered: Record<'a' | 'b', Delivery<string>[]>) {
  for (const to of ['a', 'b'] as const) {
    const sent = msgs.filter((m) => m.from !== to).map((m) => m.payload).sort();
    expect(delivered[to].map((d) => d.payload).sort()).toEqual(sent);
    const seqs = delivered[to].map((d) => d.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  }
}

describe('fair-loss link', () => {
  it('loses and duplicates at the configured rates (seeded)', () => {
    const link = new FairLossLink({ lossProb: 0.3, dupProb: 0.1 }, createRng(5));
    let copies = 0;
    for (let i = 0; i < 20_000; i++) copies += link.transmit(i).length;
    expect(link.stats.lost / 20_000).toBeCloseTo(0.3, 1);
    expect(link.stats.duplicated / (20_000 - link.stats.lost)).toBeCloseTo(0.1, 1);
    expect(copies).toBe(20_000 - link.stats.lost + link.stats.duplicated);
  });

  it('refuses loss 1 (nothing would ever get through) and probabilities outside [0, 1]', () => {
    expect(() => new FairLossLink({ lossProb: 1, dupProb: 0 }, createRng(1))).toThrow('fair-loss link: lossProb must be in [0, 1), got 1');
    expect(() => new FairLossLink({ lossProb: 0, dupProb: -0.1 }, createRng(1))).toThrow(/dupProb/);
  });
});

describe('reliable link over fair-loss', () => {
  it('property: with loss < 1 every message is delivered exactly once', () => {
    fc.assert(fc.property(msgsArb, fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(), (msgs, lossProb, dupProb, seed) => {
      const rng = createRng(seed);
      const a = new ReliableLink<string>('a', { retransmitMs: 40, retransmitMaxMs: 400 }, rng.fork());
      const b = new ReliableLink<string>('b', { retransmitMs: 40, retransmitMaxMs: 400 }, rng.fork());
      const link = new FairLossLink({ lossProb, dupProb }, rng.fork());
      const { delivered, endMs } = runLoop(a, b, msgs, link, rng.fork(), 600_000, (f) => f.to);
      expect(endMs).toBeLessThan(600_000);
      expectExactlyOnce(msgs, delivered);
    }), { numRuns: 60 });
  });

  it('counts duplicates and re-acks them without delivering twice', () => {
    const b = new ReliableLink<string>('b', {}, createRng(1));
    const frame = { kind: 'Data' as const, from: 'a', to: 'b', epoch: 1, seq: 1, payload: 'x' };
    expect(b.onFrame(frame, 0).deliver.length).toBe(1);
    const again = b.onFrame(frame, 1);
    expect(again.deliver).toEqual([]);
    expect(again.duplicates).toBe(1);
    expect(again.transmit).toEqual([{ kind: 'Ack', from: 'b', to: 'a', epoch: 1, seq: 1 }]);
  });

  it('a restarted sender (new epoch) starts numbering afresh; frames of the old incarnation are refused', () => {
    const b = new ReliableLink<string>('b', {}, createRng(1));
    b.onFrame({ kind: 'Data', from: 'a', to: 'b', epoch: 1, seq: 1, payload: 'old' }, 0);
    const restarted = new ReliableLink<string>('a', { epoch: 2 }, createRng(2));
    const [f] = restarted.send('b', 'new', 10).transmit;
    expect(b.onFrame(f, 11).deliver.map((d) => d.payload)).toEqual(['new']);
    expect(b.onFrame({ kind: 'Data', from: 'a', to: 'b', epoch: 1, seq: 2, payload: 'late' }, 12).rejected[0].reason).toMatch(/stale/);
  });

  it('retransmits with doubling backoff until acked', () => {
    const a = new ReliableLink<string>('a', { retransmitMs: 100, retransmitMaxMs: 400, jitter: 0 }, createRng(1));
    a.send('b', 'x', 0);
    const times: number[] = [];
    for (let t = 0; t <= 1500; t++) if (a.tick(t).transmit.length) times.push(t);
    expect(times).toEqual([100, 300, 700, 1100, 1500]);
    a.onFrame({ kind: 'Ack', from: 'b', to: 'a', epoch: 1, seq: 1 }, 1501);
    expect(a.unacked).toBe(0);
  });
});

const hmac: MacProvider = {
  mac: (key, bytes) => new Uint8Array(createHmac('sha256', key).update(bytes).digest()),
  keyFor: (x, y) => utf8Encode(`run-key:${[x, y].sort().join('|')}`),
};

describe('authenticated reliable link', () => {
  it('property: exactly once over fair-loss, with HMAC-SHA256 on every frame', () => {
    fc.assert(fc.property(msgsArb, fc.double({ min: 0, max: 0.6, noNaN: true }), fc.integer(), (msgs, lossProb, seed) => {
      const rng = createRng(seed);
      const a = new AuthenticatedLink<string>('a', { retransmitMs: 40 }, rng.fork(), hmac);
      const b = new AuthenticatedLink<string>('b', { retransmitMs: 40 }, rng.fork(), hmac);
      const { delivered, rejected } = runLoop<AuthFrame<string>>(a, b, msgs, new FairLossLink({ lossProb, dupProb: 0.1 }, rng.fork()), rng.fork(), 600_000, (f) => f.frame.to);
      expectExactlyOnce(msgs, delivered);
      expect(rejected).toEqual([]);
    }), { numRuns: 30 });
  });

  it('rejects and reports forged frames: wrong key, tampered payload, tampered header, missing MAC', () => {
    const a = new AuthenticatedLink<string>('a', {}, createRng(1), hmac);
    const b = new AuthenticatedLink<string>('b', {}, createRng(2), hmac);
    const [genuine] = a.send('b', 'transfer 10', 0).transmit;
    const mallory: MacProvider = { ...hmac, keyFor: () => utf8Encode('guessed') };
    const [forged] = new AuthenticatedLink<string>('a', {}, createRng(3), mallory).send('b', 'transfer 10', 0).transmit;
    const attempts: AuthFrame<string>[] = [
      forged,
      { ...genuine, frame: { ...genuine.frame, payload: 'transfer 1000' } as typeof genuine.frame },
      { ...genuine, frame: { ...genuine.frame, seq: 7 } },
      { ...genuine, mac: new Uint8Array(0) },
    ];
    for (const f of attempts) {
      const r = b.onFrame(f, 1);
      expect(r.deliver).toEqual([]);
      expect(r.transmit).toEqual([]);
      expect(r.rejected[0].reason).toMatch(/^forged: MAC does not verify/);
    }
    const ok = b.onFrame(genuine, 2);
    expect(ok.deliver.map((d) => d.payload)).toEqual(['transfer 10']);
    expect(ok.transmit.length).toBe(1);
  });

  it('rejects a claimed sender it shares no key with', () => {
    const keyless: MacProvider = { ...hmac, keyFor: (x, y) => (x === 'eve' || y === 'eve' ? null : hmac.keyFor(x, y)) };
    const b = new AuthenticatedLink<string>('b', {}, createRng(2), keyless);
    const r = b.onFrame({ frame: { kind: 'Data', from: 'eve', to: 'b', epoch: 1, seq: 1, payload: 'hi' }, mac: new Uint8Array(32) }, 0);
    expect(r.rejected[0].reason).toBe('forged: no key shared with claimed sender eve');
  });

  it('utf8Encode matches the platform encoder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(Array.from(utf8Encode(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }));
  });
});
