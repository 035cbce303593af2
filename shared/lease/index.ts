/**
 * Lease-based leader election over a key-value store with TTL and compare-and-swap,
 * with fencing tokens (DESIGN.md "Pure cores", chapter "Practical considerations").
 */
export * from './errors';
export * from './store';
export * from './protocol';
export * from './records';
export * from './store-machine';
export * from './client';
export * from './resource';
export * from './store-events';
export * from './messages';
export * from './core';
export * from './answer';
