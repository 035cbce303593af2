/**
 * The contract between a pure scenario core and its drivers (STYLE.md 1): the
 * child-process runtime (main/node) on real clocks, and the deterministic simulator
 * on virtual time. A core never does I/O; it is stepped with `start`, `tick` and
 * `receive`, and answers with a `CoreOutput` the driver carries out.
 */
import type { EventKind } from '../events.js';
import type { Rng } from '../rng';

/** The node's own clock readings when the driver steps the core (with injected error). */
export interface NodeNow {
  /** Node monotonic reading, ms since the node's clock origin (never goes back). */
  monoMs: number;
  /** Node wall-clock reading, ms since the epoch (may jump). */
  wallMs: number;
}

/** A message the core wants sent. The body must be JSON-serialisable. */
export interface CoreSend {
  to: string;
  body: unknown;
  /** Label of the `send` event the driver records. */
  label?: string;
  /** Extra data for the `send` event. */
  data?: Record<string, unknown>;
}

/** A non-message event the core wants recorded (`local`, `state`, `suspect`, …). */
export interface CoreEvent {
  kind: EventKind;
  label?: string;
  /** The other node the event is about (e.g. the candidate of a vote). */
  peer?: string;
  data?: Record<string, unknown>;
}

/**
 * One step's output. Driver contract (etcd `Ready`): record the receive event that
 * triggered the step (with `receiveLabel`/`receiveData`), write `persist` durably
 * (when present), record `events` in order, then send `sends` in order.
 */
export interface CoreOutput {
  events?: CoreEvent[];
  sends?: CoreSend[];
  /** New durable state; a restarted node gets the last one written as `CoreInit.durable`. */
  persist?: unknown;
  /** Label of the `receive` event that triggered this step. */
  receiveLabel?: string;
  /** Data of the `receive` event that triggered this step. */
  receiveData?: Record<string, unknown>;
}

/** What a core is built from. */
export interface CoreInit {
  /** This node's name. */
  node: string;
  /** Every node of the run, in order (this one included). */
  nodes: readonly string[];
  /** This node's own seeded generator (derived from the run seed and the node). */
  rng: Rng;
  /** The experiment's scenario options. */
  options: Readonly<Record<string, unknown>>;
  /** The durable state written before a crash, or null on a first start. */
  durable: unknown;
  /** 0 on the first start, 1 after the first restart, … */
  incarnation: number;
}

/** One node's algorithm, as a pure state machine. */
export interface NodeCore {
  /** The run starts (or the node restarts). */
  start(now: NodeNow): CoreOutput;
  /** Called every `tickMs` of node monotonic time. */
  tick(now: NodeNow): CoreOutput;
  /** A message from `from` arrived (already authenticated and de-duplicated by the link). */
  receive(from: string, body: unknown, now: NodeNow): CoreOutput;
}

/** A scenario the lab can run: `coordlab run <name>`. */
export interface ScenarioDef {
  name: string;
  /** One line for `coordlab run --help`. */
  description: string;
  /** How often drivers call `tick`, ms of node monotonic time. */
  tickMs(options: Readonly<Record<string, unknown>>): number;
  /** A core for one node. */
  create(init: CoreInit): NodeCore;
  /** Nodes the scenario needs (e.g. exactly 3 for the chapter's figure); null = any. */
  nodeCount?: number | null;
}

/** An output with nothing in it. */
export const EMPTY_OUTPUT: CoreOutput = Object.freeze({});
