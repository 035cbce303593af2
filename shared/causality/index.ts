/**
 * Causality of a run: happened-before from its vector clocks, the three
 * orderings, causal past and future, anomalies, and the `analyze` figures.
 */
export { CausalityError } from './types.js';
export type { CausalEvent, Edge } from './types.js';
export { buildCausalIndex, checkConsistency, positionOfId } from './causal-index.js';
export type { CausalIndex, CausalIndexOptions } from './causal-index.js';
export { happenedBefore, happenedBeforeAt, relate, causalPast, causalFuture, pastSizeAt } from './relation.js';
export { matchedMessages, matchedMessageCounts, hasMessageIds, clockEdges } from './messages.js';
export { wallOrder, lamportOrder, vectorOrder, causalDepth } from './orderings.js';
export type { VectorOrder } from './orderings.js';
export { wallInversions, wallAgainstCausality, lamportTies } from './anomalies.js';
export { recomputeClocks, checkRecordedClocks } from './recompute.js';
export type { Recomputed, RecomputedClock, ClockMismatch } from './recompute.js';
export { clockErrorMs, defaultTruthMs, refTruthMs } from './clock-error.js';
export type { ClockErrorMs, TruthMs } from './clock-error.js';
export { analyze } from './analyze.js';
export type { Analysis, AnalyzeOptions, NodeCounts } from './analyze.js';
