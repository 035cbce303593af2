/**
 * The `coordlab run` flags that build an Experiment (DESIGN.md "CLI": these names
 * are a public contract). The CLI registers its options from this table, so the
 * parser and the help text cannot drift apart.
 *
 * Syntax of the values:
 * - DURATION: a number and a unit, `250ms`, `10s`, `1.5s`, `2m` (also `us`, `ns`, `h`);
 *   a bare number is refused. Signed where it is an amount: `-250ms`, `+1.5s`.
 * - Clock faults (repeatable): `--offset n2=-250ms`, `--drift n3=+200ppm`,
 *   `--jitter n1=2ms`, `--step n1@4s-1.5s` (at run time 4 s, step by −1.5 s;
 *   `--step leader@…` becomes a live clock-step fault on whoever leads then).
 * - Process faults (repeatable): `--crash n1@3s`, `--restart n1@6s`,
 *   `--pause n2@2s+1500ms` (at 2 s, for 1.5 s). NODE may be `leader`.
 * - Windows: `START..END`, `START+LENGTH`, or `START` / `START..` (until the run ends).
 * - Partitions (repeatable): groups of comma-separated nodes, then `@WINDOW`.
 *   `n1,n2|n3,n4,n5@2s..5s` cuts every message between the groups.
 *   Nodes named in no group form one more group together: `n1@2s..5s` isolates n1.
 *   One-way: `n1,n2>n3@2s..5s` cuts only n1,n2 → n3 (n3 → n1 still arrives).
 *   `*` is every node not named in the other group: `leader>*@3s` mutes the leader.
 * - Delay spikes (repeatable): `n1>*=+200ms@2s..4s` adds 200 ms to n1 → anyone.
 * - Forged messages (repeatable): `n1>n2@3s` sends n2 a message claiming to be from n1.
 * - Model: `--loss 0.1` (or `10%`), `--dup 0.05`, `--link fair-loss|reliable|authenticated`,
 *   `--delay constant:10ms | uniform:5ms..50ms | exp:20ms | normal:20ms,5ms | pareto:5ms,1.5`
 *   (pareto: scale, shape), `--timing sync:100ms | async | partial:gst=5s,bound=50ms`,
 *   `--reorder` (default per-link FIFO), `--failures crash-stop|crash-recovery`.
 * - Scenario options go to `Experiment.options` (RunOptions): `--ntp lab` (repeatable),
 *   `--detectors ping,heartbeat,phi`, `--fencing on|off`, `--store embedded|etcd`,
 *   `--etcd URL[,URL]`, `--ttl 1s`, `--election-timeout 150-300ms`, `--heartbeat 50ms`,
 *   `--prevote`, `--check-quorum`.
 */

/** One run flag. */
export interface RunFlagSpec {
  /** Flag name without `--`, kebab-case. */
  name: string;
  /** 'value' takes an argument; 'switch' is a bare on/off flag. */
  kind: 'value' | 'switch';
  /** May be given more than once (values accumulate in order). */
  repeatable: boolean;
  /** Argument shape for help text, e.g. `NODE=±DURATION`. */
  arg: string;
  /** One line of help. */
  help: string;
}

const v = (name: string, arg: string, help: string, repeatable = false): RunFlagSpec => ({ name, kind: 'value', repeatable, arg, help });
const sw = (name: string, help: string): RunFlagSpec => ({ name, kind: 'switch', repeatable: false, arg: '', help });

/** Every flag `experimentFromFlags` understands, in help order. */
export const RUN_FLAGS: readonly RunFlagSpec[] = [
  v('nodes', 'N|NAME,NAME,...', 'node count 1-64 (named n1..nN) or explicit node names'),
  v('duration', 'DURATION', 'run length, e.g. 10s, 1.5s, 2m (default 10s)'),
  v('seed', 'S', 'seed (non-negative integer) for every random choice of the run'),
  v('label', 'TEXT', 'a label for the run'),
  v('offset', 'NODE=±DURATION', 'fixed wall-clock offset, e.g. n2=-250ms', true),
  v('drift', 'NODE=±PPM', 'clock rate error, e.g. n3=+200ppm', true),
  v('step', 'NODE@AT±BY', 'wall-clock step at a run time, e.g. n1@4s-1.5s (node `leader` becomes a live clock-step fault)', true),
  v('jitter', 'NODE=DURATION', 'read jitter amplitude of the wall clock, e.g. n1=2ms', true),
  v('ntp', '[NODES=]lab|lab:±OFFSET|lab:FAULT|off|HOST:PORT', 'time source(s); n1,n2=lab for some nodes only; lab:+2s a bad lab server; lab:stratum16 (or garbage, silent, future, unsolicited) a misbehaving one', true),
  v('loss', 'P', 'message loss probability 0..1 (or a percentage, 10%)'),
  v('dup', 'P', 'message duplication probability 0..1 (or a percentage)'),
  v('delay', 'DIST', 'constant:10ms | uniform:5ms..50ms | exp:20ms | normal:20ms,5ms | pareto:5ms,1.5'),
  v('link', 'fair-loss|reliable|authenticated', 'link model'),
  v('timing', 'sync:BOUND|async|partial:gst=T,bound=B', 'timing model, e.g. sync:100ms, partial:gst=5s,bound=50ms'),
  sw('reorder', 'let messages overtake each other (default: per-link FIFO); --reorder=off to force FIFO'),
  v('failures', 'crash-stop|crash-recovery', 'process failure model (default crash-recovery)'),
  v('crash', 'NODE@AT', 'crash a node, e.g. n1@3s or leader@3s (no leader then: the next one)', true),
  v('restart', 'NODE@AT', 'restart a crashed node, e.g. n1@6s', true),
  v('pause', 'NODE@AT+FOR', 'stop a node (SIGSTOP) for a while, e.g. n2@2s+1500ms or leader@2s+3s (no leader then: the next one)', true),
  v('partition', 'GROUPS@START[..END|+FOR]', 'n1,n2|n3,n4,n5@2s..5s; one group isolates it (n1@2s); one-way: n1,n2>n3@2s..5s cuts only n1,n2→n3; * = the other nodes', true),
  v('delay-spike', 'FROM>TO=+EXTRA@START..END', 'extra delay on a link, e.g. n1>*=+200ms@2s..4s', true),
  v('forge', 'CLAIMED>TO@AT', 'inject a forged message claiming to come from CLAIMED, e.g. n1>n2@3s', true),
  v('detectors', 'NAME,NAME,...', 'failure detectors: ping, heartbeat, phi'),
  v('fencing', 'on|off', 'fencing tokens'),
  v('store', 'embedded|etcd', 'lease store'),
  v('etcd', 'URL[,URL]', 'etcd endpoints'),
  v('ttl', 'DURATION', 'lease time-to-live, e.g. 1s (scenario lease; etcd rounds up to whole seconds)'),
  v('election-timeout', 'MIN-MAXms', 'randomized election timeout range, e.g. 150-300ms'),
  v('heartbeat', 'DURATION', 'leader heartbeat interval, e.g. 50ms'),
  sw('prevote', 'Raft pre-vote'),
  sw('check-quorum', 'Raft check-quorum'),
];

/** Flags of `run` that the CLI itself handles; `experimentFromFlags` ignores them. */
export const RUNTIME_FLAGS: readonly string[] = ['db', 'json', 'config'];
