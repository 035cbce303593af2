/**
 * Per-node logical stamping: every recorded event gets the next `seq`, a Lamport
 * timestamp and a vector clock (DESIGN.md "Events"). Every event ticks both clocks;
 * a receive first merges the clocks the message carried.
 */
import { vcMerge } from '../clocks';
import type { VClock } from '../events.js';

/** The logical stamp of one event. */
export interface LogicalStamp {
  seq: number;
  lamport: number;
  vclock: VClock;
}

/** The clocks a message carries from sender to receiver. */
export interface MessageStamp {
  lamport: number;
  vclock: VClock;
}

/** A node's logical clocks; `resume` continues them after a restart. */
export class Stamper {
  private seq: number;
  private lamport: number;
  private vclock: VClock;

  constructor(
    readonly node: string,
    resume: LogicalStamp | null = null,
  ) {
    this.seq = resume?.seq ?? 0;
    this.lamport = resume?.lamport ?? 0;
    this.vclock = resume ? { ...resume.vclock } : {};
  }

  /** A local event, state change, timer, or a send (the returned clocks go in the message). */
  next(): LogicalStamp {
    this.seq += 1;
    this.lamport += 1;
    this.vclock = { ...this.vclock, [this.node]: (this.vclock[this.node] ?? 0) + 1 };
    return { seq: this.seq, lamport: this.lamport, vclock: this.vclock };
  }

  /** A receive of a message stamped `remote`: merge, then tick. */
  receive(remote: MessageStamp): LogicalStamp {
    this.lamport = Math.max(this.lamport, remote.lamport);
    this.vclock = vcMerge(this.vclock, remote.vclock);
    return this.next();
  }

  /** The latest stamp (seq 0 before the first event). */
  current(): LogicalStamp {
    return { seq: this.seq, lamport: this.lamport, vclock: this.vclock };
  }
}
