/**
 * The Experiment: what a run is (DESIGN.md "Data flow of one run"). Stored with
 * the run, so a recorded run states exactly what it was. All durations in ms.
 * This is the contract between the CLI/UI (which build one), the validator
 * (shared/experiment/validate.ts) and the runtime (main/lab) that executes it.
 */

export type ScenarioName = 'causality' | 'clocks' | 'fd' | 'raft' | 'lease' | (string & {});

/** A delay distribution for the lab network. */
export type DelayDist =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'normal'; meanMs: number; stdMs: number }
  /** Heavy-tailed (asynchronous model): Pareto with scale and shape. */
  | { kind: 'pareto'; scaleMs: number; shape: number };

export type LinkModel = 'fair-loss' | 'reliable' | 'authenticated';

export type TimingModel =
  | { kind: 'sync'; boundMs: number }
  | { kind: 'async' }
  | { kind: 'partial'; gstMs: number; boundMs: number };

export interface SystemModel {
  link: LinkModel;
  /** Probability a message is lost (fair-loss; 0..1). */
  loss: number;
  /** Probability a message is duplicated (0..1). */
  dup: number;
  delay: DelayDist;
  timing: TimingModel;
  /** Allow messages to overtake each other (otherwise per-link FIFO). */
  reorder: boolean;
}

/** Injected clock error of one node. */
export interface ClockFault {
  /** Fixed offset of the wall clock from the host's, ms. */
  offsetMs: number;
  /** Drift of the node's clock rate, parts per million (both wall and monotonic rate). */
  driftPpm: number;
  /** Steps of the wall clock at given run times (forward or backward). */
  steps: Array<{ atMs: number; byMs: number }>;
  /** Uniform read jitter amplitude, ms (each wall read ± up to this). */
  jitterMs: number;
}

/**
 * A fault on the schedule. `node` may be 'leader' (whichever node leads when it fires).
 * Partition groups: a message is cut when its two ends sit in different groups (for
 * `oneWay`, only from `groups[0]` to `groups[1]`). Nodes named in no group together form
 * one more implicit group, so `[['n1']]` isolates n1; a group `['*']` means "every node
 * not named in another group".
 */
export type Fault =
  | { kind: 'crash'; node: string; atMs: number }
  | { kind: 'restart'; node: string; atMs: number }
  | { kind: 'pause'; node: string; atMs: number; forMs: number }
  | { kind: 'partition'; groups: string[][]; atMs: number; untilMs: number | null; oneWay?: boolean }
  | { kind: 'clock-step'; node: string; atMs: number; byMs: number }
  | { kind: 'delay-spike'; from: string | '*'; to: string | '*'; atMs: number; untilMs: number; extraMs: number }
  | { kind: 'forge'; to: string; atMs: number; claimFrom: string };

export interface Experiment {
  scenario: ScenarioName;
  /** Node names in order: n1..nN by default. 1–64 nodes. */
  nodes: string[];
  seed: number;
  durationMs: number;
  model: SystemModel;
  /** Per-node clock faults; nodes not named have a perfect clock. */
  clocks: Record<string, ClockFault>;
  faults: Fault[];
  /** Process failure model: 'crash-stop' nodes never come back; 'crash-recovery' restarts allowed. */
  failures: 'crash-stop' | 'crash-recovery';
  /** Scenario-specific options (e.g. raft election timeouts, detectors, ntp sources). */
  options: Record<string, unknown>;
  label?: string;
}

/** What validating or building an Experiment gives: the experiment, or one line per problem. */
export type ExperimentResult =
  | { ok: true; experiment: Experiment }
  | { ok: false; errors: string[] };

/**
 * Run flags as a CLI parser hands them over: the flag name without `--` (kebab-case,
 * or commander's camelCase) → its string value; a repeated flag → its values in order;
 * a bare switch → true (`--no-x` → false).
 */
export type RunFlags = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** The scenario options the run flags fill into `Experiment.options` (all optional). */
export interface RunOptions {
  /** Time sources: 'lab', 'off' or 'HOST:PORT' (`--ntp`, repeatable). */
  ntp?: string[];
  /** Failure detectors to run, e.g. ['ping', 'heartbeat', 'phi'] (`--detectors`). */
  detectors?: string[];
  /** Fencing tokens on or off (`--fencing on|off`). */
  fencing?: boolean;
  /** Lease store (`--store embedded|etcd`). */
  store?: 'embedded' | 'etcd';
  /** etcd endpoints (`--etcd URL[,URL]`). */
  etcd?: string[];
  /** Lease time-to-live, ms (`--ttl 1s`, scenario lease). */
  ttlMs?: number;
  /** Randomized election timeout range (`--election-timeout 150-300ms`). */
  electionTimeoutMs?: { minMs: number; maxMs: number };
  /** Leader heartbeat interval (`--heartbeat 50ms`). */
  heartbeatMs?: number;
  /** Raft pre-vote (`--prevote`). */
  prevote?: boolean;
  /** Raft check-quorum (`--check-quorum`). */
  checkQuorum?: boolean;
}
