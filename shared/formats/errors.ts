/** Typed problems with a file and line, so the CLI can print `coordlab: <file>:<line>: <problem>`. */

/** One problem found in an input file. */
export interface LogProblem {
  readonly file: string;
  /** 1-based line, or null when the problem concerns the whole file or an option. */
  readonly line: number | null;
  readonly problem: string;
}

/** `file:line: problem` (or `file: problem` without a line). */
export function formatProblem(p: LogProblem): string {
  return p.line === null ? `${p.file}: ${p.problem}` : `${p.file}:${p.line}: ${p.problem}`;
}

/** An input that cannot be imported; `problems` lists every problem found, in line order. */
export class LogFormatError extends Error {
  override readonly name = 'LogFormatError';
  readonly problems: readonly LogProblem[];
  constructor(problems: readonly LogProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    super(sorted.length > 0 ? formatProblem(sorted[0]) + (sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : '') : 'invalid input');
    this.problems = sorted;
  }
}

/** Events that cannot be written in the requested format (e.g. a node name ShiViz cannot parse). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}
