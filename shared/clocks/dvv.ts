/**
 * Dotted version vectors (Preguiça, Baquero, Almeida, Fonte, Gonçalves 2012).
 *
 * A replica of a key keeps a set of siblings; each sibling's clock is a *dot*
 * (the replica and counter that created the write) plus the version vector of
 * the writes it has seen (its causal past). A dot names exactly one write, so a
 * server can tell siblings apart with one entry per *replica*, not per client:
 * the answer the chapter gives to vector clocks that grow with every process.
 */
import type { VClock } from '../events.js';
import type { VClockOrder } from './vector';

/** The identity of one write: the replica that stored it and its counter there. */
export interface Dot {
  readonly node: string;
  readonly counter: number;
}

/** A dotted version vector: the write's dot plus its causal past (dot excluded). */
export interface Dvv {
  readonly dot: Dot;
  readonly past: VClock;
}

/** A stored value with its clock. */
export interface Sibling<T> {
  readonly clock: Dvv;
  readonly value: T;
}

/** Whether the context (a version vector) has seen the write named by `dot`. */
export function dvvCovers(context: VClock, dot: Dot): boolean {
  return (context[dot.node] ?? 0) >= dot.counter;
}

/** Same dot: the same write. */
export function sameDot(a: Dot, b: Dot): boolean {
  return a.node === b.node && a.counter === b.counter;
}

/**
 * Compare two clocks: a write happened before another when the other's past
 * covers its dot. Comparison costs O(1) lookups, not a vector walk.
 */
export function dvvCompare(a: Dvv, b: Dvv): VClockOrder {
  if (sameDot(a.dot, b.dot)) return 'equal';
  if (dvvCovers(b.past, a.dot)) return 'before';
  if (dvvCovers(a.past, b.dot)) return 'after';
  return 'concurrent';
}

/** The version vector that summarizes every write in the siblings (the context a read returns). */
export function dvvJoin<T>(siblings: readonly Sibling<T>[]): VClock {
  const out: VClock = {};
  for (const { clock } of siblings) {
    for (const k in clock.past) if (clock.past[k] > (out[k] ?? 0)) out[k] = clock.past[k];
    const { node, counter } = clock.dot;
    if (counter > (out[node] ?? 0)) out[node] = counter;
  }
  return out;
}

/**
 * Merge two replicas' sibling sets: the union, without duplicates, keeping only
 * writes no other write has seen. What remains are mutually concurrent siblings.
 */
export function dvvSync<T>(a: readonly Sibling<T>[], b: readonly Sibling<T>[]): Sibling<T>[] {
  const all: Sibling<T>[] = [];
  for (const s of [...a, ...b]) {
    if (!all.some((x) => sameDot(x.clock.dot, s.clock.dot))) all.push(s);
  }
  return all.filter((s) => !all.some((o) => o !== s && dvvCompare(s.clock, o.clock) === 'before'));
}

/** Drop the siblings a client's context has already seen (they are overwritten). */
export function dvvDiscard<T>(siblings: readonly Sibling<T>[], context: VClock): Sibling<T>[] {
  return siblings.filter((s) => !dvvCovers(context, s.clock.dot));
}

/**
 * The clock for a new write stored at replica `node` with the client's context:
 * a fresh dot (one past anything `node` has issued that is known here) and the context as past.
 */
export function dvvEvent<T>(siblings: readonly Sibling<T>[], context: VClock, node: string): Dvv {
  const known = Math.max(context[node] ?? 0, dvvJoin(siblings)[node] ?? 0);
  const past: VClock = {};
  for (const k in context) if (context[k] > 0) past[k] = context[k];
  return { dot: { node, counter: known + 1 }, past };
}

/** A client write at replica `node`: discard what the context saw, add the new sibling. */
export function dvvPut<T>(siblings: readonly Sibling<T>[], context: VClock, node: string, value: T): Sibling<T>[] {
  const clock = dvvEvent(siblings, context, node);
  return [...dvvDiscard(siblings, context), { clock, value }];
}

/** True when the replica holds conflicting writes (more than one concurrent sibling). */
export function hasSiblings<T>(siblings: readonly Sibling<T>[]): boolean {
  return siblings.length > 1;
}
