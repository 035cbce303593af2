import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { ParsedRun } from '../../../shared/formats';
import { formatProblem, LogFormatError, parseGoVector, parseJsonl, parseShiviz } from '../../../shared/formats';
import { LabError, newRunId } from '../../store';
import type { CliContext, DbOption } from '../context';

/** Files above this size are refused before reading. */
export const IMPORT_LIMIT_BYTES = 256 * 1024 * 1024;
const FORMATS = ['shiviz', 'govector', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface ImportOptions extends DbOption {
  format?: Format;
  regex?: string;
  delimiter?: string;
  json?: boolean;
}

/** The format of a file: by name (`*-Log.txt` GoVector, `.jsonl`), else by its first line. */
export function detectFormat(file: string, text: string): Format {
  if (/-Log\.txt$/.test(file)) return 'govector';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  const first = text.slice(0, 4096).split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  if (first.startsWith('{')) {
    try {
      const o = JSON.parse(first) as Record<string, unknown>;
      if (typeof o === 'object' && o !== null && 'node' in o && 'vclock' in o) return 'jsonl';
    } catch {
      /* not JSONL */
    }
  }
  return 'shiviz';
}

function readChecked(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new LabError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > IMPORT_LIMIT_BYTES) {
    throw new LabError(`${file}: file is ${(size / 2 ** 30).toFixed(1)} GiB; the import limit is ${IMPORT_LIMIT_BYTES / 2 ** 20} MiB (nothing imported)`);
  }
  return readFileSync(file, 'utf8');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('import <files...>')
    .description('import event logs (ShiViz, GoVector *-Log.txt, coordlab JSONL); one run per execution; a file with any problem imports nothing')
    .addOption(new Option('--format <format>', 'input format (default: from the file name and first line)').choices(FORMATS))
    .option('--regex <regex>', 'ShiViz parser regex with named groups host, clock, event (the whole file is then the log)')
    .option('--delimiter <regex>', 'ShiViz execution delimiter; its trace group labels each run')
    .option('--json', 'print {"runs":[{"run","label","events"}]}')
    .action((files: string[], opts: ImportOptions) => {
      const texts = files.map((f) => ({ name: f, text: readChecked(f) }));
      const format = opts.format ?? detectFormat(files[0], texts[0].text);
      if ((opts.regex !== undefined || opts.delimiter !== undefined) && format !== 'shiviz') {
        throw new LabError(`--regex and --delimiter apply to ShiViz logs, not ${format}`);
      }
      let parsed: ParsedRun[];
      try {
        if (format === 'govector') parsed = parseGoVector(texts);
        else if (format === 'jsonl') parsed = texts.flatMap((t) => parseJsonl(t.text, { file: t.name }));
        else parsed = texts.flatMap((t) => parseShiviz(t.text, { file: t.name, regex: opts.regex, delimiter: opts.delimiter }));
      } catch (e) {
        if (!(e instanceof LogFormatError)) throw e;
        const shown = e.problems.slice(0, 20);
        for (const p of shown) ctx.err(`coordlab: ${formatProblem(p)}`);
        if (e.problems.length > shown.length) ctx.err(`coordlab: … and ${e.problems.length - shown.length} more problems (nothing imported)`);
        process.exitCode = 2;
        return;
      }
      const store = ctx.openStore(opts);
      try {
        const taken = new Set<string>();
        const freshId = (): string => {
          for (;;) {
            const id = newRunId();
            if (taken.has(id) || store.summary(id) !== null) continue;
            taken.add(id);
            return id;
          }
        };
        const imported = store.transaction(() =>
          parsed.map((r) => {
            const nodes = [...new Set(r.events.map((e) => e.node))];
            const label = r.label === r.file ? basename(r.file) : r.label;
            const s = store.createRun({
              id: freshId(),
              scenario: 'import', label, status: 'imported', nodes,
              experiment: { import: { format: r.format, file: r.file, regex: opts.regex ?? null, delimiter: opts.delimiter ?? null } },
            });
            store.appendEvents(s.run, r.events);
            store.finishRun(s.run, 'imported');
            return { run: s.run, label, events: r.events.length };
          }),
        );
        if (opts.json) ctx.out(JSON.stringify({ runs: imported }));
        else for (const r of imported) ctx.out(`imported ${r.run}  ${r.events} events  ${r.label}`);
      } finally {
        store.close();
      }
    });
}
