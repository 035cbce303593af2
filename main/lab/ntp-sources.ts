/**
 * The run's time sources (`--ntp lab | off | HOST:PORT`, repeatable; per-node and lab
 * server variants as in shared/ntp/spec.ts): `lab` starts the lab's own NTP server on
 * loopback, serving the host clock (the run's reference); `lab:+300ms` one whose clock
 * is off (a bad source); `lab:stratum16` etc. one that misbehaves; HOST:PORT names an
 * outside server (chrony, …). The nodes poll them (main/ntp). Lab servers answer from
 * worker threads, not from main's busy event loop (main/ntp/server-thread.ts).
 */
import { ntpSourcesPerNode, parseNtpEntry, type NtpEntry } from '../../shared/ntp';
import { startLabTimeServerThread, type LabTimeServerThread } from '../ntp/server-thread';
import { nodeEntryBundle } from './bundle';

/** Where the nodes poll, and the lab servers to close at the end. */
export interface NtpSources {
  /** Every source some node polls; lab servers carry their `--ntp` spelling as `name` (recorded in the run-started event). */
  sources: Array<{ host: string; port: number; name?: string }>;
  /** The lab server of plain `lab` (first one), or null. */
  server: LabTimeServerThread | null;
  /** Every lab server started (close them all at the end). */
  servers?: LabTimeServerThread[];
  /** Sources per node; a node not in the map polls `sources`. */
  perNode?: Map<string, Array<{ host: string; port: number }>>;
  /** Poll interval for the nodes, ms (`options.ntpPollMs`, default 2000). */
  pollMs: number;
}

/** The sources node `node` polls. */
export function ntpSourcesFor(ntp: NtpSources, node: string): Array<{ host: string; port: number }> {
  return ntp.perNode?.get(node) ?? ntp.sources;
}

/** Starts what `options.ntp` asks for, for the run's `nodes`. */
export async function startNtpSources(options: Readonly<Record<string, unknown>>, nodes: readonly string[] = [], entryPath?: string): Promise<NtpSources> {
  const wanted = Array.isArray(options.ntp) ? options.ntp.filter((s): s is string => typeof s === 'string') : [];
  const pollMs = typeof options.ntpPollMs === 'number' && options.ntpPollMs > 0 ? options.ntpPollMs : 2000;
  const entries = wanted.map(parseNtpEntry).filter((e): e is NtpEntry => e !== null);
  const out: NtpSources = { sources: [], server: null, servers: [], perNode: new Map(), pollMs };
  const labs = new Map<string, { host: string; port: number; name?: string }>();
  const perNode = ntpSourcesPerNode(entries, nodes);
  for (const [node, specs] of perNode) {
    const addrs: Array<{ host: string; port: number }> = [];
    for (const s of specs) {
      let addr: { host: string; port: number; name?: string };
      if (s.kind === 'host') addr = { host: s.host, port: s.port };
      else {
        let a = labs.get(s.key);
        if (!a) {
          const server = await startLabTimeServerThread(entryPath ?? nodeEntryBundle().path, { port: 0, fault: s.fault ?? 'none', offsetMs: s.offsetMs });
          out.servers!.push(server);
          if (s.key === 'lab' && !out.server) out.server = server;
          a = { host: server.host, port: server.port, name: s.key };
          labs.set(s.key, a);
        }
        addr = a;
      }
      addrs.push(addr);
      if (!out.sources.some((x) => x.host === addr.host && x.port === addr.port)) out.sources.push(addr);
    }
    out.perNode!.set(node, addrs);
  }
  return out;
}

/** Closes every lab server started. */
export async function closeNtpSources(ntp: NtpSources): Promise<void> {
  await Promise.all((ntp.servers ?? (ntp.server ? [ntp.server] : [])).map((s) => s.close()));
}
