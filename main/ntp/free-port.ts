/**
 * A port free on 127.0.0.1 for a server that another process (chronyd, etcd) will bind.
 *
 * Binding port 0 and closing it hands back a port from the kernel's ephemeral range,
 * which the kernel may hand to anyone else's port-0 bind or outgoing connection before
 * the server binds it (seen in CI: a test's "nobody listens here" port answered, because
 * a parallel test's server got it). Ports below the ephemeral range are never handed
 * out that way, so a random free one there is only taken by someone choosing it on
 * purpose.
 */
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Lowest port of the kernel's ephemeral range (Linux; 32768 elsewhere or if unreadable). */
export function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

function canBind(kind: 'udp' | 'tcp', port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (kind === 'udp') {
      const s = createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    } else {
      const srv = createServer();
      srv.unref();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    }
  });
}

/** A random port in [10000, ephemeral low) free for `kind` on 127.0.0.1 now; 200 tries at most. */
export async function freePortBelowEphemeral(kind: 'udp' | 'tcp'): Promise<number> {
  const low = 10_000;
  const high = Math.max(low + 1000, ephemeralLow());
  for (let i = 0; i < 200; i++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canBind(kind, port)) return port;
  }
  throw new Error(`no free ${kind} port on 127.0.0.1 between ${low} and ${high} after 200 tries`);
}
