/**
 * The run's time sources (`--ntp lab | off | HOST:PORT`, repeatable): `lab` starts the
 * lab's own NTP server on loopback, serving the host clock (the run's reference);
 * HOST:PORT names an outside server (chrony, …). The nodes poll them (main/ntp).
 */
import { startLabTimeServer, type LabTimeServer } from '../ntp';

/** Where the nodes poll, and the lab server to close at the end (if any). */
export interface NtpSources {
  sources: Array<{ host: string; port: number }>;
  server: LabTimeServer | null;
  /** Poll interval for the nodes, ms (`options.ntpPollMs`, default 2000). */
  pollMs: number;
}

/** Parses `HOST:PORT` or `[v6]:PORT`. */
function hostPort(text: string): { host: string; port: number } | null {
  const m = /^\[([0-9A-Fa-f:]+)\]:(\d{1,5})$/.exec(text) ?? /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  return m ? { host: m[1], port: Number(m[2]) } : null;
}

/** Starts what `options.ntp` asks for. */
export async function startNtpSources(options: Readonly<Record<string, unknown>>): Promise<NtpSources> {
  const wanted = Array.isArray(options.ntp) ? options.ntp.filter((s): s is string => typeof s === 'string') : [];
  const pollMs = typeof options.ntpPollMs === 'number' && options.ntpPollMs > 0 ? options.ntpPollMs : 2000;
  const out: NtpSources = { sources: [], server: null, pollMs };
  if (wanted.includes('off')) return out;
  for (const s of wanted) {
    if (s === 'lab') {
      if (!out.server) {
        out.server = await startLabTimeServer({ port: 0 });
        out.sources.push({ host: out.server.host, port: out.server.port });
      }
      continue;
    }
    const hp = hostPort(s);
    if (hp) out.sources.push(hp);
  }
  return out;
}
