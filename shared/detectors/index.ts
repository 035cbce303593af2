/** Failure detectors: ping, heartbeat, phi accrual; pure and driven by ticks and messages. */
export * from './types';
export * from './errors';
export * from './ping';
export * from './heartbeat';
export * from './phiMath';
export * from './window';
export * from './phi';
export * from './record';
export * from './report';
export * from './report-text';
export * from './options';
export * from './series';
