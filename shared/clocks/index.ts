/**
 * Logical clocks: Lamport, vector, and dotted version vectors.
 * Pure functions over plain data; no time, no randomness.
 */
export { compareNodeIds, sortNodeIds } from './node-order';
export { lamportStart, lamportLocal, lamportSend, lamportReceive, compareLamport } from './lamport';
export type { LamportClock, LamportStamped } from './lamport';
export { vcGet, vcNormalize, vcTick, vcMerge, vcReceive, vcCompare, vcSum } from './vector';
export type { VClock, VClockOrder } from './vector';
export { dvvCovers, sameDot, dvvCompare, dvvJoin, dvvSync, dvvDiscard, dvvEvent, dvvPut, hasSiblings } from './dvv';
export type { Dot, Dvv, Sibling } from './dvv';
