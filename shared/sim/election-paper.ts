/**
 * The Raft paper's election experiment (Ongaro & Ousterhout, USENIX ATC 2014, §9.3,
 * Figure 16): the timeout ranges it plots and the figures its text states.
 */

/** The ranges of Figure 16, top graph (randomness varies) then bottom (scale varies). */
export const PAPER_RANGES = {
  top: ['150-150', '150-151', '150-155', '150-175', '150-200', '150-300'],
  bottom: ['12-24', '25-50', '50-100', '100-200', '150-300'],
} as const;

/** A figure the paper states for one range. */
export interface PaperFigure {
  range: string;
  /** Which statistic: e.g. `median_ms`, `max_ms`, `mean_ms`, or `min_ms` (a lower bound). */
  stat: 'median_ms' | 'mean_ms' | 'max_ms' | 'min_ms';
  valueMs: number;
  /** The paper's words. */
  text: string;
}

/** The figures stated in §9.3 (1000 trials per range; 100 for 150-150). */
export const PAPER_FIGURES: readonly PaperFigure[] = [
  { range: '150-150', stat: 'min_ms', valueMs: 10_000, text: 'no randomness: consistently longer than 10 s (many split votes)' },
  { range: '150-155', stat: 'median_ms', valueMs: 287, text: '5 ms of randomness: median downtime 287 ms' },
  { range: '150-200', stat: 'max_ms', valueMs: 513, text: '50 ms of randomness: worst of 1000 trials 513 ms' },
  { range: '12-24', stat: 'mean_ms', valueMs: 35, text: '12-24 ms: 35 ms on average' },
  { range: '12-24', stat: 'max_ms', valueMs: 152, text: '12-24 ms: longest trial 152 ms' },
];

/** One row of the lab-versus-paper table. */
export interface PaperComparison {
  range: string;
  stat: PaperFigure['stat'];
  paperMs: number;
  /** The lab's value of the same statistic; null if the range was not run. */
  labMs: number | null;
  text: string;
}

/** The lab's figure next to each of the paper's stated figures. */
export function compareWithPaper(results: readonly { range: string; median_ms: number; mean_ms: number; max_ms: number; cdf: readonly (readonly [number, number])[] }[]): PaperComparison[] {
  return PAPER_FIGURES.map((f) => {
    const r = results.find((x) => x.range === f.range);
    let labMs: number | null = null;
    if (r) labMs = f.stat === 'min_ms' ? (r.cdf[0]?.[0] ?? null) : r[f.stat];
    return { range: f.range, stat: f.stat, paperMs: f.valueMs, labMs, text: f.text };
  });
}
