/**
 * Random fault schedules for seeded simulation tests: crashes with restarts, pauses
 * and partitions, all ending by `endMs` so a liveness phase can follow.
 */
import type { Fault } from '../experiment/types';
import type { Rng } from '../rng';

/** Options of `randomFaults`. */
export interface RandomFaultOptions {
  nodes: readonly string[];
  /** Faults start at or after this time, ms. */
  startMs: number;
  /** Every fault is over (healed, restarted, resumed) by this time, ms. */
  endMs: number;
  /** How many faults to draw. */
  count: number;
}

/** Draw a fault schedule. Each crash has its restart, each partition its end. */
export function randomFaults(rng: Rng, o: RandomFaultOptions): Fault[] {
  const faults: Fault[] = [];
  const span = o.endMs - o.startMs;
  for (let i = 0; i < o.count; i++) {
    const atMs = o.startMs + rng.range(0, span * 0.8);
    const untilMs = atMs + rng.range(0, o.endMs - atMs);
    const node = rng.pick(o.nodes);
    switch (rng.int(0, 3)) {
      case 0:
        faults.push({ kind: 'crash', node, atMs }, { kind: 'restart', node, atMs: untilMs });
        break;
      case 1:
        faults.push({ kind: 'pause', node, atMs, forMs: untilMs - atMs });
        break;
      case 2: {
        const shuffled = shuffle(rng, o.nodes);
        const cut = rng.int(1, Math.max(1, o.nodes.length - 1));
        faults.push({ kind: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)], atMs, untilMs, oneWay: rng.chance(0.2) });
        break;
      }
      default:
        faults.push({ kind: 'partition', groups: [[node]], atMs, untilMs });
    }
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

/** One line per fault, for failure messages. */
export function describeFault(f: Fault): string {
  const t = (ms: number): string => `${ms.toFixed(1)}ms`;
  switch (f.kind) {
    case 'crash': return `crash ${f.node}@${t(f.atMs)}`;
    case 'restart': return `restart ${f.node}@${t(f.atMs)}`;
    case 'pause': return `pause ${f.node}@${t(f.atMs)}+${t(f.forMs)}`;
    case 'partition': return `partition ${f.groups.map((g) => g.join(',')).join('|')}${f.oneWay ? ' one-way' : ''}@${t(f.atMs)}..${f.untilMs === null ? '' : t(f.untilMs)}`;
    default: return `${f.kind}@${t(f.atMs)}`;
  }
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
