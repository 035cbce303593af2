/**
 * A node's clock model: the host's real clocks seen through an injected error
 * (offset, drift, steps, jitter) and the node's own NTP corrections.
 *
 * Run time (`elapsedMs`) is measured on the host's monotonic clock since the run
 * start. The node's wall clock is the host's wall clock plus the injected error
 * `offset + gained(elapsed) + steps fired`, plus a fresh jitter draw per read.
 * The node's monotonic clock runs at the same drifted/corrected rate from the
 * host's monotonic start, ignores steps and jitter, and never goes backwards.
 */
import type { Rng } from '../rng';
import type { ClockFault } from '../experiment/types';
import { MAX_CORRECTION_PPM, RateHistory } from './rate';
import type { ClockState, ClockStep, HostReading, NodeReading, StepSource } from './types';

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
  /**
   * NTP: slew at `ratePpm` for `durationMs` from now (moves the wall clock by
   * ratePpm·durationMs/1e6 ms, and the monotonic rate with it, as adjtime does). A new
   * slew replaces one still running. |ratePpm| ≤ MAX_CORRECTION_PPM.
   */
  ntpSlew(ratePpm: number, durationMs: number, host: HostReading): void;
  /** NTP: set the frequency correction to `ppm` from now on (like adjtimex freq). |ppm| ≤ MAX_CORRECTION_PPM. */
  ntpSetFrequency(ppm: number, host: HostReading): void;
  /** Every step so far (scheduled ones only once fired). */
  steps(host: HostReading): ClockStep[];
  /** A snapshot for `clock` events. */
  state(host: HostReading): ClockState;
}

/** The run's start, as read on the host when the run began. */
export type RunStart = HostReading;

function checkPpm(what: string, ppm: number): void {
  if (!Number.isFinite(ppm) || Math.abs(ppm) > MAX_CORRECTION_PPM) {
    throw new RangeError(`${what}: ${ppm} ppm is beyond ±${MAX_CORRECTION_PPM} ppm`);
  }
}

function checkMs(what: string, ms: number, min = -Infinity): void {
  if (!Number.isFinite(ms) || ms < min) throw new RangeError(`${what}: ${ms} ms is not a valid amount`);
}

/**
 * Create a node clock with the injected `fault` (its scheduled steps fire at their
 * run times), anchored at the run `start`. `rng` draws the read jitter.
 */
export function createNodeClock(fault: ClockFault, start: RunStart, rng: Rng): NodeClock {
  const { offsetMs, driftPpm, jitterMs } = fault;
  const stepList: ClockStep[] = fault.steps.map((s) => ({ atMs: s.atMs, byMs: s.byMs, source: 'scheduled' as StepSource }));
  const rate = new RateHistory();
  let lastMonoNs: bigint | null = null;

  const elapsedFromMono = (monoNs: bigint): number => Number(monoNs - start.monoNs) / 1e6;
  const stepped = (e: number): number => stepList.reduce((sum, s) => (s.atMs <= e ? sum + s.byMs : sum), 0);
  /** Ms gained through drift and corrections by run time e. */
  const gainedAt = (e: number): number => (driftPpm * Math.max(0, e)) / 1e6 + rate.gainedMs(e);
  const errorAt = (e: number): number => offsetMs + gainedAt(e) + stepped(e);
  /** Corrections take effect from now; never before an earlier one (host time may stutter). */
  const nowFor = (host: HostReading): number => Math.max(0, elapsedFromMono(host.monoNs), rate.lastChangeMs);

  const wallMs = (host: HostReading): number => {
    const jitter = jitterMs > 0 ? rng.range(-jitterMs, jitterMs) : 0;
    return host.wallMs + errorAt(elapsedFromMono(host.monoNs)) + jitter;
  };
  const monoNs = (host: HostReading): bigint => {
    const e = elapsedFromMono(host.monoNs);
    let mono = host.monoNs + BigInt(Math.round(gainedAt(e) * 1e6));
    if (lastMonoNs !== null && mono < lastMonoNs) mono = lastMonoNs;
    lastMonoNs = mono;
    return mono;
  };
  const addStep = (byMs: number, host: HostReading, source: StepSource): void => {
    checkMs(`${source} step`, byMs);
    stepList.push({ atMs: Math.max(0, elapsedFromMono(host.monoNs)), byMs, source });
  };

  return {
    read: (host) => ({ wallMs: wallMs(host), monoNs: monoNs(host) }),
    wallMs,
    monoNs,
    truthErrorMs: (hostWallMs, hostMonoNs) =>
      errorAt(hostMonoNs === undefined ? hostWallMs - start.wallMs : elapsedFromMono(hostMonoNs)),
    stepBy: (byMs, host) => addStep(byMs, host, 'fault'),
    ntpStep: (byMs, host) => addStep(byMs, host, 'ntp'),
    ntpSlew: (ratePpm, durationMs, host) => {
      checkPpm('ntp slew', ratePpm);
      checkMs('ntp slew duration', durationMs, 0);
      rate.slew(nowFor(host), ratePpm, durationMs);
    },
    ntpSetFrequency: (ppm, host) => {
      checkPpm('ntp frequency', ppm);
      rate.setFrequency(nowFor(host), ppm);
    },
    steps: (host) => {
      const e = elapsedFromMono(host.monoNs);
      return stepList.filter((s) => s.atMs <= e).map((s) => ({ ...s }));
    },
    state: (host) => {
      const e = elapsedFromMono(host.monoNs);
      return {
        elapsedMs: e,
        errorMs: errorAt(e),
        offsetMs,
        driftPpm,
        frequencyPpm: rate.frequencyAt(e),
        slewPpm: rate.slewAt(e),
        rateErrorPpm: driftPpm + rate.frequencyAt(e) + rate.slewAt(e),
        steppedMs: stepped(e),
      };
    },
  };
}
