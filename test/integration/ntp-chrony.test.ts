/**
 * The NTP client against a real chronyd (Debian's chrony) on a loopback port. chrony
 * serves the host clock shifted by a known offset through a `refclock SOCK` source fed
 * with samples whose offset field is that offset, so the estimate is checked against
 * the truth. Each chronyd is stopped by PID (also in afterAll if a test failed early).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NtpUdpClient, startChrony, type ChronyServer } from '../../main/ntp';
import { createRng } from '../../shared/rng';
import { ClockFilter } from '../../shared/ntp';

const started: ChronyServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
});

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

describe('NTP client against chrony serving a known offset', () => {
  // The module's estimate is the clock filter's output (the lowest-delay of the last 8
  // exchanges), as in RFC 5905: on a loaded machine a single exchange can sit in the
  // event loop for milliseconds before T4 is read, and its error is bounded only by δ/2.
  it.each([-2, -0.75, 0, 0.0004, 1.5, 2])('offset %d s: estimate median |error| < 0.5 ms, p95 < 2 ms', async (offsetS) => {
    const chrony = await startChrony({ refclockOffsetS: offsetS });
    started.push(chrony);
    const client = new NtpUdpClient({ rng: createRng(7), replyTimeoutMs: 500 });
    try {
      const errs: number[] = [];
      const filter = new ClockFilter();
      for (let i = 0; i < 30; i++) {
        const r = await client.query(chrony.host, chrony.port);
        expect(r.ok, r.ok ? '' : r.rejection.reason).toBe(true);
        if (r.ok) {
          expect(r.sample.stratum).toBe(1);
          const best = filter.add(r.sample).best;
          // Every sample's own error bound holds: the truth lies within offset ± (δ/2 + dispersion + 1 µs rounding).
          expect(Math.abs(r.sample.offsetMs - offsetS * 1000)).toBeLessThanOrEqual(r.sample.delayMs / 2 + r.sample.dispersionMs + 0.05);
          errs.push(Math.abs(best.offsetMs - offsetS * 1000));
        }
      }
      expect(quantile(errs, 0.5)).toBeLessThan(0.5);
      expect(quantile(errs, 0.95)).toBeLessThan(2);
    } finally {
      await client.close();
      await chrony.stop();
    }
  });

  it('chrony without a refclock answers at stratum 8 (local) and the stop leaves no process behind', async () => {
    const chrony = await startChrony();
    started.push(chrony);
    const client = new NtpUdpClient();
    const r = await client.query(chrony.host, chrony.port);
    await client.close();
    expect(r.ok && r.sample.stratum).toBe(8);
    await chrony.stop();
    expect(() => process.kill(chrony.pid, 0)).toThrow();
  });
});
