/**
 * A throwaway chronyd for tests and benches: Debian's chrony serving NTP on a free
 * loopback port, not touching the system clock (-x), optionally fed a known offset
 * through a `refclock SOCK` source so the estimate can be checked against the truth.
 *
 * The refclock sample is chrony's `struct sock_sample` (refclock_sock.c): struct
 * timeval tv (system time of the sample), double offset (true time minus system time,
 * seconds), int pulse, int leap, int _pad, int magic = 0x534f434b; 40 bytes on x86-64
 * in native byte order, sent as a datagram to the Unix socket chronyd creates. Node
 * has no Unix datagram sockets, so a 6-line Perl loop (Socket and Time::HiRes ship
 * with Debian's perl) sends one sample every 100 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortBelowEphemeral } from './free-port';
import { referenceIdText } from '../../shared/ntp';
import { NtpUdpClient } from './client';

/** Options of `startChrony`. */
export interface ChronyOptions {
  /** Serve host time shifted by this many seconds (via refclock SOCK); null/undefined: plain `local stratum 8`. */
  refclockOffsetS?: number | null;
  /** Give up waiting for the first good answer after this long, ms. */
  readyTimeoutMs?: number;
  chronydPath?: string;
}

/** A running chronyd. */
export interface ChronyServer {
  host: string;
  port: number;
  pid: number;
  dir: string;
  /** chronyd's stderr/stdout so far. */
  log(): string;
  stop(): Promise<void>;
}

const REFCLOCK_ID = 'TEST';

const FEEDER = [
  'use Socket; use Time::HiRes qw(gettimeofday usleep);',
  'my ($path, $off) = @ARGV; $SIG{TERM} = sub { exit 0 };',
  'socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or die "socket: $!"; my $to = pack_sockaddr_un($path);',
  'while (1) { my ($sec, $usec) = gettimeofday();',
  '  send($s, pack("qqdiiii", $sec, $usec, $off, 0, 0, 0, 0x534f434b), 0, $to); usleep(100000); }',
].join('\n');

/** A UDP port free on 127.0.0.1 now, outside the kernel's ephemeral range (see free-port.ts). */
export function freeUdpPort(): Promise<number> {
  return freePortBelowEphemeral('udp');
}

async function stopChild(child: ChildProcess | null, graceMs = 3000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => { if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL'); }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Start chronyd and wait (polling NTP with a deadline) until it serves; kill it with `stop()`. */
export async function startChrony(options: ChronyOptions = {}): Promise<ChronyServer> {
  const dir = mkdtempSync(join(tmpdir(), 'coordlab-chrony-'));
  const port = await freeUdpPort();
  const sockPath = join(dir, 'refclock.sock');
  const withRefclock = options.refclockOffsetS !== undefined && options.refclockOffsetS !== null;
  const conf = [
    `port ${port}`, 'bindaddress 127.0.0.1', 'allow 127.0.0.1', 'local stratum 8', 'cmdport 0', 'bindcmdaddress /',
    `pidfile ${join(dir, 'chronyd.pid')}`, `driftfile ${join(dir, 'drift')}`,
    ...(withRefclock ? [`refclock SOCK ${sockPath} refid ${REFCLOCK_ID} poll 0 filter 2`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'chrony.conf'), conf + '\n');
  let output = '';
  const chronyd = spawn(options.chronydPath ?? 'chronyd', ['-x', '-d', '-f', join(dir, 'chrony.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  chronyd.stdout?.on('data', (b) => { output += String(b); });
  chronyd.stderr?.on('data', (b) => { output += String(b); });
  let spawnError: Error | null = null;
  chronyd.once('error', (e) => { spawnError = e; });
  let feeder: ChildProcess | null = null;
  const stop = async (): Promise<void> => {
    await stopChild(feeder);
    await stopChild(chronyd);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (withRefclock) {
      feeder = spawn('perl', ['-e', FEEDER, sockPath, String(options.refclockOffsetS)], { stdio: 'ignore' });
    }
    const client = new NtpUdpClient({ replyTimeoutMs: 250 });
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
    try {
      for (;;) {
        if (spawnError) throw spawnError;
        if (chronyd.exitCode !== null) throw new Error(`chronyd exited with ${chronyd.exitCode}: ${output.trim()}`);
        const r = await client.query('127.0.0.1', port);
        if (r.ok && (!withRefclock || (r.sample.stratum === 1 && referenceIdText(r.sample.referenceId) === REFCLOCK_ID))) break;
        if (Date.now() > deadline) throw new Error(`chronyd on port ${port} not serving${withRefclock ? ' from the refclock' : ''} after ${options.readyTimeoutMs ?? 20_000} ms: ${output.trim()}`);
        if (r.ok) await new Promise((res) => setTimeout(res, 100)); // answered, not yet from the refclock: pace the poll
      }
    } finally {
      await client.close();
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { host: '127.0.0.1', port, pid: chronyd.pid!, dir, log: () => output, stop };
}
