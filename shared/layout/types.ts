/** Types of the space-time diagram layout, shared by main (queries) and renderer (drawing). */

/** What the vertical (time) axis of the space-time diagram measures. */
export type Axis = 'wall' | 'lamport' | 'causal';

export const AXES: readonly Axis[] = ['wall', 'lamport', 'causal'];

/** A closed range on one axis, in that axis's units (ms, Lamport ticks, causal layers). */
export interface Span {
  from: number;
  to: number;
}

/**
 * One event as the diagram needs it: where it sits on each axis and what it links to.
 * `causal` is the event's longest-chain layer (0-based); events in one layer are concurrent.
 */
export interface PlotEvent {
  id: number;
  /** Lane index (position of the node in the run's node list). */
  lane: number;
  seq: number;
  kind: string;
  wall: number | null;
  lamport: number;
  causal: number | null;
  msg: string | null;
  label: string | null;
}

/** A message arrow: both ends as event ids (either may be outside the loaded window). */
export interface PlotMessage {
  msg: string;
  send: number;
  recv: number;
  sendLane: number;
  recvLane: number;
  /** Positions of both ends on the requested axis (null when that end has none). */
  sendAt: number | null;
  recvAt: number | null;
  /** The receive reads an earlier node wall clock than its send. */
  inversion: boolean;
}
