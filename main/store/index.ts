export { Store, newRunId, type NewRun } from './store';
export { BatchWriter, type WriterOptions } from './writer';
export { LabError } from './errors';
export { openDatabase, type OpenOptions } from './open';
export { defaultDbPath, userDataDir } from './paths';
export { SCHEMA_VERSION, APPLICATION_ID } from './schema';
