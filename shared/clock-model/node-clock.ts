/**
 * A node's clock model: the host's real clocks seen through an injected error
 * (offset, drift, steps, jitter) and the node's own NTP corrections.
 */
import type { Rng } from '../rng';
import type { ClockFault } from '../experiment/types';
import type { ClockState, HostReading, NodeReading } from './types';

/** The clock of one node. All `host` arguments are fresh host readings. */
export interface NodeClock {
  /** Read both clocks (one jitter draw for the wall clock). */
  read(host: HostReading): NodeReading;
  /** The node's wall clock, ms since the epoch (draws jitter). */
  wallMs(host: HostReading): number;
  /** The node's monotonic clock, ns: never decreases across calls, whatever the host does. */
  monoNs(host: HostReading): bigint;
  /**
   * The known injected error: node wall − host wall, ms, without jitter. Run time is
   * taken from `hostMonoNs` when given, else from the host wall clock since the start.
   */
  truthErrorMs(hostWallMs: number, hostMonoNs?: bigint): number;
  /** A live clock-step fault: step the wall clock by `byMs` now. */
  stepBy(byMs: number, host: HostReading): void;
  /** NTP: step the wall clock by `byMs` now (the node's own correction). */
  ntpStep(byMs: number, host: HostReading): void;
  /** NTP: slew the clock at `ratePpm` for `durationMs` from now (moves wall and monotonic rate). */
  ntpSlew(ratePpm: number, durationMs: number, host: HostReading): void;
  /** NTP: set the frequency correction to `ppm` from now on (adds to the rate, like adjtimex freq). */
  ntpSetFrequency(ppm: number, host: HostReading): void;
  /** A snapshot for `clock` events. */
  state(host: HostReading): ClockState;
}

/** The run's start, as read on the host when the run began. */
export type RunStart = HostReading;

/**
 * Create a node clock with the injected `fault` (its scheduled steps fire at their
 * run times), anchored at the run `start`. `rng` draws the read jitter.
 */
export function createNodeClock(fault: ClockFault, start: RunStart, rng: Rng): NodeClock {
  void fault; void start; void rng;
  throw new Error('not implemented yet');
}
