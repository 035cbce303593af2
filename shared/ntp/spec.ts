/**
 * The `--ntp` values (DESIGN.md: `--ntp lab | off | HOST:PORT`, repeatable), with two
 * additive forms:
 * - per node: `NODES=SOURCE`, e.g. `n2=lab` or `n1,n2=lab` (only those nodes poll it;
 *   a node named in any per-node entry uses its per-node entries only; `n3=off` keeps
 *   n3 off while the others use the global sources);
 * - lab server variants: `lab:+300ms` (a lab server whose clock is 300 ms ahead: a bad
 *   source, a falseticker next to good ones) and `lab:stratum16`, `lab:garbage`,
 *   `lab:silent`, `lab:future`, `lab:unsolicited` (a server that misbehaves on purpose,
 *   so every exchange is rejected with its reason).
 * Each distinct lab spelling is its own server (`lab` and `lab:+0ms` are two).
 */

/** Ways a lab server can misbehave (mirrors main/ntp's LabServerFault). */
export const LAB_SERVER_FAULTS = ['silent', 'garbage', 'stratum16', 'unsolicited', 'future'] as const;
export type LabServerFaultName = (typeof LAB_SERVER_FAULTS)[number];

/** One time source. */
export type NtpSourceSpec =
  | { kind: 'off' }
  | { kind: 'lab'; key: string; offsetMs: number; fault: LabServerFaultName | null }
  | { kind: 'host'; host: string; port: number };

/** One `--ntp` entry: its source and the nodes it is for (null: every node). */
export interface NtpEntry {
  nodes: string[] | null;
  source: NtpSourceSpec;
}

const UNIT_MS: Record<string, number> = { us: 1e-3, ms: 1, s: 1000 };
const OFFSET_RE = /^([+-])(\d+(?:\.\d*)?|\.\d+)(us|ms|s)$/;
const HOST_RE = /^(?:\[([0-9A-Fa-f:]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;
const NODE_RE = /^[A-Za-z0-9_.-]+$/;

/** Parse one source (`lab`, `lab:+300ms`, `lab:stratum16`, `off`, `HOST:PORT`); null if it is none. */
export function parseNtpSource(text: string): NtpSourceSpec | null {
  const t = text.trim();
  if (t === 'off') return { kind: 'off' };
  if (t === 'lab') return { kind: 'lab', key: t, offsetMs: 0, fault: null };
  if (t.startsWith('lab:')) {
    const mod = t.slice(4);
    if ((LAB_SERVER_FAULTS as readonly string[]).includes(mod)) return { kind: 'lab', key: t, offsetMs: 0, fault: mod as LabServerFaultName };
    const m = OFFSET_RE.exec(mod);
    if (m) {
      const ms = Number(m[2]) * UNIT_MS[m[3]];
      return { kind: 'lab', key: t, offsetMs: m[1] === '-' ? -ms : ms, fault: null };
    }
  }
  const h = HOST_RE.exec(t);
  if (h) {
    const port = Number(h[3]);
    if (port >= 1 && port <= 65535) return { kind: 'host', host: h[1] ?? h[2], port };
  }
  return null;
}

/** Parse one `--ntp` entry (`[NODES=]SOURCE`); null if it is not one. */
export function parseNtpEntry(text: string): NtpEntry | null {
  const eq = text.indexOf('=');
  if (eq < 0) {
    const source = parseNtpSource(text);
    return source ? { nodes: null, source } : null;
  }
  const nodes = text.slice(0, eq).split(',').map((s) => s.trim());
  if (!nodes.length || !nodes.every((n) => NODE_RE.test(n))) return null;
  const source = parseNtpSource(text.slice(eq + 1));
  return source ? { nodes, source } : null;
}

/** What a valid entry looks like, for error messages (the contract's words; the variants are in `--help`). */
export const NTP_ENTRY_HINT = 'lab, off or HOST:PORT';

/**
 * The sources each node polls, given the entries: a node named in a per-node entry
 * gets those entries' sources; every other node the global ones. `off` (global or per
 * node) clears the sources it applies to. Sources are de-duplicated by spelling.
 */
export function ntpSourcesPerNode(entries: readonly NtpEntry[], nodes: readonly string[]): Map<string, Exclude<NtpSourceSpec, { kind: 'off' }>[]> {
  const add = (list: NtpSourceSpec[], s: NtpSourceSpec): void => {
    if (s.kind === 'off') list.length = 0;
    else if (!list.some((x) => sourceKey(x) === sourceKey(s))) list.push(s);
  };
  const global: NtpSourceSpec[] = [];
  const own = new Map<string, NtpSourceSpec[]>();
  for (const e of entries) {
    if (!e.nodes) { add(global, e.source); continue; }
    for (const n of e.nodes) {
      if (!own.has(n)) own.set(n, []);
      add(own.get(n)!, e.source);
    }
  }
  // `off` given globally anywhere turns the global sources off (the contract's `--ntp off`).
  if (entries.some((e) => !e.nodes && e.source.kind === 'off')) global.length = 0;
  const out = new Map<string, Exclude<NtpSourceSpec, { kind: 'off' }>[]>();
  for (const n of nodes) out.set(n, (own.get(n) ?? global).filter((s): s is Exclude<NtpSourceSpec, { kind: 'off' }> => s.kind !== 'off'));
  return out;
}

/** A stable name of a source (`lab`, `lab:+300ms`, `127.0.0.1:123`). */
export function sourceKey(s: NtpSourceSpec): string {
  return s.kind === 'off' ? 'off' : s.kind === 'lab' ? s.key : `${s.host}:${s.port}`;
}
