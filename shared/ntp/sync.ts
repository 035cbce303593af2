/**
 * NTP synchronization of one node from one or more sources: per-source clock filter,
 * source selection, and the clock discipline. The runtime feeds it accepted samples
 * and rejections (from `NtpExchange` or the socket client) and applies the resulting
 * corrections through `disciplinedMs(raw)`.
 */
import { rootDistanceMs } from './arithmetic';
import type { DisciplineAction, DisciplineConfig } from './discipline';
import { ClockDiscipline } from './discipline';
import type { FilterOutput } from './filter';
import { ClockFilter } from './filter';
import type { NtpRejection, NtpSample } from './sample';
import type { SelectionResult, SourceClaim } from './selection';
import { selectSources } from './selection';

/** What handling one sample produced. */
export interface NtpSyncUpdate {
  filter: FilterOutput;
  selection: SelectionResult;
  /** The clock correction made, or null when the sample did not move the clock (stale, not chosen). */
  action: DisciplineAction | null;
}

interface SourceState {
  filter: ClockFilter;
  best: (NtpSample & { rawOffsetMs: number; rawAtMs: number }) | null;
  jitterMs: number;
  rejections: number;
}

/** Per-node NTP state. */
export class NtpSync {
  readonly discipline: ClockDiscipline;
  private readonly sources = new Map<string, SourceState>();

  constructor(options: { discipline?: Partial<DisciplineConfig>; filterStages?: number } = {}) {
    this.discipline = new ClockDiscipline(options.discipline);
    this.filterStages = options.filterStages;
  }
  private readonly filterStages: number | undefined;

  /** The node's disciplined wall clock for raw reading `rawMs`. */
  disciplinedMs(rawMs: number): number {
    return this.discipline.disciplinedMs(rawMs);
  }

  private source(name: string): SourceState {
    let s = this.sources.get(name);
    if (!s) {
      s = { filter: new ClockFilter(this.filterStages), best: null, jitterMs: 0, rejections: 0 };
      this.sources.set(name, s);
    }
    return s;
  }

  /**
   * Feed an accepted sample. `rawAtT4Ms` is the node's raw (undisciplined) reading at
   * the instant `sample.t4Ms` was read on the disciplined clock, so the correction in
   * force at T4 is exactly `t4Ms − rawAtT4Ms`. `rawNowMs` is when the result is applied.
   */
  onSample(sample: NtpSample, rawAtT4Ms: number, rawNowMs: number = rawAtT4Ms): NtpSyncUpdate {
    const st = this.source(sample.source);
    const rawOffsetMs = sample.offsetMs + (sample.t4Ms - rawAtT4Ms);
    const tagged = { ...sample, rawOffsetMs, rawAtMs: rawAtT4Ms };
    const filter = st.filter.add(tagged, sample.t4Ms);
    st.best = filter.best as typeof tagged;
    st.jitterMs = filter.jitterMs;
    const selection = this.select(rawNowMs);
    let action: DisciplineAction | null = null;
    if (selection.chosen?.source === sample.source) {
      // Every exchange of the chosen source feeds the frequency fit (weighted by its delay);
      // the phase is corrected only from a clock-filter pick not used before.
      this.discipline.observe({ rawAtMs: rawAtT4Ms, rawOffsetMs, delayMs: sample.delayMs }, rawNowMs);
      if (filter.fresh && st.best) action = this.discipline.correctPhase({ rawAtMs: st.best.rawAtMs, rawOffsetMs: st.best.rawOffsetMs }, rawNowMs);
    }
    return { filter, selection, action };
  }

  /**
   * Feed one poll round's accepted samples (one per source) together: every clock
   * filter first, then one selection over all of them, then the discipline from the
   * chosen source. Fed one by one, the first answer of a round would be selected alone
   * (a majority of one) even when it is the falseticker the next answers outvote.
   * Returns one update per sample, in order; only the chosen source's carries an action.
   */
  onRound(samples: readonly { sample: NtpSample; rawAtT4Ms: number }[], rawNowMs: number): NtpSyncUpdate[] {
    const fed = samples.map(({ sample, rawAtT4Ms }) => {
      const st = this.source(sample.source);
      const rawOffsetMs = sample.offsetMs + (sample.t4Ms - rawAtT4Ms);
      const tagged = { ...sample, rawOffsetMs, rawAtMs: rawAtT4Ms };
      const filter = st.filter.add(tagged, sample.t4Ms);
      st.best = filter.best as typeof tagged;
      st.jitterMs = filter.jitterMs;
      return { sample, st, filter, rawOffsetMs, rawAtT4Ms };
    });
    const selection = this.select(rawNowMs);
    return fed.map((f) => {
      let action: DisciplineAction | null = null;
      if (selection.chosen?.source === f.sample.source) {
        this.discipline.observe({ rawAtMs: f.rawAtT4Ms, rawOffsetMs: f.rawOffsetMs, delayMs: f.sample.delayMs }, rawNowMs);
        if (f.filter.fresh && f.st.best) action = this.discipline.correctPhase({ rawAtMs: f.st.best.rawAtMs, rawOffsetMs: f.st.best.rawOffsetMs }, rawNowMs);
      }
      return { filter: f.filter, selection, action };
    });
  }

  /** Note a rejection. It never moves the clock; it only counts against the source. */
  onRejection(rejection: NtpRejection): void {
    this.source(rejection.source).rejections++;
  }

  /** Rejections seen per source. */
  rejectionCount(source: string): number {
    return this.sources.get(source)?.rejections ?? 0;
  }

  /** Run selection over every source with a sample, offsets taken against the clock at `rawNowMs`. */
  select(rawNowMs: number): SelectionResult {
    const claims: SourceClaim[] = [];
    const correctionMs = this.discipline.correctionMs(rawNowMs);
    for (const [name, st] of this.sources) {
      if (!st.best) continue;
      claims.push({ source: name, offsetMs: st.best.rawOffsetMs - correctionMs, distanceMs: rootDistanceMs({ ...st.best, jitterMs: st.jitterMs }) });
    }
    return selectSources(claims);
  }
}
