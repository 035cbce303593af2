/**
 * Layout of the space-time diagram: viewport math, lanes, density bins, the
 * causal cone from vector clocks, the three orders side by side, and replay
 * cursor arithmetic. Pure: shared by main (window queries) and renderer (drawing).
 */
export type { Axis, Span, PlotEvent, PlotMessage } from './types.js';
export { AXES } from './types.js';
export { padExtent, toPx, fromPx, clampView, zoomAt, panBy, wheelZoomFactor, niceTicks, fetchSpan, covers, MIN_SPAN_FRACTION } from './viewport.js';
export { binOf, emptyBins, rebin, countIn, maxBin } from './bins.js';
export type { LaneBins } from './bins.js';
export { causalCone, coneRelation, memoryClockSource, pastSize } from './cone.js';
export type { ClockSource, Cone, ConeRelation } from './cone.js';
export { threeOrders, happenedBefore } from './orders.js';
export type { OrderEvent, OrderRow, ThreeOrders } from './orders.js';
export { laneLayout, laneAt } from './lanes.js';
export type { LaneLayout } from './lanes.js';
export { clampSpeed, baseRate, advance, step, nextSpeed, SPEEDS, SPEED_MIN, SPEED_MAX, DEFAULT_EVENTS_PER_S } from './replay.js';
export { serves, planRequest, BIN_PX } from './fetch-plan.js';
export type { LoadedWindow, WindowRequest } from './fetch-plan.js';
