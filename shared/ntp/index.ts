/** RFC 5905 arithmetic, packets, sanity checks, filter, selection and discipline. */
export * from './timestamp';
export * from './packet';
export * from './arithmetic';
export * from './sample';
export * from './sanity';
export * from './exchange';
export * from './filter';
export * from './selection';
export * from './drift';
export * from './discipline';
export * from './sync';
export * from './serve';
export * from './spec';
export * from './analysis';
