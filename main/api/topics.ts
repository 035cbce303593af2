/**
 * The topic views of a recorded run (Raft, failure detection, clocks, leases) over the
 * store's SQLite database: which apply to a run, and each one's compact view model,
 * built by shared/views from only the events the topic needs (by kind, through the
 * `events_by_kind` index), never the whole run. Also the election benchmark of the
 * Raft view, run in-process a trial at a time so the lab stays responsive.
 */
import type Database from 'better-sqlite3';
import type { RunRow } from '../store/rows';
import { LabError } from '../store';
import { createRng } from '../../shared/rng';
import { parseTimeoutRange, runElectionTrial } from '../../shared/sim';
import {
  benchCurve, benchState, buildClocksView, buildDetectorsView, buildLeasesView, buildRaftView, idTimeline, paperRanges, timeOf,
  TOPIC_TITLES, type ElectionBenchCurve, type ElectionBenchQuery, type ElectionBenchState, type Topic, type TopicEvent, type TopicInfo, type TopicView, type ViewFrame,
} from '../../shared/views';

interface Row {
  id: number;
  node: string;
  kind: string;
  wall_ms: number | null;
  ref_ms: number | null;
  label: string | null;
  peer: string | null;
  data: string | null;
}

const COLS = 'id, node, kind, wall_ms, ref_ms, label, peer, data';
const FAULT_KINDS = `'crash', 'recover', 'pause', 'resume', 'fault'`;
/** Events sampled per run for the clock error series. */
const CLOCK_SAMPLES = 24_000;
/** Trials of a range whose downtime reaches this count as censored (as `bench election`). */
const BENCH_CAP_MS = 10_000;

function toEvent(r: Row): TopicEvent {
  let data: Record<string, unknown> | null = null;
  if (r.data) {
    try {
      data = JSON.parse(r.data);
    } catch {
      data = null;
    }
  }
  return { id: r.id, node: r.node, kind: r.kind, wall_ms: r.wall_ms, ref_ms: r.ref_ms, label: r.label, peer: r.peer, data };
}

interface BenchJob {
  query: Required<ElectionBenchQuery>;
  curves: ElectionBenchCurve[];
  done: number;
  error: string | null;
}

/** Topic queries over one database. */
export class Topics {
  private cache = new Map<string, { events: number; view: TopicView }>();
  private benches = new Map<string, BenchJob>();

  constructor(private readonly db: Database.Database) {}

  private run(run: string): RunRow {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(run) as RunRow | undefined;
    if (!row) throw new LabError(`no run '${run}'`);
    return row;
  }

  private exists(sql: string, ...args: unknown[]): boolean {
    return this.db.prepare(`SELECT 1 FROM events WHERE run = ? AND ${sql} LIMIT 1`).get(...args) !== undefined;
  }

  private select(sql: string, ...args: unknown[]): TopicEvent[] {
    return (this.db.prepare(`SELECT ${COLS} FROM events WHERE run = ? AND (${sql}) ORDER BY id`).all(...args) as Row[]).map(toEvent);
  }

  /** The topic views that apply to a run (a run with no Raft events has no Raft view). */
  topics(run: string): TopicInfo[] {
    const row = this.run(run);
    const out: Topic[] = [];
    if (this.exists(`kind = 'state' AND json_extract(data, '$.prevRole') IS NOT NULL`, run)) out.push('raft');
    if (this.exists(`kind IN ('suspect', 'trust')`, run) || this.exists(`kind = 'local' AND json_extract(data, '$.detectors') IS NOT NULL`, run)) out.push('detectors');
    const clocks = safeJson(row.experiment)?.clocks;
    if (this.exists(`kind IN ('ntp', 'clock')`, run) || (clocks && typeof clocks === 'object' && Object.keys(clocks).length > 0)) out.push('clocks');
    if (this.exists(`kind IN ('state', 'local') AND json_extract(data, '$.lease') IS NOT NULL`, run)) out.push('leases');
    return out.map((topic) => ({ topic, title: TOPIC_TITLES[topic] }));
  }

  /** The view model of one topic of a run (cached until the run records more events). */
  analysis(run: string, topic: Topic): TopicView {
    const row = this.run(run);
    const key = `${run}\u0000${topic}`;
    const hit = this.cache.get(key);
    if (hit && hit.events === row.events) return hit.view;
    const view = this.build(row, topic);
    this.cache.set(key, { events: row.events, view });
    if (this.cache.size > 16) this.cache.delete(this.cache.keys().next().value as string);
    return view;
  }

  private build(row: RunRow, topic: Topic): TopicView {
    const run = row.id;
    const nodes = (safeJson(row.nodes) as string[] | null) ?? [];
    const maxId = (this.db.prepare(`SELECT max(id) AS m FROM events WHERE run = ?`).get(run) as { m: number | null }).m ?? 0;
    const byId = this.db.prepare(`SELECT id, ref_ms, wall_ms FROM events WHERE run = ? AND id = ?`);
    const ids = sampleIds(maxId, 512);
    const points = ids.map((id) => {
      const r = byId.get(run, id) as { id: number; ref_ms: number | null; wall_ms: number | null } | undefined;
      return [id, r ? timeOf(r) : null] as [number, number | null];
    });
    let events: TopicEvent[];
    switch (topic) {
      case 'raft':
        events = this.select(`kind IN ('state', 'local', 'timer', ${FAULT_KINDS}) OR (kind = 'send' AND (json_extract(data, '$.type') IN ('RequestVote', 'PreVote') OR label LIKE '%>% RequestVote term=%' OR label LIKE '%>% PreVote term=%'))`, run);
        break;
      case 'detectors':
        events = this.select(`kind IN ('suspect', 'trust', ${FAULT_KINDS}) OR (kind = 'state' AND label = 'phi') OR (kind = 'local' AND json_extract(data, '$.detectors') IS NOT NULL)`, run);
        break;
      case 'clocks': {
        events = this.select(`kind IN ('ntp', 'clock', ${FAULT_KINDS})`, run);
        const have = new Set(events.map((e) => e.id));
        const stmt = this.db.prepare(`SELECT ${COLS} FROM events WHERE run = ? AND id = ?`);
        for (const id of sampleIds(maxId, CLOCK_SAMPLES)) {
          if (have.has(id)) continue;
          const r = stmt.get(run, id) as Row | undefined;
          if (r) events.push(toEvent(r));
        }
        break;
      }
      case 'leases':
        events = this.select(`(kind IN ('state', 'local') AND json_extract(data, '$.lease') IS NOT NULL) OR kind IN (${FAULT_KINDS})`, run);
        break;
    }
    const frame = frameFrom(points, events);
    const bounds = { startMs: frame.t0Ms, endMs: frame.t0Ms + frame.endMs };
    const timeline = idTimeline(points, frame);
    switch (topic) {
      case 'raft':
        return buildRaftView(events, { nodes, bounds, timeline });
      case 'detectors':
        return buildDetectorsView(events, { bounds, timeline });
      case 'clocks':
        return buildClocksView(events, { nodes, bounds, timeline, injected: (safeJson(row.experiment)?.clocks as Record<string, unknown> | undefined) ?? null });
      case 'leases':
        return buildLeasesView(events, { nodes, bounds, timeline });
    }
  }

  /**
   * Starts (or continues) the simulated election benchmark for `q`; call again with
   * the same query to follow its progress. Finished results stay cached.
   */
  electionBench(q: ElectionBenchQuery): ElectionBenchState {
    const query: Required<ElectionBenchQuery> = { trials: q.trials ?? 100, seed: q.seed ?? 1, ranges: q.ranges ?? paperRanges() };
    const key = JSON.stringify(query);
    let job = this.benches.get(key);
    if (!job) {
      const ranges = query.ranges.map((r) => parseTimeoutRange(r));
      job = { query: { ...query, ranges: ranges.map((r) => r.label) }, curves: [], done: 0, error: null };
      this.benches.set(key, job);
      void this.runBench(job, ranges);
    }
    return benchState(job.query, job.curves, job.done, job.error);
  }

  private async runBench(job: BenchJob, ranges: ReturnType<typeof parseTimeoutRange>[]): Promise<void> {
    const rng = createRng(job.query.seed);
    const options = { ranges, trials: job.query.trials, seed: job.query.seed, capMs: BENCH_CAP_MS };
    try {
      for (const range of ranges) {
        const r = rng.fork();
        const downtimes: number[] = [];
        for (let i = 0; i < job.query.trials; i++) {
          downtimes.push(runElectionTrial(range, options, r));
          job.done++;
          // Let requests through between trials: a trial takes at most ~100 ms.
          await new Promise<void>((res) => setImmediate(res));
        }
        job.curves.push(benchCurve(range.label, downtimes, BENCH_CAP_MS));
      }
    } catch (e) {
      job.error = (e as Error).message;
    }
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Up to `n` ids spread evenly over 1..maxId (both ends included). */
function sampleIds(maxId: number, n: number): number[] {
  if (maxId <= 0) return [];
  if (maxId <= n) return Array.from({ length: maxId }, (_, i) => i + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(1 + Math.round((i * (maxId - 1)) / (n - 1)));
  return [...new Set(out)];
}

/** The run's time axis: from its sampled first event to the latest time seen. */
function frameFrom(points: readonly [number, number | null][], events: readonly TopicEvent[]): ViewFrame {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (t: number | null): void => {
    if (t === null || !Number.isFinite(t)) return;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  };
  for (const [, t] of points) see(t);
  for (const e of events) see(timeOf(e));
  if (lo === Infinity) return { t0Ms: 0, endMs: 0 };
  return { t0Ms: lo, endMs: hi - lo };
}
