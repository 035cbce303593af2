/** The topics a recorded run can be looked at by, and the union of their view models. */
import type { ClocksView } from './clocks';
import type { DetectorsView } from './detectors';
import type { LeasesView } from './leases';
import type { RaftView } from './raft';

/** A topic view of a run (route `/runs/:run/<topic>`). */
export type Topic = 'raft' | 'detectors' | 'clocks' | 'leases';

/** Every topic, in tab order. */
export const TOPICS: readonly Topic[] = ['raft', 'detectors', 'clocks', 'leases'];

/** Tab titles. */
export const TOPIC_TITLES: Readonly<Record<Topic, string>> = { raft: 'Raft', detectors: 'Failure detection', clocks: 'Clocks', leases: 'Leases' };

/** Is `x` a topic name? */
export function isTopic(x: unknown): x is Topic {
  return typeof x === 'string' && (TOPICS as readonly string[]).includes(x);
}

/** The view model of one topic. */
export type TopicView = RaftView | DetectorsView | ClocksView | LeasesView;

/** Which topic views apply to a run, with one line on what each found. */
export interface TopicInfo {
  topic: Topic;
  title: string;
}
