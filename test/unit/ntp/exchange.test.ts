import { describe, expect, it } from 'vitest';
import {
  encodePacket, NtpExchange, ntpFromUnixMs, NtpMode, referenceIdFromText, type NtpPacket, type NtpRequest,
} from '../../../shared/ntp';
import { createRng } from '../../../shared/rng';

const T1 = 1_764_115_200_000.25;

/** A well-behaved server reply to `req`: server ahead by `thetaMs`, 2 ms each way, 0.1 ms hold. */
function reply(req: NtpRequest, thetaMs: number, over: Partial<NtpPacket> = {}): { bytes: Uint8Array; t4Ms: number } {
  const t2 = req.t1Ms + 2 + thetaMs;
  const t3 = t2 + 0.1;
  const p: NtpPacket = {
    leap: 0, version: 4, mode: NtpMode.server, stratum: 2, pollLog2: 4, precisionLog2: -23, rootDelayMs: 0.5, rootDispersionMs: 0.5,
    referenceId: referenceIdFromText('LAB'), referenceTs: ntpFromUnixMs(t2 - 1000), originTs: req.originTs,
    receiveTs: ntpFromUnixMs(t2), transmitTs: ntpFromUnixMs(t3), ...over,
  };
  return { bytes: encodePacket(p), t4Ms: t3 - thetaMs + 2 };
}

describe('NtpExchange', () => {
  it('accepts a genuine reply and computes offset and delay at sub-ms precision', () => {
    const ex = new NtpExchange({ source: 'lab', rng: createRng(1) });
    const req = ex.request(T1);
    const r = reply(req, 1234.567);
    const res = ex.onReply(r.bytes, r.t4Ms);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.sample.offsetMs).toBeCloseTo(1234.567, 3);
    expect(res.sample.delayMs).toBeCloseTo(4, 3);
    expect(ex.pendingCount).toBe(0);
  });

  it('randomizes only sub-microsecond bits of the origin timestamp', () => {
    const ex = new NtpExchange({ source: 'lab', rng: createRng(2) });
    const req = ex.request(T1);
    const plain = ntpFromUnixMs(T1);
    expect(req.originTs.seconds).toBe(plain.seconds);
    expect(Math.abs(req.originTs.fraction - plain.fraction)).toBeLessThan(4096);
  });

  const cases: [string, (req: NtpRequest) => { bytes: Uint8Array; t4Ms: number }, string, RegExp][] = [
    ['stratum 16', (q) => reply(q, 0, { stratum: 16 }), 'unsynchronized', /stratum 16/],
    ['leap 3', (q) => reply(q, 0, { leap: 3 }), 'unsynchronized', /leap indicator 3/],
    ['kiss-o\'-death', (q) => reply(q, 0, { stratum: 0, referenceId: referenceIdFromText('RATE') }), 'kiss-of-death', /RATE/],
    ['client-mode packet', (q) => reply(q, 0, { mode: NtpMode.client }), 'garbage', /mode 3/],
    ['unsolicited (origin we never sent)', (q) => reply(q, 0, { originTs: ntpFromUnixMs(T1 - 5000) }), 'unsolicited', /origin timestamp/],
    ['transmit before receive', (q) => reply(q, 0, { transmitTs: ntpFromUnixMs(q.t1Ms - 100) }), 'absurd', /before its receive/],
    ['server hold longer than our round trip', (q) => reply(q, 0, { receiveTs: ntpFromUnixMs(q.t1Ms - 60_000) }), 'absurd', /longer than our/],
    ['reply from the future', (q) => reply(q, 3_000_000), 'absurd', /reply from the future/],
    ['reference time after transmit', (q) => reply(q, 0, { referenceTs: ntpFromUnixMs(q.t1Ms + 86_400_000) }), 'absurd', /reference time/],
    ['zero transmit', (q) => reply(q, 0, { transmitTs: { seconds: 0, fraction: 0 } }), 'absurd', /zero/],
    ['root distance too large', (q) => reply(q, 0, { rootDispersionMs: 5000 }), 'distance', /root distance/],
  ];
  for (const [name, make, kind, reason] of cases) {
    it(`rejects ${name} with a reason`, () => {
      const ex = new NtpExchange({ source: 'lab' });
      const r = make(ex.request(T1));
      const res = ex.onReply(r.bytes, r.t4Ms);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.rejection.kind).toBe(kind);
      expect(res.rejection.reason).toMatch(reason);
    });
  }

  it('rejects garbage bytes and a second copy of a reply', () => {
    const ex = new NtpExchange({ source: 'lab' });
    expect(ex.onReply(Uint8Array.from([1, 2, 3]), T1)).toMatchObject({ ok: false, rejection: { kind: 'garbage' } });
    const req = ex.request(T1);
    const r = reply(req, 5);
    expect(ex.onReply(r.bytes, r.t4Ms).ok).toBe(true);
    expect(ex.onReply(r.bytes, r.t4Ms + 1)).toMatchObject({ ok: false, rejection: { kind: 'unsolicited' } });
  });

  it('expires unanswered requests as timeouts', () => {
    const ex = new NtpExchange({ source: 'lab', replyTimeoutMs: 500 });
    ex.request(T1);
    expect(ex.expire(T1 + 499)).toEqual([]);
    const [t] = ex.expire(T1 + 500);
    expect(t.kind).toBe('timeout');
    expect(t.reason).toMatch(/within 500 ms/);
    expect(ex.pendingCount).toBe(0);
  });
});
