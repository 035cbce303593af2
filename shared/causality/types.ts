/** Types shared by the causality modules. */
import type { LabEvent } from '../events.js';

/** The fields of an event the causality analysis reads. */
export type CausalEvent = Pick<LabEvent, 'id' | 'node' | 'seq' | 'kind' | 'wall_ms' | 'lamport' | 'vclock' | 'msg'> &
  Partial<Pick<LabEvent, 'peer' | 'ref_ms' | 'data' | 'label'>>;

/** A run whose events or clocks cannot be analysed as they are. */
export class CausalityError extends Error {
  override readonly name = 'CausalityError';
  /** The event the problem was found at, when there is one. */
  readonly eventId: number | null;
  constructor(message: string, eventId: number | null = null) {
    super(message);
    this.eventId = eventId;
  }
}

/** A message edge between two events, as positions in the run's event array. */
export interface Edge {
  /** Position of the sending (or causing) event. */
  readonly from: number;
  /** Position of the receiving event. */
  readonly to: number;
}
