/**
 * How detector output becomes event `data` in the record (the contract `checks/qos.ts`
 * reads back). Transitions are events of kind `suspect`/`trust`; phi observations are
 * events of kind `state` with label `phi`.
 */
import type { DetectorName, DetectorTransition, PhiObservation } from './types';

/** Label of phi trace events. */
export const PHI_TRACE_LABEL = 'phi';

/** `data` of a suspect/trust event. */
export type TransitionEventData = {
  detector: DetectorName | string;
  /** The watched node. */
  target: string;
  level: number;
  cause: string;
  /** The detector's own clock at the transition, ms. */
  at_ms: number;
  /** phi at the transition (phi detector only). */
  phi?: number;
};

/** `data` of a phi trace event. */
export type PhiTraceEventData = {
  detector: 'phi';
  target: string;
  phi: number;
  mean_ms: number;
  std_ms: number;
  at_ms: number;
};

/** Event data for a transition. */
export function transitionEventData(detector: DetectorName, target: string, t: DetectorTransition): TransitionEventData {
  const data: TransitionEventData = { detector, target, level: t.level, cause: t.cause, at_ms: t.atMs };
  if (detector === 'phi') data.phi = t.level;
  return data;
}

/** Event data for a phi observation. */
export function phiTraceEventData(target: string, o: PhiObservation): PhiTraceEventData {
  return { detector: 'phi', target, phi: o.phiBefore, mean_ms: o.meanMs, std_ms: o.stdDevMs, at_ms: o.atMs };
}
