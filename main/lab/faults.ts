/**
 * The fault schedule executor: fires the experiment's fault timeline at its run
 * times (and live faults at once) against the lab's operations.
 */
import { faultTimeline, type Fault, type FaultAction } from '../../shared/experiment';

/** What a fault can do to a running lab. Each records its own event. */
export interface FaultTarget {
  fire(action: FaultAction, live: boolean): void;
}

/** Fires actions at run times. `nowMs` reads run time. */
export class FaultScheduler {
  private timers = new Set<NodeJS.Timeout>();
  private liveIndex = 1_000_000;

  constructor(
    private readonly target: FaultTarget,
    private readonly nowMs: () => number,
  ) {}

  /** Schedules every action of `faults` at its run time. */
  schedule(faults: readonly Fault[]): void {
    for (const a of faultTimeline(faults)) this.at(a, false);
  }

  /**
   * A live fault (from the UI or the API): its times count from now. Returns the
   * actions it expands to, as scheduled.
   */
  inject(fault: Fault): FaultAction[] {
    const now = this.nowMs();
    const shifted = shiftFault(fault, now);
    const index = this.liveIndex++;
    const actions = faultTimeline([shifted]).map((a) => ({ ...a, fault: index }));
    for (const a of actions) this.at(a, true);
    return actions;
  }

  private at(a: FaultAction, live: boolean): void {
    const wait = Math.max(0, a.atMs - this.nowMs());
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.target.fire(a, live);
    }, wait);
    this.timers.add(t);
  }

  /** Cancels everything not yet fired. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** The same fault with its times counted from run time `nowMs`. */
export function shiftFault(f: Fault, nowMs: number): Fault {
  switch (f.kind) {
    case 'partition':
      return { ...f, atMs: f.atMs + nowMs, untilMs: f.untilMs === null ? null : f.untilMs + nowMs };
    case 'delay-spike':
      return { ...f, atMs: f.atMs + nowMs, untilMs: f.untilMs + nowMs };
    default:
      return { ...f, atMs: f.atMs + nowMs };
  }
}

/** One line describing an action, for the record. */
export function describeAction(a: FaultAction): string {
  switch (a.kind) {
    case 'crash':
      return `crash ${a.node}`;
    case 'restart':
      return `restart ${a.node}`;
    case 'pause':
      return `pause ${a.node} for ${a.forMs} ms`;
    case 'resume':
      return `resume ${a.node}`;
    case 'partition':
      return `partition ${a.groups.map((g) => g.join(',')).join(a.oneWay ? ' > ' : ' | ')}`;
    case 'heal':
      return 'heal partition';
    case 'clock-step':
      return `step ${a.node}'s wall clock ${a.byMs >= 0 ? '+' : ''}${a.byMs} ms`;
    case 'spike-start':
      return `delay spike ${a.from}→${a.to} +${a.extraMs} ms`;
    case 'spike-end':
      return 'delay spike ends';
    case 'forge':
      return `forged message to ${a.to} claiming to be ${a.claimFrom}`;
  }
}
