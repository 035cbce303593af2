import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { LabEvent } from '../../../shared/events';
import { ExportError, toCsv, toJsonl, toPerfetto, toShiviz } from '../../../shared/formats';
import { LabError, type Store } from '../../store';
import type { CliContext, DbOption } from '../context';

const FORMATS = ['jsonl', 'csv', 'shiviz', 'perfetto'] as const;
type Format = (typeof FORMATS)[number];
const CHUNK_EVENTS = 10_000;

/** Writes text chunks to a file (atomically, via a temp file) or to the CLI's stdout. */
function sink(ctx: CliContext, file: string | undefined): { write(text: string): void; done(): void; fail(): void } {
  if (file === undefined) return { write: (t) => t.length > 0 && ctx.out(t), done: () => {}, fail: () => {} };
  const tmp = `${file}.tmp-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw new LabError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return {
    write: (t) => void writeSync(fd, t),
    done: () => {
      closeSync(fd);
      renameSync(tmp, file);
    },
    fail: () => {
      closeSync(fd);
      rmSync(tmp, { force: true });
    },
  };
}

/** JSONL and CSV stream in chunks; ShiViz and Perfetto need the whole run. */
function writeRun(store: Store, run: string, label: string, format: Format, out: { write(text: string): void }): void {
  if (format === 'jsonl' || format === 'csv') {
    let batch: LabEvent[] = [];
    let first = true;
    const flush = () => {
      if (format === 'jsonl') out.write(toJsonl(batch));
      else {
        const csv = toCsv(batch);
        out.write(first ? csv : csv.slice(csv.indexOf('\r\n') + 2));
      }
      first = false;
      batch = [];
    };
    for (const e of store.iterateEvents(run)) {
      batch.push(e);
      if (batch.length >= CHUNK_EVENTS) flush();
    }
    if (batch.length > 0 || first) flush();
    return;
  }
  const events = store.allEvents(run);
  try {
    out.write(format === 'shiviz' ? toShiviz([{ label, events }]) : toPerfetto(events, { title: `coordlab ${run} ${label}` }) + '\n');
  } catch (e) {
    if (e instanceof ExportError) throw new LabError(`run ${run}: ${e.message}`);
    throw e;
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('export <run>')
    .description("write a run's events as JSONL, CSV, a ShiViz log, or a Perfetto/Chrome trace ('last' = newest run)")
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((ref: string, opts: DbOption & { format: Format; output?: string }) => {
      const store = ctx.openStore(opts, { readonly: true });
      try {
        const run = store.resolveRun(ref);
        const label = store.summary(run)!.label;
        const out = sink(ctx, opts.output);
        try {
          writeRun(store, run, label, opts.format, out);
          out.done();
        } catch (e) {
          out.fail();
          throw e;
        }
        if (opts.output !== undefined) ctx.err(`coordlab: wrote ${run} as ${opts.format} to ${opts.output}`);
      } finally {
        store.close();
      }
    });
}
