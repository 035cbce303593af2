/**
 * The channel between the lab (main) and a node process: newline-delimited JSON on
 * the child's fd 3 (a socketpair). Not Node's built-in IPC: a node that writes
 * garbage must be recorded as crashed, not crash the lab, so main parses every
 * line itself. Both ends import this file.
 */
import type { ClockFault, SystemModel } from '../../shared/experiment/types';
import type { NewEvent } from '../../shared/events';
import type { LogicalStamp } from '../../shared/scenarios';

/** The fd of the channel in the child. */
export const CHANNEL_FD = 3;

/** Everything a node process needs to start. */
export interface NodeInit {
  run: string;
  node: string;
  nodes: string[];
  scenario: string;
  seed: number;
  options: Record<string, unknown>;
  model: Pick<SystemModel, 'link'>;
  clock: ClockFault;
  /** File the core's durable state lives in. */
  durablePath: string;
  incarnation: number;
  /** Logical clocks to continue from after a restart (what main last recorded). */
  resume: LogicalStamp | null;
  /** Per-run link key (hex) for the authenticated link. */
  linkKeyHex: string;
  /** Events the node may have unacknowledged before it holds (credit window). */
  windowEvents: number;
  /** Heartbeat interval when otherwise idle, ms. */
  heartbeatMs: number;
  /** NTP sources the node disciplines its wall clock from (empty: no NTP). */
  ntpSources: Array<{ host: string; port: number }>;
  /** NTP poll interval, ms. */
  ntpPollMs: number;
}

/** A message on the wire as the child hands it to main. */
export interface WireOut {
  to: string;
  /** Application message id (for send/receive/drop records); null for link acks. */
  msg: string | null;
  /** The link frame, opaque to main. */
  p: unknown;
}

/** A message main delivers to a child. */
export interface WireIn {
  from: string;
  msg: string | null;
  p: unknown;
}

/** Child → main. */
export type ChildMessage =
  | { t: 'ready'; pid: number }
  /** A batch: events (ref_ms filled by main) and outgoing messages, in the node's order. */
  | { t: 'b'; e: NewEvent[]; m: WireOut[] }
  | { t: 'hb' }
  | { t: 'bye' };

/** Main → child. */
export type MainMessage =
  | ({ t: 'init' } & NodeInit)
  /** Start (or, after a restart, rejoin) the run that began at these host readings. */
  | { t: 'go'; startWallMs: number; startMonoNs: string }
  | { t: 'd'; m: WireIn[] }
  /** Main committed this node's events up to `seq`. */
  | { t: 'ack'; seq: number }
  /** Back-pressure: stop generating work / resume. */
  | { t: 'hold' }
  | { t: 'resume' }
  | { t: 'step'; byMs: number }
  | { t: 'stop' };

/** One line of the channel. */
export function encodeLine(msg: ChildMessage | MainMessage): string {
  return JSON.stringify(msg) + '\n';
}

/**
 * Splits a byte stream into lines and parses each as JSON. A line that does not
 * parse goes to `onGarbage` (the caller decides what that means).
 */
export class LineReader {
  private partial = '';

  constructor(
    private readonly onLine: (value: unknown) => void,
    private readonly onGarbage: (line: string, error: string) => void,
    private readonly maxLineBytes = 64 * 1024 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const line = text.slice(start, nl);
      start = nl + 1;
      if (!line) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        this.onGarbage(line, (e as Error).message);
        continue;
      }
      this.onLine(value);
    }
    this.partial = text.slice(start);
    if (this.partial.length > this.maxLineBytes) {
      const head = this.partial;
      this.partial = '';
      this.onGarbage(head, `line longer than ${this.maxLineBytes} bytes`);
    }
  }
}

/** A short printable excerpt of untrusted text. */
export function excerpt(text: string, max = 60): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? clean.slice(0, max) + '…' : clean;
}
