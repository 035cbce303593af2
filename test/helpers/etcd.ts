/**
 * Start Debian's etcd (`etcd-server`, 3.4.x) for integration tests: a single member or
 * a 3-member static cluster on free loopback ports, data in a temp dir (on tmpfs if any). Readiness is
 * polled on `/health` with a deadline (no fixed sleeps). Each member runs in its own
 * process group and is stopped by PID (the group is killed); a process-exit hook kills
 * whatever a failed test left behind, and a member also dies when the test process dies
 * (its stdin pipe closes).
 *
 * If `etcd` is not installed this throws (the test fails, it does not skip): CI
 * installs etcd-server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { freePortBelowEphemeral } from '../../main/ntp/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One etcd member. */
export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  pid: number;
  /** What the member printed on stderr (last 20 kB), for failure messages. */
  log(): string;
  /** False once killed or exited. */
  alive(): boolean;
}

/** A running etcd cluster (possibly of one). */
export interface EtcdCluster {
  members: EtcdMember[];
  /** Client URLs of all members, for the client's endpoint list. */
  endpoints: string[];
  /** The member that is the Raft leader now (polled with a deadline). */
  leader(timeoutMs?: number): Promise<EtcdMember>;
  /**
   * Waits until no live member claims to lead (after a quorum was lost: a leader keeps
   * its role, and answers lease renewals, until check-quorum steps it down).
   */
  leaderless(timeoutMs?: number): Promise<void>;
  /** SIGKILL one member's process group and wait for it to exit. */
  kill(member: EtcdMember): Promise<void>;
  /** Kill every member and remove the data dirs. Safe to call twice. */
  stop(): Promise<void>;
}

const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Fail clearly when etcd is missing. */
export function requireEtcd(): string {
  const r = spawnSync('etcd', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `etcd is not installed or does not run (${r.error?.message ?? `exit ${r.status}`}). ` +
        'The etcd integration tests need Debian\'s etcd-server: apt-get install etcd-server (.ci/run installs it).',
    );
  }
  return /etcd Version: (\S+)/.exec(r.stdout)?.[1] ?? 'unknown';
}

/** A TCP port for etcd, outside the ephemeral range so no port-0 bind or outgoing connection takes it first. */
function freePort(): Promise<number> {
  return freePortBelowEphemeral('tcp');
}

/** Poll `probe` every 50 ms until it returns non-null; throw with `detail()` after `deadlineMs`. */
export async function pollUntil<T>(what: string, deadlineMs: number, probe: () => Promise<T | null>, detail: () => string): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() >= end) throw new Error(`${what} not within ${deadlineMs} ms${last ? ` (last error: ${last})` : ''}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50)); // poll interval, not a synchronization sleep
  }
}

async function healthy(m: EtcdMember): Promise<boolean | null> {
  const res = await fetch(`${m.clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
  const body = (await res.json()) as { health?: string };
  return body.health === 'true' ? true : null;
}

async function status(m: EtcdMember): Promise<{ memberId: string; leaderId: string }> {
  const res = await fetch(`${m.clientUrl}/v3/maintenance/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(1000) });
  const body = (await res.json()) as { header?: { member_id?: string }; leader?: string };
  return { memberId: String(body.header?.member_id ?? ''), leaderId: String(body.leader ?? '') };
}

/**
 * Start `members` etcd members (1 or 3) and wait until every member reports healthy.
 * @throws if etcd is missing or the cluster is not healthy within `readyTimeoutMs`
 */
export async function startEtcd(opts: { members?: 1 | 3; readyTimeoutMs?: number } = {}): Promise<EtcdCluster> {
  requireEtcd();
  const n = opts.members ?? 1;
  // tmpfs where there is one: etcd fsyncs every write, and a busy disk makes that slow.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'coordlab-etcd-'));
  const ports: Array<{ client: number; peer: number }> = [];
  for (let i = 0; i < n; i++) ports.push({ client: await freePort(), peer: await freePort() });
  const names = ports.map((_, i) => `m${i + 1}`);
  const initialCluster = ports.map((p, i) => `${names[i]}=http://127.0.0.1:${p.peer}`).join(',');
  const token = `coordlab-${process.pid}-${ports[0].client}`;
  const procs = new Map<EtcdMember, ChildProcess>();

  const members = ports.map((p, i): EtcdMember => {
    const clientUrl = `http://127.0.0.1:${p.client}`;
    const peerUrl = `http://127.0.0.1:${p.peer}`;
    const args = [
      '--name', names[i], '--data-dir', join(dir, names[i]),
      '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl,
      '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', initialCluster, '--initial-cluster-state', 'new', '--initial-cluster-token', token,
      // Faster elections after a member is killed. Not longer: etcd's minimum lease TTL is
      // 1.5 election timeouts, so 500 ms keeps the 1 s TTL the lease tests use (with etcd's
      // default 1 s timeout a 1 s TTL becomes 2 s).
      '--heartbeat-interval', '50', '--election-timeout', '500',
      '--logger', 'zap', '--log-level', 'warn', '--log-outputs', 'stderr',
    ];
    // A small sh keeps etcd on a leash: it exits with etcd, and kills etcd when our end
    // of its stdin closes (this test process died without running afterAll).
    const leash = 'exec 3<&0; etcd "$@" </dev/null & pid=$!; (read x <&3; kill -9 $pid 2>/dev/null) & wait $pid';
    const proc = spawn('sh', ['-c', leash, 'sh', ...args], { detached: true, stdio: ['pipe', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    let exited = false;
    proc.on('exit', () => {
      exited = true;
      if (proc.pid) live.delete(proc.pid);
    });
    if (proc.pid) live.add(proc.pid);
    const m: EtcdMember = { name: names[i], clientUrl, peerUrl, pid: proc.pid ?? -1, log: () => log, alive: () => !exited && proc.exitCode === null };
    procs.set(m, proc);
    return m;
  });

  const kill = async (m: EtcdMember): Promise<void> => {
    const proc = procs.get(m);
    if (!proc || !m.alive()) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      process.kill(-m.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000).unref())]);
  };
  let stopped = false;
  /** The live member that says it leads, or null. */
  const claimingLeader = async (): Promise<EtcdMember | null> => {
    for (const m of members.filter((x) => x.alive())) {
      const s = await status(m).catch(() => null);
      if (s && s.leaderId !== '0' && s.leaderId === s.memberId) return m;
    }
    return null;
  };
  const cluster: EtcdCluster = {
    members,
    endpoints: members.map((m) => m.clientUrl),
    kill,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(members.map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
    leader: (timeoutMs = 5000) => pollUntil('an etcd leader', timeoutMs, claimingLeader, () => ''),
    async leaderless(timeoutMs = 5000) {
      await pollUntil('no member claiming to lead', timeoutMs, async () => ((await claimingLeader()) ? null : true), () => '');
    },
  };

  const details = (): string => members.map((m) => `--- ${m.name} (alive: ${m.alive()})\n${m.log().slice(-2000)}`).join('\n');
  try {
    await Promise.all(members.map((m) => pollUntil(`etcd member ${m.name} healthy at ${m.clientUrl}`, opts.readyTimeoutMs ?? 15_000, async () => {
      if (!m.alive()) throw new Error(`etcd member ${m.name} exited`);
      return healthy(m);
    }, details)));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
