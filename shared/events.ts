/**
 * The event record every export starts from (DESIGN.md "Events").
 * One row per event; field names are the public JSONL contract.
 */

/** Kinds of event a run records. String literals so logs read well. */
export type EventKind =
  | 'send'
  | 'receive'
  | 'local'
  | 'state'
  | 'timer'
  | 'clock'
  | 'ntp'
  | 'suspect'
  | 'trust'
  | 'crash'
  | 'recover'
  | 'pause'
  | 'resume'
  | 'drop'
  | 'fault'
  | 'forged'
  | (string & {});

/** A vector clock: node name → counter, zero entries left out. */
export type VClock = Record<string, number>;

/** One recorded event, as stored and exported. */
export interface LabEvent {
  /** Run id. */
  run: string;
  /** Event id, unique in the run (1-based insertion order). */
  id: number;
  /** Node name, e.g. `n1`. */
  node: string;
  /** 1, 2, 3… per node, in the node's own order. */
  seq: number;
  kind: EventKind;
  /** The node's own wall-clock reading, ms since the epoch (fractional); null if unknown. */
  wall_ms: number | null;
  /** The node's monotonic reading in ns, as a decimal string; null if unknown. */
  mono_ns: string | null;
  /** Host reference clock when main recorded it; null for imported logs. */
  ref_ms: number | null;
  lamport: number;
  vclock: VClock;
  /** Message id for send/receive/drop (same id on both ends). */
  msg: string | null;
  /** The other end of a message. */
  peer: string | null;
  label: string | null;
  data: Record<string, unknown> | null;
}

/** An event before the store gives it a run and id. */
export type NewEvent = Omit<LabEvent, 'run' | 'id'>;

/** Status of a run. */
export type RunStatus = 'running' | 'done' | 'stopped' | 'interrupted' | 'failed' | 'imported';

/** Summary of a recorded run. Field names are the `runs --json` contract. */
export interface RunSummary {
  run: string;
  label: string;
  scenario: string;
  events: number;
  status: RunStatus;
  nodes: string[];
  started_at: string;
  ended_at: string | null;
}

/** A run with its experiment definition and provenance. */
export interface RunDetail extends RunSummary {
  /** The experiment as it was run (validated config), or import provenance. */
  experiment: Record<string, unknown>;
  /** Host, versions and other facts that say exactly what the run was. */
  meta: Record<string, unknown>;
}
