/**
 * The fault schedule as a time-ordered list of actions for a driver (the runtime
 * or the simulator) to fire: a pause becomes pause + resume, a partition becomes
 * cut + heal, a delay spike becomes start + end.
 */
import type { Fault } from './types';

/** One thing to do at a run time. `fault` is the index in `Experiment.faults`. */
export type FaultAction =
  | { kind: 'crash'; atMs: number; fault: number; node: string }
  | { kind: 'restart'; atMs: number; fault: number; node: string }
  | { kind: 'pause'; atMs: number; fault: number; node: string; forMs: number }
  | { kind: 'resume'; atMs: number; fault: number; node: string }
  | { kind: 'partition'; atMs: number; fault: number; groups: string[][]; oneWay: boolean; untilMs: number | null }
  | { kind: 'heal'; atMs: number; fault: number }
  | { kind: 'clock-step'; atMs: number; fault: number; node: string; byMs: number }
  | { kind: 'spike-start'; atMs: number; fault: number; from: string; to: string; extraMs: number; untilMs: number }
  | { kind: 'spike-end'; atMs: number; fault: number }
  | { kind: 'forge'; atMs: number; fault: number; to: string; claimFrom: string };

/**
 * Expand faults into actions sorted by time. Ties keep schedule order, except that
 * ends (resume, heal, spike-end) come before starts at the same instant, so
 * back-to-back windows do not overlap.
 */
export function faultTimeline(faults: readonly Fault[]): FaultAction[] {
  const out: Array<{ a: FaultAction; order: number; end: boolean }> = [];
  const push = (a: FaultAction, end = false): void => {
    out.push({ a, order: out.length, end });
  };
  faults.forEach((f, fault) => {
    switch (f.kind) {
      case 'crash':
      case 'restart':
        push({ kind: f.kind, atMs: f.atMs, fault, node: f.node });
        break;
      case 'pause':
        push({ kind: 'pause', atMs: f.atMs, fault, node: f.node, forMs: f.forMs });
        push({ kind: 'resume', atMs: f.atMs + f.forMs, fault, node: f.node }, true);
        break;
      case 'partition':
        push({ kind: 'partition', atMs: f.atMs, fault, groups: f.groups.map((g) => [...g]), oneWay: f.oneWay === true, untilMs: f.untilMs });
        if (f.untilMs !== null) push({ kind: 'heal', atMs: f.untilMs, fault }, true);
        break;
      case 'clock-step':
        push({ kind: 'clock-step', atMs: f.atMs, fault, node: f.node, byMs: f.byMs });
        break;
      case 'delay-spike':
        push({ kind: 'spike-start', atMs: f.atMs, fault, from: f.from, to: f.to, extraMs: f.extraMs, untilMs: f.untilMs });
        push({ kind: 'spike-end', atMs: f.untilMs, fault }, true);
        break;
      case 'forge':
        push({ kind: 'forge', atMs: f.atMs, fault, to: f.to, claimFrom: f.claimFrom });
        break;
    }
  });
  out.sort((x, y) => x.a.atMs - y.a.atMs || Number(y.end) - Number(x.end) || x.order - y.order);
  return out.map((x) => x.a);
}
