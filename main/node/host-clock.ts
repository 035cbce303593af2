/** The host's real clocks, read together (the input of a node's clock model). */
import type { HostReading } from '../../shared/clock-model';

/** Reads the host wall clock and monotonic clock now. */
export function hostReading(): HostReading {
  return { wallMs: Date.now(), monoNs: process.hrtime.bigint() };
}
