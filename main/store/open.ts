import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LabError } from './errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';

export interface OpenOptions {
  /** better-sqlite3 native binding path (the Electron-ABI build, in the Electron main process). */
  nativeBinding?: string;
  /** Open read-only: never migrates or writes. */
  readonly?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Opens (creating if needed) a coordlab database. A file that is not a coordlab
 * database, or one written by a newer schema, is refused with a LabError before
 * anything writes to it: the check runs on a read-only connection.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Database.Database {
  const exists = existsSync(path);
  if (exists && statSync(path).isDirectory()) throw new LabError(`${path} is a directory, not a coordlab database`);
  if (exists && statSync(path).size > 0) {
    checkHeader(path);
    const ro = connect(path, { ...opts, readonly: true });
    try {
      checkIdentity(ro, path);
    } finally {
      ro.close();
    }
  } else if (opts.readonly) {
    throw new LabError(`${path}: no coordlab database there`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
  }
  const db = connect(path, opts);
  if (opts.readonly) return db;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function connect(path: string, opts: OpenOptions): Database.Database {
  try {
    const db = new Database(path, {
      readonly: !!opts.readonly,
      fileMustExist: !!opts.readonly,
      nativeBinding: opts.nativeBinding,
    });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    throw new LabError(`${path}: cannot open database: ${(e as Error).message}`);
  }
}

function checkHeader(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_MAGIC) {
      throw new LabError(`${path} is not a coordlab database (not an SQLite file); refusing to touch it`);
    }
  } finally {
    closeSync(fd);
  }
}

function checkIdentity(db: Database.Database, path: string): void {
  let appId: number, version: number, tables: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get() as { n: number }).n;
  } catch (e) {
    throw new LabError(`${path} is not a readable coordlab database: ${(e as Error).message}`);
  }
  if (appId !== APPLICATION_ID) {
    if (tables > 0 || version !== 0 || appId !== 0) {
      throw new LabError(`${path} is an SQLite database of another application, not coordlab; refusing to touch it`);
    }
    return; // an empty SQLite file: fine to initialize
  }
  if (version > SCHEMA_VERSION) {
    throw new LabError(`${path} was written by a newer coordlab (schema ${version}; this build reads up to ${SCHEMA_VERSION}); refusing to touch it`);
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
