/**
 * The lab network's decision logic (STYLE.md: the network decides, nodes never
 * talk around it). The runtime moves bytes; this decides drop, copies and times.
 *
 * The network is the fair-loss substrate whatever `model.link` says: loss and
 * duplication apply to every message; reliable and authenticated links are built
 * by the nodes on top (retransmission, de-duplication, MACs). Delay spikes are
 * faults: they add to the delay after the timing model, so they may break a
 * synchronous bound on purpose. Per-link FIFO (no `reorder`) holds through spikes.
 *
 * Partitions are decided at send time (a message already in flight when a partition
 * starts still arrives); a receiver that crashes while a copy is in flight is
 * checked at delivery (`checkDelivery`). Pauses are the runtime's business: a
 * stopped process simply reads its messages late.
 */
import type { Rng } from '../rng';
import type { SystemModel } from '../experiment/types';
import { sampleDelayMs } from './delay';
import { cuts, inWindow } from './partitions';
import { asyncTailScaleMs, timedDelayMs } from './timing';
import type { NetworkState, PartitionState, RouteDecision, RouteMessage, SpikeState, TimeWindow } from './types';

/** The network of one run. Times are run times (ms since the run started). */
export interface LabNetwork {
  /**
   * Decide the fate of `msg` sent at run time `nowMs`: unknown or crashed ends,
   * partitions, loss, duplication, delay (distribution, timing model, spikes) and
   * per-link FIFO unless the model allows reordering.
   */
  route(msg: RouteMessage, nowMs: number): RouteDecision;
  /** At delivery time: deliver this copy? null = yes; 'crashed' if the receiver crashed meanwhile. */
  checkDelivery(msg: RouteMessage, nowMs: number): 'crashed' | null;
  /**
   * Cut the network into `groups` (see partitions.ts; one-way: only groups[0] →
   * groups[1]) during `window` (default: from 0 until healed). Names must be nodes
   * of the run or '*' (resolve `leader` first). Returns the partition's id.
   */
  partition(groups: string[][], oneWay?: boolean, window?: TimeWindow): number;
  /** Heal one partition by id, or every partition. */
  heal(id?: number): void;
  /** Add `extraMs` delay on from → to ('*' = any node) during `window`; returns the spike's id. */
  spike(from: string, to: string, extraMs: number, window?: TimeWindow): number;
  /** End one delay spike by id, or every spike. */
  clearSpike(id?: number): void;
  /** From now on, messages to and from `node` are dropped ('crashed'). */
  crash(node: string): void;
  /** `node` is back: messages flow again. */
  recover(node: string): void;
  /** Would a message from → to be cut by a partition at `nowMs`? */
  isPartitioned(from: string, to: string, nowMs: number): boolean;
  /** A copy of the live state. */
  state(): NetworkState;
}

/** Create the network for `nodes` under `model`; `rng` draws every random choice. */
export function createNetwork(model: SystemModel, nodes: string[], rng: Rng): LabNetwork {
  const known = new Set(nodes);
  const crashed = new Set<string>();
  let partitions: PartitionState[] = [];
  let spikes: SpikeState[] = [];
  let nextId = 1;
  /** Latest delivery time per link (FIFO), keyed "from\u0000to". */
  const lastAtMs = new Map<string, number>();
  const tailScaleMs = asyncTailScaleMs(model.delay);

  const checkName = (name: string, what: string): void => {
    if (name !== '*' && !known.has(name)) throw new Error(`${what} names unknown node ${name} (nodes: ${nodes.join(', ')}; resolve 'leader' before calling)`);
  };
  const windowOf = (w: TimeWindow | undefined): { fromMs: number; untilMs: number | null } => ({ fromMs: w?.fromMs ?? 0, untilMs: w?.untilMs ?? null });
  const isPartitioned = (from: string, to: string, nowMs: number): boolean =>
    partitions.some((p) => inWindow(p, nowMs) && cuts(p, from, to));
  const spikeMs = (from: string, to: string, nowMs: number): number =>
    spikes.reduce((sum, s) => (inWindow(s, nowMs) && (s.from === '*' || s.from === from) && (s.to === '*' || s.to === to) ? sum + s.extraMs : sum), 0);

  const oneCopyAtMs = (msg: RouteMessage, nowMs: number): number => {
    const base = sampleDelayMs(model.delay, rng);
    let at = nowMs + timedDelayMs(model.timing, base, nowMs, tailScaleMs, rng) + spikeMs(msg.from, msg.to, nowMs);
    if (!model.reorder) {
      const key = `${msg.from}\u0000${msg.to}`;
      at = Math.max(at, lastAtMs.get(key) ?? -Infinity);
      lastAtMs.set(key, at);
    }
    return at;
  };

  return {
    route(msg, nowMs) {
      if (!known.has(msg.from) || !known.has(msg.to)) return { deliverAtMs: [], dropped: 'unknown-node' };
      if (crashed.has(msg.from) || crashed.has(msg.to)) return { deliverAtMs: [], dropped: 'crashed' };
      if (isPartitioned(msg.from, msg.to, nowMs)) return { deliverAtMs: [], dropped: 'partitioned' };
      if (model.loss > 0 && rng.chance(model.loss)) return { deliverAtMs: [], dropped: 'lost' };
      const copies = model.dup > 0 && rng.chance(model.dup) ? 2 : 1;
      const deliverAtMs: number[] = [];
      for (let i = 0; i < copies; i++) deliverAtMs.push(oneCopyAtMs(msg, nowMs));
      deliverAtMs.sort((a, b) => a - b);
      return { deliverAtMs, dropped: null };
    },
    checkDelivery: (msg) => (crashed.has(msg.to) ? 'crashed' : null),
    partition(groups, oneWay = false, window) {
      if (groups.length === 0 || groups.some((g) => g.length === 0)) throw new Error('partition needs non-empty groups');
      if (oneWay && groups.length !== 2) throw new Error(`a one-way partition has two groups (from, to), got ${groups.length}`);
      for (const g of groups) for (const n of g) checkName(n, 'partition');
      const id = nextId++;
      partitions.push({ id, groups: groups.map((g) => [...g]), oneWay, ...windowOf(window) });
      return id;
    },
    heal(id) {
      partitions = id === undefined ? [] : partitions.filter((p) => p.id !== id);
    },
    spike(from, to, extraMs, window) {
      checkName(from, 'delay spike');
      checkName(to, 'delay spike');
      if (!Number.isFinite(extraMs) || extraMs < 0) throw new Error(`delay spike of ${extraMs} ms: must be ≥ 0`);
      const id = nextId++;
      spikes.push({ id, from, to, extraMs, ...windowOf(window) });
      return id;
    },
    clearSpike(id) {
      spikes = id === undefined ? [] : spikes.filter((s) => s.id !== id);
    },
    crash(node) {
      checkName(node, 'crash');
      crashed.add(node);
    },
    recover(node) {
      crashed.delete(node);
    },
    isPartitioned,
    state: () => ({
      crashed: [...crashed],
      partitions: partitions.map((p) => ({ ...p, groups: p.groups.map((g) => [...g]) })),
      spikes: spikes.map((s) => ({ ...s })),
    }),
  };
}
