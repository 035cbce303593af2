/**
 * Validating the scenario options the run flags know (RunOptions). Other keys
 * belong to their scenario and pass through unchanged.
 */
import { fdOptionProblems } from '../detectors/options';
import { NTP_ENTRY_HINT, parseNtpEntry } from '../ntp/spec';
import { Problems, isFiniteNumber, isRecord, show, showMs } from './problems';

const DETECTORS = ['ping', 'heartbeat', 'phi'];

/** Validate `raw` at path `options`; returns a copy. `nodes` (when known) checks per-node `--ntp` entries. */
export function validateOptions(raw: unknown, p: Problems, nodes?: readonly string[]): Record<string, unknown> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    p.add('options', `must be an object, got ${show(raw)}`);
    return {};
  }
  const o = { ...raw };
  const list = (k: string, ok: (s: string) => boolean, hint: string): void => {
    if (o[k] === undefined) return;
    const v = o[k];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return p.add(`options.${k}`, `must be a list of strings, got ${show(v)}`);
    for (const s of v) if (!ok(s)) p.add(`options.${k}`, `${show(s)} is not ${hint}`);
  };
  const bool = (k: string): void => {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') p.add(`options.${k}`, `must be true or false, got ${show(o[k])}`);
  };
  list('ntp', (s) => parseNtpEntry(s) !== null, NTP_ENTRY_HINT);
  if (nodes && Array.isArray(o.ntp)) {
    for (const s of o.ntp) for (const n of (typeof s === 'string' ? parseNtpEntry(s)?.nodes : null) ?? []) if (!nodes.includes(n)) p.add('options.ntp', `${show(s)} names unknown node ${n}`);
  }
  list('detectors', (s) => DETECTORS.includes(s), `a detector (${DETECTORS.join(', ')})`);
  list('etcd', (s) => /^https?:\/\/[^\s,]+$/.test(s), 'an http(s):// URL');
  bool('fencing');
  bool('prevote');
  bool('checkQuorum');
  if (o.store !== undefined && o.store !== 'embedded' && o.store !== 'etcd') p.add('options.store', `must be embedded or etcd, got ${show(o.store)}`);
  if (o.ttlMs !== undefined && !(isFiniteNumber(o.ttlMs) && o.ttlMs > 0)) p.add('options.ttlMs', `lease TTL must be above 0 ms, got ${showMs(o.ttlMs)}`);
  if (o.heartbeatMs !== undefined && !(isFiniteNumber(o.heartbeatMs) && o.heartbeatMs > 0)) p.add('options.heartbeatMs', `must be above 0 ms, got ${showMs(o.heartbeatMs)}`);
  if (o.electionTimeoutMs !== undefined) {
    const t = o.electionTimeoutMs;
    if (!isRecord(t) || !isFiniteNumber(t.minMs) || !isFiniteNumber(t.maxMs) || t.minMs <= 0 || t.maxMs < t.minMs) {
      p.add('options.electionTimeoutMs', `must be {minMs, maxMs} with 0 < minMs ≤ maxMs, got ${show(t)}`);
    } else if (isFiniteNumber(o.heartbeatMs) && o.heartbeatMs >= t.minMs) {
      p.add('options.heartbeatMs', `heartbeat ${showMs(o.heartbeatMs)} must be shorter than the election timeout ${showMs(t.minMs)}`);
    }
  }
  // Failure detector parameters (issue 6): nonsense is refused before the run starts.
  for (const line of fdOptionProblems(o)) p.add('options', line);
  return o;
}
