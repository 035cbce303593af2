/**
 * Detector parameters as an experiment's options carry them (the fd scenario reads
 * them; `coordlab run` checks them before anything starts). Keys, all optional:
 * `heartbeatMs` (heartbeat period, default 100), `fdTimeoutMs` (heartbeat timeout,
 * default 4 × period), `phiThreshold` (default 8), `phiWindow` (samples, default 200),
 * `pingIntervalMs`, `pingTimeoutMs`, `pingRetries` (defaults: DEFAULT_PING).
 * A value that is present but makes no sense is refused, never replaced by a default.
 */
import { DetectorConfigError } from './errors';
import { validateHeartbeatConfig, type HeartbeatConfig } from './heartbeat';
import { DEFAULT_PHI, validatePhiConfig, type PhiConfig } from './phi';
import { DEFAULT_PING, validatePingConfig, type PingConfig } from './ping';

/** The three detectors' configurations. */
export interface FdConfigs {
  heartbeat: HeartbeatConfig;
  phi: PhiConfig;
  ping: PingConfig;
}

/** Option keys this module reads, with the field each feeds (for error lines). */
const KEYS = ['heartbeatMs', 'fdTimeoutMs', 'phiThreshold', 'phiWindow', 'pingIntervalMs', 'pingTimeoutMs', 'pingRetries'] as const;

function num(options: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = options[key];
  return v === undefined ? fallback : typeof v === 'number' ? v : NaN;
}

/** Build the configurations; throws `DetectorConfigError` (one line) when one makes no sense. */
export function fdConfigsFromOptions(options: Readonly<Record<string, unknown>>): FdConfigs {
  const intervalMs = num(options, 'heartbeatMs', 100);
  const heartbeat = validateHeartbeatConfig({ intervalMs, timeoutMs: num(options, 'fdTimeoutMs', 4 * intervalMs) });
  const phi = validatePhiConfig({ ...DEFAULT_PHI, firstIntervalMs: intervalMs, threshold: num(options, 'phiThreshold', DEFAULT_PHI.threshold), windowSize: num(options, 'phiWindow', DEFAULT_PHI.windowSize) });
  const ping = validatePingConfig({
    ...DEFAULT_PING,
    intervalMs: num(options, 'pingIntervalMs', DEFAULT_PING.intervalMs),
    timeoutMs: num(options, 'pingTimeoutMs', DEFAULT_PING.timeoutMs),
    retries: num(options, 'pingRetries', DEFAULT_PING.retries),
  });
  return { heartbeat, phi, ping };
}

/** Problems with the detector options, one line each (empty when fine or absent). */
export function fdOptionProblems(options: Readonly<Record<string, unknown>>): string[] {
  if (!KEYS.some((k) => options[k] !== undefined)) return [];
  try {
    fdConfigsFromOptions(options);
    return [];
  } catch (e) {
    if (e instanceof DetectorConfigError) return [e.message];
    throw e;
  }
}
