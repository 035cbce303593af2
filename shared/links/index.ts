/** Link models of the chapter: fair-loss, reliable (retransmit + dedup), authenticated (MAC). */
export * from './types';
export * from './fairLoss';
export * from './reliable';
export * from './bytes';
export * from './authenticated';
