/**
 * The lab time server on a worker thread (main/ntp/server-thread.ts), as `coordlab run`
 * starts it: the node entry bundle serving NTP over real UDP on 127.0.0.1, its injected
 * error seen by a client in this thread, its fault switched live, and a clean close.
 */
import { createSocket } from 'node:dgram';
import { afterAll, describe, expect, it } from 'vitest';
import { NtpUdpClient, startLabTimeServerThread, type LabTimeServerThread } from '../../main/ntp';
import { nodeEntryBundle } from '../../main/lab/bundle';
import { ClockFilter } from '../../shared/ntp';

const servers: LabTimeServerThread[] = [];
const clients: NtpUdpClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
});

async function thread(opts: Parameters<typeof startLabTimeServerThread>[1]): Promise<LabTimeServerThread> {
  const s = await startLabTimeServerThread(nodeEntryBundle().path, opts);
  servers.push(s);
  return s;
}
function client(replyTimeoutMs = 1000): NtpUdpClient {
  const c = new NtpUdpClient({ replyTimeoutMs });
  clients.push(c);
  return c;
}

/** Can `port` be bound on loopback now? (It can once the server released it.) */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('lab time server on a worker thread', () => {
  it.each([0, 40, -1500])('serves the host clock %d ms off; the filtered estimate is within 0.5 ms of it', async (offsetMs) => {
    const s = await thread({ port: 0, offsetMs });
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
    const c = client();
    const filter = new ClockFilter();
    let best = NaN;
    for (let i = 0; i < 8; i++) {
      const r = await c.query(s.host, s.port);
      expect(r.ok).toBe(true);
      if (r.ok) best = filter.add(r.sample).best.offsetMs;
    }
    expect(Math.abs(best - offsetMs)).toBeLessThan(0.5);
  });

  it('switches its fault live (stratum 16 is refused, then good again) and releases its port on close', async () => {
    const s = await thread({ port: 0 });
    const c = client();
    expect((await c.query(s.host, s.port)).ok).toBe(true);
    s.setFault('stratum16');
    // The switch is a message to the thread: poll until it has taken effect, with a deadline.
    const deadline = Date.now() + 5000;
    let refused: Awaited<ReturnType<NtpUdpClient['query']>> | null = null;
    while (Date.now() < deadline) {
      const r = await c.query(s.host, s.port);
      if (!r.ok) { refused = r; break; }
    }
    expect(refused && !refused.ok && refused.rejection.kind).toBe('unsynchronized');
    s.setFault('none');
    const back = Date.now() + 5000;
    let ok = false;
    while (!ok && Date.now() < back) ok = (await c.query(s.host, s.port)).ok;
    expect(ok).toBe(true);
    expect(await bindable(s.port)).toBe(false);
    await s.close();
    expect(await bindable(s.port)).toBe(true);
  });

  it('a port already taken: start fails with one clear error naming the cause', async () => {
    const s = await thread({ port: 0 });
    await expect(startLabTimeServerThread(nodeEntryBundle().path, { port: s.port })).rejects.toThrow(/lab time server: .*EADDRINUSE/);
  });
});
