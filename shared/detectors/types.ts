/**
 * The common face of the failure detectors. A detector watches one peer; it is a pure
 * state machine driven by `onMessage(msg, nowMs)` and `tick(nowMs)`, and every call
 * returns a `DetectorReady`: messages to send and suspect/trust transitions to record.
 */

/** Messages the detectors exchange (string-literal kinds so logs read well). */
export type DetectorMessage =
  | { kind: 'Ping'; seq: number; attempt: number }
  | { kind: 'Pong'; seq: number; attempt: number }
  | { kind: 'Heartbeat'; seq: number };

/** Which algorithm. */
export type DetectorName = 'ping' | 'heartbeat' | 'phi';

/** A change of verdict about the watched peer. */
export interface DetectorTransition {
  kind: 'suspect' | 'trust';
  /** Detector clock when it happened, ms. */
  atMs: number;
  /** Suspicion level: phi for phi accrual; missed-deadline ratio for the others (≥ 1 when suspecting). */
  level: number;
  /** One line: why (e.g. `no heartbeat for 512 ms (timeout 500 ms)`). */
  cause: string;
}

/**
 * A phi accrual trace point, emitted on every heartbeat arrival: the fitted
 * distribution that governs phi until the next arrival. With it, the phi curve of the
 * whole run can be rebuilt exactly for any threshold (see `checks/qos.ts`).
 */
export interface PhiObservation {
  atMs: number;
  /** phi just before this heartbeat arrived (the peak of the gap it ends). */
  phiBefore: number;
  /** Mean inter-arrival the next gap is judged against, ms (acceptable pause included). */
  meanMs: number;
  /** Standard deviation used, ms (after the minimum clamp). */
  stdDevMs: number;
}

/** Output of one step of a detector. */
export interface DetectorReady {
  /** Messages for the watched peer. */
  send: DetectorMessage[];
  transitions: DetectorTransition[];
  /** Only phi accrual fills this. */
  observations: PhiObservation[];
}

/** What every detector offers to a runtime or simulator. */
export interface FailureDetector {
  readonly name: DetectorName;
  /** A message from the watched peer arrived at `nowMs`. */
  onMessage(msg: DetectorMessage, nowMs: number): DetectorReady;
  /** Time advanced to `nowMs` (call at least as often as the detector's resolution). */
  tick(nowMs: number): DetectorReady;
  /** Current verdict. */
  readonly suspected: boolean;
  /** Current suspicion level at `nowMs` (phi, or elapsed/timeout). */
  level(nowMs: number): number;
  /** Earliest time `tick` may have something to do; the runtime can sleep until then. */
  nextDeadlineMs(): number;
}

/** An empty Ready. */
export function emptyReady(): DetectorReady {
  return { send: [], transitions: [], observations: [] };
}
