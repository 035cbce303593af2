import { resolve } from 'node:path';
import { defaultDbPath, Store } from '../store';

/** Options every command may carry. */
export interface DbOption {
  db?: string;
}

/** What commands get from the CLI shell: where to write and how to open the store. */
export interface CliContext {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Opens the store named by --db, COORDLAB_DB, or the default path. */
  openStore(opts: DbOption, mode?: { readonly?: boolean }): Store;
  dbPath(opts: DbOption): string;
}

export function defaultContext(): CliContext {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    dbPath: (opts) => resolve(opts.db ?? defaultDbPath()),
    openStore(opts, mode) {
      return new Store(this.dbPath(opts), { readonly: mode?.readonly });
    },
  };
}
