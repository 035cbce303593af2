/**
 * A preset: one claim of the chapter as a ready experiment (or a pair to compare),
 * shown as a card in the Experiments gallery, run in one click, then editable.
 */
import type { Experiment } from '../experiment/types';

/** Which view of the lab shows the claim best. */
export type PresetView = 'live' | 'orderings' | 'run';

/** One runnable experiment of a preset ("without" / "with" when the claim is a comparison). */
export interface PresetVariant {
  /** Unique in the catalogue, e.g. `raft-fixed`. */
  id: string;
  /** Button text, e.g. `Fixed 150 ms timeouts`. */
  label: string;
  experiment: Experiment;
}

/** A card of the gallery. */
export interface Preset {
  /** Unique, kebab-case, e.g. `raft-split-votes`. */
  id: string;
  title: string;
  /** The chapter's claim, in one or two sentences. */
  claim: string;
  /** What to look for in the run. */
  lookFor: string;
  /** The views that show it, most useful first. */
  views: PresetView[];
  /** Where the preset departs from the ideal experiment (e.g. a missing scenario). */
  note?: string;
  variants: PresetVariant[];
}
