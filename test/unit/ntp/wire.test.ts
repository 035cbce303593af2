import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodePacket, delayMs, encodePacket, ntpFromUnixMs, NtpMode, NTP_ZERO, offsetMs, referenceIdFromText, referenceIdText,
  unixMsFromNtp, type NtpPacket,
} from '../../../shared/ntp';

const packet = (over: Partial<NtpPacket> = {}): NtpPacket => ({
  leap: 0, version: 4, mode: NtpMode.server, stratum: 2, pollLog2: 4, precisionLog2: -20, rootDelayMs: (1000 * 98) / 65536, rootDispersionMs: (1000 * 16) / 65536, // exact in 16.16
  referenceId: referenceIdFromText('LAB'), referenceTs: ntpFromUnixMs(1.7e12), originTs: ntpFromUnixMs(1.7e12 + 1),
  receiveTs: ntpFromUnixMs(1.7e12 + 2.123456), transmitTs: ntpFromUnixMs(1.7e12 + 2.5), ...over,
});

describe('NTP timestamps', () => {
  it('round-trip Unix ms to within a microsecond, never rounded to whole ms', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 4_000_000_000_000, noNaN: true }), (ms) => {
      expect(Math.abs(unixMsFromNtp(ntpFromUnixMs(ms)) - ms)).toBeLessThan(1e-3);
    }));
    expect(unixMsFromNtp(ntpFromUnixMs(1_764_115_200_000.123))).toBeCloseTo(1_764_115_200_000.123, 3);
  });

  it('resolve era 1 (after 2036-02-07) from the top bit of the seconds field', () => {
    const after2036 = Date.UTC(2040, 0, 1) + 0.5;
    const ts = ntpFromUnixMs(after2036);
    expect(ts.seconds).toBeLessThan(0x8000_0000);
    expect(unixMsFromNtp(ts)).toBeCloseTo(after2036, 3);
  });
});

describe('NTP packets', () => {
  it('encode/decode round-trips every field', () => {
    fc.assert(fc.property(
      fc.record({
        leap: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>, version: fc.integer({ min: 1, max: 4 }), mode: fc.integer({ min: 0, max: 7 }),
        stratum: fc.integer({ min: 0, max: 255 }), pollLog2: fc.integer({ min: -128, max: 127 }), precisionLog2: fc.integer({ min: -128, max: 127 }),
        referenceId: fc.nat({ max: 0xffff_ffff }), t: fc.double({ min: 1e12, max: 2e12, noNaN: true }),
      }),
      ({ t, ...r }) => {
        const p = packet({ ...r, referenceTs: ntpFromUnixMs(t), originTs: ntpFromUnixMs(t + 1), receiveTs: ntpFromUnixMs(t + 2), transmitTs: ntpFromUnixMs(t + 3) });
        const d = decodePacket(encodePacket(p));
        expect(d.ok).toBe(true);
        if (d.ok) expect(d.packet).toEqual(p);
      },
    ));
  });

  it('reads the precision field as a signed exponent (0xEC is -20, not 236)', () => {
    const bytes = encodePacket(packet());
    expect(bytes[3]).toBe(0xec);
    const d = decodePacket(bytes);
    expect(d.ok && d.packet.precisionLog2).toBe(-20);
  });

  it('refuses garbage: short datagrams and impossible versions', () => {
    expect(decodePacket(new Uint8Array(12))).toEqual({ ok: false, reason: 'garbage: 12 bytes, an NTP header needs 48' });
    const bad = encodePacket(packet());
    bad[0] = (bad[0] & 0b1100_0111) | (7 << 3);
    expect(decodePacket(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('version 7') });
    bad[0] = bad[0] & 0b1100_0111;
    expect(decodePacket(bad)).toMatchObject({ ok: false });
  });

  it('keeps sub-millisecond T2/T3 from the 64-bit fields', () => {
    const d = decodePacket(encodePacket(packet()));
    expect(d.ok && unixMsFromNtp(d.packet.receiveTs)).toBeCloseTo(1.7e12 + 2.123456, 4);
  });

  it('prints reference ids as ASCII or dotted quad', () => {
    expect(referenceIdText(referenceIdFromText('RATE'))).toBe('RATE');
    expect(referenceIdText(0x7f000001)).toBe('127.0.0.1');
    expect(NTP_ZERO).toEqual({ seconds: 0, fraction: 0 });
  });
});

describe('RFC 5905 offset and delay', () => {
  const exchange = fc.record({
    t1Ms: fc.double({ min: 1.6e12, max: 1.9e12, noNaN: true }),
    thetaMs: fc.double({ min: -5000, max: 5000, noNaN: true }),
    oneWayMs: fc.double({ min: 0, max: 500, noNaN: true }),
    backMs: fc.double({ min: 0, max: 500, noNaN: true }),
    holdMs: fc.double({ min: 0, max: 50, noNaN: true }),
  });

  it('with symmetric delays the offset estimate equals the injected offset', () => {
    fc.assert(fc.property(exchange, ({ t1Ms, thetaMs, oneWayMs, holdMs }) => {
      const t2Ms = t1Ms + oneWayMs + thetaMs;
      const t3Ms = t2Ms + holdMs;
      const t4Ms = t3Ms - thetaMs + oneWayMs;
      const times = { t1Ms, t2Ms, t3Ms, t4Ms };
      expect(offsetMs(times)).toBeCloseTo(thetaMs, 3);
      expect(delayMs(times)).toBeCloseTo(2 * oneWayMs, 3);
    }));
  });

  it('with asymmetric delays the error is exactly half the asymmetry, and never more than delay/2', () => {
    fc.assert(fc.property(exchange, ({ t1Ms, thetaMs, oneWayMs, backMs, holdMs }) => {
      const t2Ms = t1Ms + oneWayMs + thetaMs;
      const t3Ms = t2Ms + holdMs;
      const t4Ms = t3Ms - thetaMs + backMs;
      const times = { t1Ms, t2Ms, t3Ms, t4Ms };
      const err = offsetMs(times) - thetaMs;
      expect(err).toBeCloseTo((oneWayMs - backMs) / 2, 3);
      expect(Math.abs(err)).toBeLessThanOrEqual(delayMs(times) / 2 + 1e-3);
    }));
  });

  it('gets small offsets right where an |·|-based formula returns −delay/2', () => {
    // True offset 0.3 ms, 10 ms each way: ntp-time-sync's formula gives −(|10.3| + |−9.7|)/2 = −10 ms.
    const times = { t1Ms: 1000, t2Ms: 1010.3, t3Ms: 1010.3, t4Ms: 1020 };
    expect(offsetMs(times)).toBeCloseTo(0.3, 9);
  });
});
