/** What parsers return. */
import type { NewEvent } from '../events.js';

/** One run (one execution) parsed from an input file, before the store gives it an id. */
export interface ParsedRun {
  /** Human label: the delimiter's `trace` text, the original run id, or the file name. */
  readonly label: string;
  readonly format: 'shiviz' | 'govector' | 'jsonl';
  /** The file it came from (name as given). */
  readonly file: string;
  /** Events in file order; ids are assigned by the store in this order. */
  readonly events: NewEvent[];
}
