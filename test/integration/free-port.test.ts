/** Ports for servers other processes bind (chronyd, etcd): outside the kernel's ephemeral range, and free. */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralLow, freePortBelowEphemeral } from '../../main/ntp';

describe('freePortBelowEphemeral', () => {
  it('reads the kernel range and never returns a port a port-0 bind could be given', async () => {
    const low = ephemeralLow();
    expect(low).toBeGreaterThan(2048);
    for (const kind of ['udp', 'tcp'] as const) {
      for (let i = 0; i < 20; i++) {
        const p = await freePortBelowEphemeral(kind);
        expect(p).toBeGreaterThanOrEqual(10_000);
        expect(p).toBeLessThan(Math.max(11_000, low));
      }
    }
  });

  it('the port is free: a UDP socket and a TCP server bind it', async () => {
    const u = await freePortBelowEphemeral('udp');
    const s = createSocket('udp4');
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.bind(u, '127.0.0.1', resolve); });
    expect(s.address().port).toBe(u);
    await new Promise<void>((r) => s.close(() => r()));
    const t = await freePortBelowEphemeral('tcp');
    const srv = createServer();
    await new Promise<void>((resolve, reject) => { srv.once('error', reject); srv.listen(t, '127.0.0.1', resolve); });
    expect((srv.address() as { port: number }).port).toBe(t);
    await new Promise<void>((r) => srv.close(() => r()));
  });
});
