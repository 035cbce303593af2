/** Give parsed events the run id and 1-based ids the store would, for analysis before storing. */
import type { LabEvent, NewEvent } from '../events.js';

/** Events with `run` and ids 1..n in order. */
export function withRunIds(events: readonly NewEvent[], run: string): LabEvent[] {
  return events.map((e, p) => ({ ...e, run, id: p + 1 }));
}
