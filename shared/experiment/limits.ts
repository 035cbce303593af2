/**
 * The bounds an Experiment must stay within. Each one is named in the error a
 * validator gives when it is crossed.
 */

/** At most this many nodes in one run (1–64). */
export const MAX_NODES = 64;
/** Node count when none is given. */
export const DEFAULT_NODE_COUNT = 3;
/** Run length when none is given: 10 s. */
export const DEFAULT_DURATION_MS = 10_000;
/** Longest run: one day. */
export const MAX_DURATION_MS = 24 * 3_600_000;
/** Seed when none is given (the CLI passes its own default seed instead, when it has one). */
export const DEFAULT_SEED = 1;
/** A node's clock drift stays within ±this many ppm (10 %: far beyond any real oscillator). */
export const MAX_DRIFT_PPM = 100_000;
/** A node's fixed clock offset stays within ±one year. */
export const MAX_OFFSET_MS = 365 * 24 * 3_600_000;
/** Read jitter amplitude at most one minute. */
export const MAX_JITTER_MS = 60_000;
/** Any single network delay parameter at most ten minutes. */
export const MAX_DELAY_MS = 600_000;
/** Node names: a letter, then letters, digits, '_' or '-'; at most 32 characters. */
export const NODE_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** The node name a fault may use for "whichever node leads when it fires". */
export const LEADER = 'leader';
/** The node name the lab's own events (faults, drops) are recorded under. */
export const LAB_NODE = 'lab';
/** The partition-group / spike-end wildcard: every node not named elsewhere. */
export const ANY_NODE = '*';
