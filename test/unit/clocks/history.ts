/**
 * Random message histories for oracle property tests, and the dumb oracle:
 * happened-before as the transitive closure of program order + send→receive.
 */
import fc from 'fast-check';
import type { LabEvent } from '../../../shared/events';
import { lamportLocal, lamportReceive, lamportStart, type LamportClock } from '../../../shared/clocks';
import { vcReceive, vcTick, type VClock } from '../../../shared/clocks';

export interface HEvent {
  idx: number;
  node: string;
  seq: number;
  kind: 'local' | 'send' | 'receive';
  msg: string | null;
  peer: string | null;
}

export interface History {
  nodes: string[];
  events: HEvent[];
}

type Step = [op: number, a: number, b: number];

/** Build a history from raw steps: 0 local, 1 send, 2 deliver, 3 deliver a duplicate. */
export function buildHistory(nodeCount: number, steps: readonly Step[]): History {
  const nodes = Array.from({ length: nodeCount }, (_, i) => `n${i + 1}`);
  const seq = new Map<string, number>();
  const events: HEvent[] = [];
  const inFlight: { msg: string; from: string; to: string }[] = [];
  let msgNo = 0;
  const add = (node: string, kind: HEvent['kind'], msg: string | null, peer: string | null): void => {
    const s = (seq.get(node) ?? 0) + 1;
    seq.set(node, s);
    events.push({ idx: events.length, node, seq: s, kind, msg, peer });
  };
  for (const [op, a, b] of steps) {
    const from = nodes[a % nodeCount];
    if (op === 1) {
      let to = nodes[b % nodeCount];
      if (to === from) to = nodes[(b + 1) % nodeCount];
      const msg = `m${++msgNo}`;
      add(from, 'send', msg, to);
      inFlight.push({ msg, from, to });
    } else if ((op === 2 || op === 3) && inFlight.length > 0) {
      const i = b % inFlight.length;
      const m = inFlight[i];
      if (op === 2) inFlight.splice(i, 1);
      add(m.to, 'receive', m.msg, m.from);
    } else {
      add(from, 'local', null, null);
    }
  }
  return { nodes, events };
}

/** fast-check arbitrary of histories (2..maxNodes nodes, up to maxSteps steps). */
export function arbHistory(maxNodes = 4, maxSteps = 30): fc.Arbitrary<History> {
  return fc
    .tuple(
      fc.integer({ min: 2, max: maxNodes }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(7), fc.nat(7)), { maxLength: maxSteps }),
    )
    .map(([n, steps]) => buildHistory(n, steps as Step[]));
}

/** Stamp a history with Lamport and vector clocks using the clocks module, as LabEvents. */
export function stamp(h: History, run = 'r'): LabEvent[] {
  const lam = new Map<string, LamportClock>(h.nodes.map((n) => [n, lamportStart(n)]));
  const vc = new Map<string, VClock>(h.nodes.map((n) => [n, {}]));
  const sent = new Map<string, { lamport: number; vclock: VClock }>();
  return h.events.map((e) => {
    let l = lam.get(e.node)!;
    let v = vc.get(e.node)!;
    if (e.kind === 'receive') {
      const s = sent.get(e.msg!)!;
      l = lamportReceive(l, s.lamport);
      v = vcReceive(v, s.vclock, e.node);
    } else {
      l = lamportLocal(l);
      v = vcTick(v, e.node);
    }
    lam.set(e.node, l);
    vc.set(e.node, v);
    if (e.kind === 'send') sent.set(e.msg!, { lamport: l.time, vclock: v });
    return {
      run, id: e.idx + 1, node: e.node, seq: e.seq, kind: e.kind,
      wall_ms: null, mono_ns: null, ref_ms: null,
      lamport: l.time, vclock: v, msg: e.msg, peer: e.peer, label: null, data: null,
    };
  });
}

/** The oracle: reach[a][b] is true when event a happened before event b (a ≠ b). */
export function closure(h: History): boolean[][] {
  const n = h.events.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const last = new Map<string, number>();
  const sendOf = new Map<string, number>();
  for (const e of h.events) {
    const p = last.get(e.node);
    if (p !== undefined) succ[p].push(e.idx);
    last.set(e.node, e.idx);
    if (e.kind === 'send') sendOf.set(e.msg!, e.idx);
    if (e.kind === 'receive') succ[sendOf.get(e.msg!)!].push(e.idx);
  }
  const reach = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (let a = 0; a < n; a++) {
    const stack = [...succ[a]];
    while (stack.length) {
      const x = stack.pop()!;
      if (reach[a][x]) continue;
      reach[a][x] = true;
      stack.push(...succ[x]);
    }
  }
  return reach;
}

/** Count unordered pairs ordered by happened-before, pairwise. */
export function naiveHbPairs(reach: boolean[][]): number {
  let c = 0;
  for (let a = 0; a < reach.length; a++) for (let b = 0; b < reach.length; b++) if (reach[a][b]) c++;
  return c;
}

/** Property-test parameters: bounded runs; the seed is printed by fast-check on failure. */
export const PROP = { numRuns: 200 } as const;
