import type Database from 'better-sqlite3';
import type { ConeResult, Progress, RunBounds, WindowEvent, WindowQuery, WindowResult } from '../../shared/api';
import type { VClock } from '../../shared/events';
import { buildCausalIndex, clockEdges, type CausalEvent } from '../../shared/causality';
import { causalCone, rebin, type Axis, type LaneBins, type PlotMessage, type Span } from '../../shared/layout';
import { LabError } from '../store';

/** Bins of the cached whole-run histogram per lane and axis. */
const FINE_BINS = 4096;
/** Windows holding more events than this are answered from the cached histogram. */
const FROM_CACHE_ABOVE = 150_000;
/** Runs without message ids get the edges their clocks imply, up to this many events. */
const CLOCK_EDGES_MAX_EVENTS = 200_000;
/** Rows per chunk while filling the causal-past table (the event loop runs between chunks). */
const PAST_CHUNK = 50_000;

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
    const wall = this.db.prepare(`SELECT min(wall_ms) AS a, max(wall_ms) AS b FROM events WHERE run = ? AND wall_ms IS NOT NULL`).get(run) as { a: number | null; b: number | null };
    const lam = this.db.prepare(`SELECT min(lamport) AS a, max(lamport) AS b FROM events WHERE run = ?`).get(run) as { a: number | null; b: number | null };
    const refAt = (dir: 'ASC' | 'DESC') => this.db.prepare(`SELECT ref_ms FROM events WHERE run = ? ORDER BY id ${dir} LIMIT 1`).pluck().get(run) as number | null | undefined;
    const ref = { a: refAt('ASC') ?? null, b: refAt('DESC') ?? null };
    let causal: Span | null = null;
    if (this.pastReady(run)) {
      const c = this.db.prepare(`SELECT min(past) AS a, max(past) AS b FROM event_past WHERE run = ?`).get(run) as { a: number | null; b: number | null };
      causal = { from: c.a ?? 0, to: c.b ?? 0 };
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

  private pastReady(run: string): boolean {
    const job = this.jobs.get(run);
    if (job?.running) return false;
    return this.pastCount(run) === this.eventCount(run);
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
    const read = this.db.prepare(`SELECT id, node, vclock FROM events WHERE run = ? AND id > ? ORDER BY id LIMIT ?`);
    const write = this.db.prepare(`INSERT OR REPLACE INTO event_past (run, id, past, node) VALUES (?, ?, ?, ?)`);
    let after = (this.db.prepare(`SELECT max(id) FROM event_past WHERE run = ?`).pluck().get(run) as number | null) ?? 0;
    const j = job;
    const chunk = () => {
      try {
        const rows = read.all(run, after, PAST_CHUNK) as { id: number; node: string; vclock: string }[];
        this.db.transaction(() => {
          for (const r of rows) {
            const vc = JSON.parse(r.vclock) as VClock;
            let s = 0;
            for (const k in vc) s += vc[k];
            write.run(run, r.id, s - 1, r.node);
          }
        })();
        j.done += rows.length;
        if (rows.length) after = rows[rows.length - 1].id;
        if (rows.length < PAST_CHUNK) {
          j.running = false;
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

  /** Per-lane histogram of a span, straight from the covering index. */
  private histogram(run: string, axis: Axis, span: Span, bins: number): LaneBins {
    const a = AXIS_SQL[axis];
    const lanes = this.laneIndex(run);
    const w = span.to - span.from;
    const scale = w > 0 ? bins / w : 0;
    const rows = this.db
      .prepare(
        `SELECT t.node AS node, min(@last, CAST((${a.v} - @from) * @scale AS INTEGER)) AS b, count(*) AS n
         FROM ${a.from} WHERE t.run = @run AND ${a.v} BETWEEN @from AND @to GROUP BY t.node, b`,
      )
      .all({ run, from: span.from, to: span.to, last: bins - 1, scale }) as { node: string; b: number; n: number }[];
    const counts = Array.from({ length: lanes.size }, () => new Array<number>(bins).fill(0));
    for (const r of rows) {
      const lane = lanes.get(r.node);
      if (lane !== undefined && r.b >= 0 && r.b < bins) counts[lane][r.b] += r.n;
    }
    return { span, counts };
  }

  /** The whole-run histogram of one axis, cached until the run grows. */
  private fineHistogram(run: string, axis: Axis, ext: Span): LaneBins {
    const key = `${run}|${axis}`;
    const events = this.eventCount(run);
    const hit = this.fine.get(key);
    if (hit && hit.events === events) return hit.bins;
    const bins = this.histogram(run, axis, ext, FINE_BINS);
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
    const total = this.count(run, axis, span);
    if (total > limit) {
      if (total > FROM_CACHE_ABOVE) {
        const ext = this.extent(run, axis);
        if (ext) {
          const fine = this.fineHistogram(run, axis, { from: ext.from, to: ext.to + (ext.to - ext.from) * 1e-9 + 1e-9 });
          const fineWidth = (fine.span.to - fine.span.from) / FINE_BINS;
          // Only when the cached bins are finer than what was asked for.
          if (fineWidth * 2 <= (span.to - span.from) / bins) return { mode: 'bins', axis, span, total, counts: rebin(fine, span, bins).counts };
        }
      }
      return { mode: 'bins', axis, span, total, counts: this.histogram(run, axis, span, bins).counts };
    }
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
    return { ...cone, id };
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
