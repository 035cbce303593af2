import type { ExportFormat, ExportedFile, ImportOptions, ImportedRun } from '../../shared/api';
import { LogFormatError, parseGoVector, parseJsonl, parseShiviz, toCsv, toJsonl, toPerfetto, toShiviz, type ParsedRun } from '../../shared/formats';
import { LabError, type Store } from '../store';

const MIME: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
  shiviz: 'text/plain',
  perfetto: 'application/json',
};
const EXT: Record<ExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', shiviz: 'log', perfetto: 'perfetto.json' };

/** A whole run as one export file (the shared/formats writers over the stored events). */
export function exportRun(store: Store, run: string, format: ExportFormat): ExportedFile {
  if (!(format in MIME)) throw new LabError(`unknown export format '${String(format)}' (use jsonl, csv, shiviz or perfetto)`);
  const detail = store.getRun(run);
  if (!detail) throw new LabError(`no run '${run}'`);
  const events = store.allEvents(run);
  const text =
    format === 'jsonl'
      ? toJsonl(events)
      : format === 'csv'
        ? toCsv(events)
        : format === 'shiviz'
          ? toShiviz([{ label: detail.label, events }])
          : toPerfetto(events, { title: detail.label });
  const safe = detail.label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || run;
  return { filename: `${safe}.${EXT[format]}`, mime: MIME[format], text };
}

/** Picks the parser from the option or the file name. */
function parse(name: string, text: string, o: ImportOptions): ParsedRun[] {
  const format = o.format ?? (/\.jsonl$/i.test(name) ? 'jsonl' : 'shiviz');
  if (format === 'jsonl') return parseJsonl(text, { file: name });
  if (format === 'govector') return parseGoVector([{ name, text }]);
  if (format === 'shiviz') return parseShiviz(text, { file: name, regex: o.regex || undefined, delimiter: o.delimiter || undefined });
  throw new LabError(`unknown import format '${String(format)}' (use shiviz, govector or jsonl)`);
}

/** Parses a log and stores one run per execution in it, all in one transaction. */
export function importLog(store: Store, name: string, text: string, options: ImportOptions = {}): ImportedRun[] {
  let parsed: ParsedRun[];
  try {
    parsed = parse(name, text, options);
  } catch (e) {
    if (e instanceof LogFormatError) throw new LabError(e.problems.slice(0, 5).map((p) => `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.problem}`).join('\n') + (e.problems.length > 5 ? `\n… and ${e.problems.length - 5} more` : ''));
    throw e;
  }
  return store.transaction(() =>
    parsed.map((p) => {
      const nodes = [...new Set(p.events.map((e) => e.node))];
      const s = store.createRun({ scenario: `import:${p.format}`, label: p.label, status: 'imported', nodes, experiment: { imported: { file: p.file, format: p.format } } });
      store.appendEvents(s.run, p.events);
      return { run: s.run, label: p.label, events: p.events.length };
    }),
  );
}
