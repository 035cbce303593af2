import type Database from 'better-sqlite3';
import type { AxisPosition, ConeResult, Progress, RunBounds, WindowEvent, WindowQuery, WindowResult } from '../../shared/api';
import type { VClock } from '../../shared/events';
import { buildCausalIndex, clockEdges, type CausalEvent } from '../../shared/causality';
import { causalCone, countIn, pastSize, rebin, type Axis, type LaneBins, type PlotMessage, type Span } from '../../shared/layout';
import { LabError } from '../store';

/** Bins of the cached whole-run histogram per lane and axis. */
const FINE_BINS = 4096;
/** Runs with more events than this keep a whole-run histogram per axis (to estimate window counts). */
const FINE_ABOVE_EVENTS = 50_000;
/** Windows estimated to hold more events than this are drawn from that cached histogram. */
const FROM_CACHE_ABOVE = 100_000;
/** Runs without message ids get the edges their clocks imply, up to this many events. */
const CLOCK_EDGES_MAX_EVENTS = 200_000;
/** Rows per chunk while filling the causal-past table (the event loop, and so window requests, run between chunks). */
const PAST_CHUNK = 5_000;

interface AxisSql {
  /** Table (with alias `t`) whose rows carry `v` (axis value) and `node`. */
  from: string;
  v: string;
}

const AXIS_SQL: Record<Axis, AxisSql> = {
  wall: { from: 'events t', v: 't.wall_ms' },
  lamport: { from: 'events t', v: 't.lamport' },
  causal: { from: 'event_past t', v: 't.past' },
};

interface EventRow {
  id: number;
  node: string;
  seq: number;
  kind: string;
  wall_ms: number | null;
  lamport: number;
  vclock: string;
  msg: string | null;
  label: string | null;
}

interface PastJob {
  total: number;
  done: number;
  running: boolean;
  error: string | null;
}

/**
 * Window queries of the space-time diagram over the store's SQLite database:
 * axis extents, the events of one window, per-lane density bins, the causal
 * cone of one event, and the lazily computed causal-past axis.
 */
export class SpaceTime {
  private fine = new Map<string, { events: number; bins: LaneBins }>();
  private jobs = new Map<string, PastJob>();

  constructor(private readonly db: Database.Database) {}

  private lanes = new Map<string, { events: number; nodes: string[] }>();

  private nodesOf(run: string): string[] {
    const row = this.db.prepare(`SELECT nodes, events FROM runs WHERE id = ?`).get(run) as { nodes: string; events: number } | undefined;
    if (!row) throw new LabError(`no run '${run}'`);
    const hit = this.lanes.get(run);
    if (hit && hit.events === row.events) return hit.nodes;
    const listed: string[] = JSON.parse(row.nodes);
    // Nodes that recorded events without being listed (imports) get lanes too: a skip scan of events_by_node.
    const seen = this.db
      .prepare(
        `WITH RECURSIVE n(node) AS (
           SELECT min(node) FROM events WHERE run = @run
           UNION ALL SELECT (SELECT min(node) FROM events WHERE run = @run AND node > n.node) FROM n WHERE n.node IS NOT NULL)
         SELECT node FROM n WHERE node IS NOT NULL`,
      )
      .pluck()
      .all({ run }) as string[];
    for (const n of seen) if (!listed.includes(n)) listed.push(n);
    this.lanes.set(run, { events: row.events, nodes: listed });
    return listed;
  }

  private eventCount(run: string): number {
    return (this.db.prepare(`SELECT events FROM runs WHERE id = ?`).pluck().get(run) as number | undefined) ?? 0;
  }

  bounds(run: string): RunBounds {
    const nodes = this.nodesOf(run);
    const events = this.eventCount(run);
    // One aggregate per statement, so SQLite answers each from one end of the index.
    const one = (sql: string) => (this.db.prepare(sql).pluck().get(run) as number | null | undefined) ?? null;
    const wall = { a: one(`SELECT min(wall_ms) FROM events WHERE run = ? AND wall_ms IS NOT NULL`), b: one(`SELECT max(wall_ms) FROM events WHERE run = ?`) };
    const lam = { a: one(`SELECT min(lamport) FROM events WHERE run = ?`), b: one(`SELECT max(lamport) FROM events WHERE run = ?`) };
    const refAt = (dir: 'ASC' | 'DESC') => this.db.prepare(`SELECT ref_ms FROM events WHERE run = ? ORDER BY id ${dir} LIMIT 1`).pluck().get(run) as number | null | undefined;
    const ref = { a: refAt('ASC') ?? null, b: refAt('DESC') ?? null };
    let causal: Span | null = null;
    if (this.pastReady(run)) {
      causal = { from: one(`SELECT min(past) FROM event_past WHERE run = ?`) ?? 0, to: one(`SELECT max(past) FROM event_past WHERE run = ?`) ?? 0 };
    }
    return {
      run,
      events,
      nodes,
      wall: wall.a == null ? null : { from: wall.a, to: wall.b! },
      lamport: { from: lam.a ?? 0, to: lam.b ?? 0 },
      causal,
      durationMs: ref.a != null && ref.b != null && ref.b > ref.a ? ref.b - ref.a : null,
    };
  }

  private pastCount(run: string): number {
    return this.db.prepare(`SELECT count(*) FROM event_past WHERE run = ?`).pluck().get(run) as number;
  }

  /** Runs whose causal-past table is complete, with the event count it was complete at. */
  private ready = new Map<string, number>();

  private pastReady(run: string): boolean {
    const job = this.jobs.get(run);
    if (job?.running) return false;
    const events = this.eventCount(run);
    if (this.ready.get(run) === events) return true;
    const ok = this.pastCount(run) === events;
    if (ok) this.ready.set(run, events);
    return ok;
  }

  /** Fills event_past for events not in it yet, in chunks; returns progress now. */
  preparePast(run: string): Progress {
    const total = this.eventCount(run);
    let job = this.jobs.get(run);
    if (job?.running) return { done: false, progress: total ? job.done / total : 1 };
    if (job?.error) {
      this.jobs.delete(run);
      throw new LabError(job.error);
    }
    const have = this.pastCount(run);
    if (have >= total) return { done: true, progress: 1 };
    job = { total, done: have, running: true, error: null };
    this.jobs.set(run, job);
    // Σ V(e) − 1 in SQLite (json_each), one id range per chunk; the event loop runs between chunks.
    const fill = this.db.prepare(
      `INSERT OR REPLACE INTO event_past (run, id, past, node)
       SELECT run, id, (SELECT sum(value) FROM json_each(vclock)) - 1, node FROM events WHERE run = ? AND id > ? AND id <= ?`,
    );
    const maxId = (this.db.prepare(`SELECT max(id) FROM events WHERE run = ?`).pluck().get(run) as number | null) ?? 0;
    let after = (this.db.prepare(`SELECT max(id) FROM event_past WHERE run = ?`).pluck().get(run) as number | null) ?? 0;
    const j = job;
    const chunk = () => {
      try {
        const upTo = Math.min(maxId, after + PAST_CHUNK);
        j.done += fill.run(run, after, upTo).changes;
        after = upTo;
        if (after >= maxId) {
          j.running = false;
          this.ready.set(run, this.eventCount(run));
          this.fine.delete(`${run}|causal`);
          return;
        }
        setImmediate(chunk);
      } catch (e) {
        j.running = false;
        j.error = `causal layout of ${run} failed: ${(e as Error).message}`;
      }
    };
    setImmediate(chunk);
    return { done: false, progress: total ? have / total : 0 };
  }

  private laneIndex(run: string): Map<string, number> {
    return new Map(this.nodesOf(run).map((n, i) => [n, i]));
  }

  private count(run: string, axis: Axis, span: Span): number {
    const a = AXIS_SQL[axis];
    return this.db.prepare(`SELECT count(*) FROM ${a.from} WHERE t.run = ? AND ${a.v} BETWEEN ? AND ?`).pluck().get(run, span.from, span.to) as number;
  }

  /**
   * Per-lane histogram of a span from the covering (axis, node) index. Few rows per
   * bin: one pass over the rows, binned here. Many: one small `GROUP BY node` range
   * query per bin, which keeps SQLite from sorting every row into a temporary tree.
   */
  private histogram(run: string, axis: Axis, span: Span, bins: number, rowsHint: number): LaneBins {
    const a = AXIS_SQL[axis];
    const lanes = this.laneIndex(run);
    const counts = Array.from({ length: lanes.size }, () => new Array<number>(bins).fill(0));
    const w = (span.to - span.from) / bins;
    if (rowsHint < bins * 40 || !(w > 0)) {
      const rows = this.db.prepare(`SELECT ${a.v}, t.node FROM ${a.from} WHERE t.run = ? AND ${a.v} BETWEEN ? AND ?`).raw().iterate(run, span.from, span.to) as Iterable<[number, string]>;
      for (const [v, node] of rows) {
        const lane = lanes.get(node);
        if (lane === undefined) continue;
        const b = w > 0 ? Math.min(bins - 1, Math.floor((v - span.from) / w)) : 0;
        counts[lane][b]++;
      }
      return { span, counts };
    }
    const q = this.db.prepare(`SELECT t.node AS node, count(*) AS n FROM ${a.from} WHERE t.run = ? AND ${a.v} >= ? AND ${a.v} < ? GROUP BY t.node`);
    const last = this.db.prepare(`SELECT t.node AS node, count(*) AS n FROM ${a.from} WHERE t.run = ? AND ${a.v} >= ? AND ${a.v} <= ? GROUP BY t.node`);
    for (let b = 0; b < bins; b++) {
      const lo = span.from + b * w;
      const rows = (b === bins - 1 ? last.all(run, lo, span.to) : q.all(run, lo, span.from + (b + 1) * w)) as { node: string; n: number }[];
      for (const r of rows) {
        const lane = lanes.get(r.node);
        if (lane !== undefined) counts[lane][b] += r.n;
      }
    }
    return { span, counts };
  }

  /** The whole-run histogram of one axis, cached (in memory and in axis_bins) until the run grows. */
  private fineHistogram(run: string, axis: Axis, ext: Span): LaneBins {
    const key = `${run}|${axis}`;
    const events = this.eventCount(run);
    const hit = this.fine.get(key);
    if (hit && hit.events === events) return hit.bins;
    const row = this.db.prepare(`SELECT events, span_from, span_to, counts FROM axis_bins WHERE run = ? AND axis = ?`).get(run, axis) as
      | { events: number; span_from: number; span_to: number; counts: string }
      | undefined;
    let bins: LaneBins;
    if (row && row.events === events && row.span_from === ext.from && row.span_to === ext.to) {
      bins = { span: ext, counts: JSON.parse(row.counts) };
    } else {
      bins = this.histogram(run, axis, ext, FINE_BINS, events);
      try {
        this.db.prepare(`INSERT OR REPLACE INTO axis_bins (run, axis, events, span_from, span_to, counts) VALUES (?, ?, ?, ?, ?, ?)`).run(run, axis, events, ext.from, ext.to, JSON.stringify(bins.counts));
      } catch {
        // A read-only or busy database: keep it in memory only.
      }
    }
    this.fine.set(key, { events, bins });
    return bins;
  }

  private extent(run: string, axis: Axis): Span | null {
    const b = this.bounds(run);
    return axis === 'wall' ? b.wall : axis === 'lamport' ? b.lamport : b.causal;
  }

  window(run: string, q: WindowQuery): WindowResult {
    const { axis } = q;
    const span: Span = { from: q.from, to: q.to };
    const limit = Math.max(1, Math.min(q.limit ?? 3000, 20_000));
    const bins = Math.max(1, Math.min(q.bins ?? 400, 4000));
    if (axis === 'causal' && !this.pastReady(run)) {
      const p = this.preparePast(run);
      if (!p.done) return { mode: 'pending', axis, span, total: 0, progress: p.progress };
    }
    // Big runs: estimate the window's count from the cached whole-run bins first, so a
    // window of hundreds of thousands of events never needs an exact count(*).
    const ext = this.eventCount(run) > FINE_ABOVE_EVENTS ? this.extent(run, axis) : null;
    const fine = ext ? this.fineHistogram(run, axis, { from: ext.from, to: ext.to + (ext.to - ext.from) * 1e-9 + 1e-9 }) : null;
    const estimate = fine ? countIn(fine, span) : null;
    if (fine && estimate !== null && estimate > FROM_CACHE_ABOVE) {
      const fineWidth = (fine.span.to - fine.span.from) / FINE_BINS;
      // The cached bins serve when they are finer than what was asked for; counts are then
      // pro-rated at the window's edges (fractional), and the total is an estimate.
      if (fineWidth * 2 <= (span.to - span.from) / bins) return { mode: 'bins', axis, span, total: Math.round(estimate), estimated: true, counts: rebin(fine, span, bins).counts };
    }
    if (estimate !== null && estimate > limit * 4) {
      const counts = this.histogram(run, axis, span, bins, estimate).counts;
      return { mode: 'bins', axis, span, total: counts.reduce((n, row) => n + row.reduce((x, y) => x + y, 0), 0), counts };
    }
    const total = this.count(run, axis, span);
    if (total > limit) return { mode: 'bins', axis, span, total, counts: this.histogram(run, axis, span, bins, total).counts };
    const a = AXIS_SQL[axis];
    const cols = `e.id, e.node, e.seq, e.kind, e.wall_ms, e.lamport, e.vclock, e.msg, e.label`;
    const sql =
      axis === 'causal'
        ? `SELECT ${cols} FROM event_past t JOIN events e ON e.run = t.run AND e.id = t.id WHERE t.run = ? AND ${a.v} BETWEEN ? AND ? ORDER BY t.past LIMIT ?`
        : `SELECT ${cols} FROM events e WHERE e.run = ? AND ${a.v.replace('t.', 'e.')} BETWEEN ? AND ? ORDER BY ${a.v.replace('t.', 'e.')} LIMIT ?`;
    const rows = this.db.prepare(sql).all(run, span.from, span.to, limit) as EventRow[];
    const lanes = this.laneIndex(run);
    const events = rows.map((r) => toWindowEvent(r, lanes));
    return { mode: 'events', axis, span, total, events, messages: this.messagesOf(run, axis, events, lanes) };
  }

  private implied = new Map<string, { events: number; edges: { msg: string; send_id: number; recv_id: number }[]; byId: Map<number, number[]> }>();

  /** The direct cross-node edges the vector clocks imply (imported logs without message ids), cached per run. */
  private impliedEdges(run: string, events: WindowEvent[]): { msg: string; send_id: number; recv_id: number }[] {
    const count = this.eventCount(run);
    let hit = this.implied.get(run);
    if (!hit || hit.events !== count) {
      hit = { events: count, edges: [], byId: new Map() };
      if (count <= CLOCK_EDGES_MAX_EVENTS) {
        const rows = this.db.prepare(`SELECT id, node, seq, kind, wall_ms, lamport, vclock, msg FROM events WHERE run = ? ORDER BY id`).all(run) as EventRow[];
        const all: CausalEvent[] = rows.map((r) => ({ id: r.id, node: r.node, seq: r.seq, kind: r.kind, wall_ms: r.wall_ms, lamport: r.lamport, vclock: JSON.parse(r.vclock), msg: r.msg }));
        try {
          clockEdges(buildCausalIndex(all)).forEach((edge, k) => {
            const e = { msg: `clock:${k + 1}`, send_id: all[edge.from].id, recv_id: all[edge.to].id };
            hit!.edges.push(e);
            for (const id of [e.send_id, e.recv_id]) {
              const list = hit!.byId.get(id) ?? [];
              list.push(hit!.edges.length - 1);
              hit!.byId.set(id, list);
            }
          });
        } catch {
          // Clocks that cannot be analysed draw no implied edges.
        }
      }
      this.implied.set(run, hit);
    }
    const picked = new Set<number>();
    for (const e of events) for (const k of hit.byId.get(e.id) ?? []) picked.add(k);
    return [...picked].map((k) => hit!.edges[k]);
  }

  /** Arrows for the messages sent or received by the given events (the other end may lie outside). */
  private messagesOf(run: string, axis: Axis, events: WindowEvent[], lanes: Map<string, number>): PlotMessage[] {
    const hasMessages = this.db.prepare(`SELECT 1 FROM messages WHERE run = ? LIMIT 1`).get(run) !== undefined;
    const ids = events.filter((e) => e.msg != null && (e.kind === 'send' || e.kind === 'receive')).map((e) => e.msg!);
    const msgs: { msg: string; send_id: number | null; recv_id: number | null }[] = hasMessages ? [] : this.impliedEdges(run, events);
    if (!msgs.length && !ids.length) return [];
    const uniq = [...new Set(ids)];
    for (let i = 0; i < uniq.length; i += 500) {
      const part = uniq.slice(i, i + 500);
      msgs.push(
        ...(this.db
          .prepare(`SELECT msg, send_id, recv_id FROM messages WHERE run = ? AND send_id IS NOT NULL AND recv_id IS NOT NULL AND msg IN (${part.map(() => '?').join(',')})`)
          .all(run, ...part) as typeof msgs),
      );
    }
    const known = new Map(events.map((e) => [e.id, e]));
    const missing = new Set<number>();
    for (const m of msgs) {
      if (!known.has(m.send_id!)) missing.add(m.send_id!);
      if (!known.has(m.recv_id!)) missing.add(m.recv_id!);
    }
    const more = [...missing];
    for (let i = 0; i < more.length; i += 500) {
      const part = more.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT id, node, seq, kind, wall_ms, lamport, vclock, msg, label FROM events WHERE run = ? AND id IN (${part.map(() => '?').join(',')})`)
        .all(run, ...part) as EventRow[];
      for (const r of rows) known.set(r.id, toWindowEvent(r, lanes));
    }
    const at = (e: WindowEvent) => (axis === 'wall' ? e.wall : axis === 'lamport' ? e.lamport : e.causal);
    const out: PlotMessage[] = [];
    for (const m of msgs) {
      const s = known.get(m.send_id!);
      const r = known.get(m.recv_id!);
      if (!s || !r) continue;
      out.push({
        msg: m.msg,
        send: s.id,
        recv: r.id,
        sendLane: s.lane,
        recvLane: r.lane,
        sendAt: at(s),
        recvAt: at(r),
        inversion: s.wall != null && r.wall != null && r.wall < s.wall,
      });
    }
    return out;
  }

  cone(run: string, id: number): ConeResult {
    const ev = this.db.prepare(`SELECT node, seq, vclock FROM events WHERE run = ? AND id = ?`).get(run, id) as { node: string; seq: number; vclock: string } | undefined;
    if (!ev) throw new LabError(`no event ${id} in run ${run}`);
    const maxSeq = this.db.prepare(`SELECT max(seq) FROM events WHERE run = ? AND node = ?`).pluck();
    const lengths = new Map(this.nodesOf(run).map((n) => [n, (maxSeq.get(run, n) as number | null) ?? 0]));
    const clockAt = this.db.prepare(`SELECT vclock FROM events WHERE run = ? AND node = ? AND seq = ?`).pluck();
    const cone = causalCone(
      {
        nodes: [...lengths.keys()],
        length: (n) => lengths.get(n) ?? 0,
        clock: (n, s) => JSON.parse((clockAt.get(run, n, s) as string | undefined) ?? '{}'),
      },
      ev.node,
      ev.seq,
      JSON.parse(ev.vclock),
    );
    const posAt = this.db.prepare(`SELECT wall_ms, lamport, vclock FROM events WHERE run = ? AND node = ? AND seq = ?`);
    const pos = (node: string, seq: number): AxisPosition | null => {
      const r = posAt.get(run, node, seq) as { wall_ms: number | null; lamport: number; vclock: string } | undefined;
      return r ? { wall: r.wall_ms, lamport: r.lamport, causal: pastSize(JSON.parse(r.vclock)) } : null;
    };
    const frontier: ConeResult['frontier'] = {};
    for (const n of lengths.keys()) {
      const p = cone.pastMaxSeq[n];
      const f = cone.futureMinSeq[n];
      frontier[n] = { past: p > 0 ? pos(n, p) : null, future: f <= (lengths.get(n) ?? 0) ? pos(n, f) : null };
    }
    return { ...cone, id, at: pos(ev.node, ev.seq)!, frontier };
  }
}

function toWindowEvent(r: EventRow, lanes: Map<string, number>): WindowEvent {
  const vclock = JSON.parse(r.vclock) as VClock;
  let s = 0;
  for (const k in vclock) s += vclock[k];
  return {
    id: r.id,
    node: r.node,
    lane: lanes.get(r.node) ?? 0,
    seq: r.seq,
    kind: r.kind,
    wall: r.wall_ms,
    lamport: r.lamport,
    causal: s - 1,
    msg: r.msg,
    label: r.label,
    vclock,
  };
}
