/**
 * The NTP client against a real chronyd (Debian's chrony) on a loopback port. chrony
 * serves the host clock shifted by a known offset through a `refclock SOCK` source fed
 * with samples whose offset field is that offset, so the estimate is checked against
 * the truth. Each chronyd is stopped by PID (also in afterAll if a test failed early).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NtpUdpClient, startChrony, type ChronyServer } from '../../main/ntp';
import { createRng } from '../../shared/rng';

const started: ChronyServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
});

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

describe('NTP client against chrony serving a known offset', () => {
  it.each([-2, -0.75, 0, 0.0004, 1.5, 2])('offset %d s: median |error| < 0.5 ms, p95 < 2 ms', async (offsetS) => {
    const chrony = await startChrony({ refclockOffsetS: offsetS });
    started.push(chrony);
    const client = new NtpUdpClient({ rng: createRng(7), replyTimeoutMs: 500 });
    try {
      const errs: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await client.query(chrony.host, chrony.port);
        expect(r.ok, r.ok ? '' : r.rejection.reason).toBe(true);
        if (r.ok) {
          expect(r.sample.stratum).toBe(1);
          errs.push(Math.abs(r.sample.offsetMs - offsetS * 1000));
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
