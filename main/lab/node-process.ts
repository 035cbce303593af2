/**
 * One node's OS process as main sees it: spawned detached (its own process group),
 * the channel on fd 3, a tail of its stderr for crash reasons, signals to its group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { nodeChildEnv } from './node-exec';
import type { Socket } from 'node:net';
import { CHANNEL_FD, encodeLine, excerpt, LineReader, type ChildMessage, type MainMessage } from '../node/wire';

/** What a node process reports to the lab. */
export interface NodeProcessEvents {
  onMessage(msg: ChildMessage): void;
  /** The channel carried something that is not a protocol message. */
  onGarbage(reason: string): void;
  /** The process is gone and its channel drained (every message it sent was delivered first). */
  onClosed(code: number | null, signal: NodeJS.Signals | null): void;
}

const STDERR_TAIL_BYTES = 2048;

/** A running node process. */
export class NodeProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  private readonly channel: Socket;
  private stderrTail = '';
  /** host performance.now() of the last line received. */
  lastHeardMs = performance.now();
  closed = false;

  constructor(
    readonly node: string,
    readonly incarnation: number,
    bundlePath: string,
    private readonly events: NodeProcessEvents,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'ignore', 'pipe', 'pipe'];
    this.child = spawn(process.execPath, ['--max-old-space-size=256', bundlePath, node], { detached: true, stdio, env: nodeChildEnv(env) });
    if (this.child.pid === undefined) throw new Error(`could not start a process for ${node}`);
    this.pid = this.child.pid;
    this.channel = this.child.stdio[CHANNEL_FD] as Socket;
    const reader = new LineReader(
      (value) => this.receive(value),
      (line) => this.events.onGarbage(`garbage on its channel: "${excerpt(line)}" is not a JSON message`),
    );
    this.channel.on('data', (chunk: Buffer) => {
      this.lastHeardMs = performance.now();
      reader.push(chunk);
    });
    this.channel.on('error', () => {
      // EPIPE after the child died: its exit is reported through 'close'.
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.child.on('error', () => {
      // Spawn/kill errors surface as 'close' with a code.
    });
    this.child.on('close', (code, signal) => {
      this.closed = true;
      this.events.onClosed(code, signal);
    });
  }

  private receive(value: unknown): void {
    const m = value as ChildMessage;
    if (!m || typeof m !== 'object' || typeof m.t !== 'string') return this.events.onGarbage(`garbage on its channel: not a protocol message: "${excerpt(JSON.stringify(value))}"`);
    if (m.t === 'b' && !(Array.isArray(m.e) && Array.isArray(m.m))) return this.events.onGarbage('garbage on its channel: malformed batch');
    this.events.onMessage(m);
  }

  /** Sends one message; false when the process is gone. */
  send(msg: MainMessage): boolean {
    if (this.closed || this.channel.destroyed) return false;
    this.channel.write(encodeLine(msg));
    return true;
  }

  /** Bytes written to the channel that the process has not read yet (beyond the kernel's buffer). */
  get backlogBytes(): number {
    return this.channel.writableLength;
  }

  /** Signals the whole process group (the node and anything it started). */
  signal(sig: NodeJS.Signals): void {
    if (this.closed) return;
    try {
      process.kill(-this.pid, sig);
    } catch {
      try {
        process.kill(this.pid, sig);
      } catch {
        // Already gone.
      }
    }
  }

  /** Last lines the process wrote to stderr (for crash reasons). */
  stderr(): string {
    return this.stderrTail.trim();
  }
}
