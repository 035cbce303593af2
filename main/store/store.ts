import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { EventQuery, EventPage, RunQuery } from '../../shared/api';
import type { LabEvent, NewEvent, RunDetail, RunStatus, RunSummary } from '../../shared/events';
import { LabError } from './errors';
import { openDatabase, type OpenOptions } from './open';
import { detailFromRow, eventFromRow, summaryFromRow, type EventRow, type RunRow } from './rows';

export interface NewRun {
  /** Run id; generated (sortable by start time) when left out. */
  id?: string;
  label?: string;
  scenario: string;
  status?: RunStatus;
  nodes?: string[];
  experiment?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  startedAt?: Date;
}

/** Makes a run id that sorts by start time: `20261126-003512-7f3a`. */
export function newRunId(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * The lab's SQLite store: runs, nodes, events and messages. All writes of one
 * `appendEvents` call are one transaction with prepared statements.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;
  private nextId = new Map<string, number>();
  private stmts: ReturnType<Store['prepare']>;

  constructor(path: string, opts: OpenOptions = {}) {
    this.path = path;
    this.db = openDatabase(path, opts);
    this.stmts = this.prepare();
    if (!opts.readonly) this.markInterrupted();
  }

  private prepare() {
    const db = this.db;
    return {
      // Positional parameters: measurably cheaper to bind than named ones on the hot path.
      insertEvent: db.prepare(
        `INSERT INTO events (run, id, node, seq, kind, wall_ms, mono_ns, ref_ms, lamport, vclock, msg, peer, label, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      msgSend: db.prepare(
        `INSERT INTO messages (run, msg, src, dst, send_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(run, msg) DO UPDATE SET send_id = excluded.send_id, src = excluded.src, dst = coalesce(messages.dst, excluded.dst)`,
      ),
      msgRecv: db.prepare(
        `INSERT INTO messages (run, msg, src, dst, recv_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(run, msg) DO UPDATE SET recv_id = coalesce(messages.recv_id, excluded.recv_id), dst = excluded.dst`,
      ),
      msgDrop: db.prepare(
        `INSERT INTO messages (run, msg, src, dst, drop_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(run, msg) DO UPDATE SET drop_id = excluded.drop_id`,
      ),
      bumpCount: db.prepare(`UPDATE runs SET events = events + ? WHERE id = ?`),
      getRun: db.prepare(`SELECT * FROM runs WHERE id = ?`),
      maxId: db.prepare(`SELECT max(id) AS m FROM events WHERE run = ?`),
    };
  }

  /** Runs left `running` by a lab process that is gone become `interrupted`; their events stay. */
  markInterrupted(): string[] {
    const rows = this.db.prepare(`SELECT id, owner_pid, owner_host FROM runs WHERE status = 'running'`).all() as RunRow[];
    const host = hostname();
    const dead = rows.filter((r) => r.owner_host === host && r.owner_pid != null && r.owner_pid !== process.pid && !alive(r.owner_pid));
    const mark = this.db.prepare(`UPDATE runs SET status = 'interrupted', ended_at = coalesce(ended_at, ?) WHERE id = ?`);
    const now = new Date().toISOString();
    for (const r of dead) mark.run(now, r.id);
    return dead.map((r) => r.id);
  }

  createRun(r: NewRun): RunSummary {
    const id = r.id ?? newRunId(r.startedAt);
    const nodes = r.nodes ?? [];
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, label, scenario, status, started_at, experiment, meta, nodes, owner_pid, owner_host)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          r.label ?? `${r.scenario} ${id}`,
          r.scenario,
          r.status ?? 'running',
          (r.startedAt ?? new Date()).toISOString(),
          JSON.stringify(r.experiment ?? {}),
          JSON.stringify(r.meta ?? {}),
          JSON.stringify(nodes),
          process.pid,
          hostname(),
        );
      const ins = this.db.prepare(`INSERT INTO nodes (run, name, idx) VALUES (?, ?, ?)`);
      nodes.forEach((n, i) => ins.run(id, n, i));
    })();
    this.nextId.set(id, 1);
    return this.summary(id)!;
  }

  /** Adds nodes a run learns about later (e.g. while importing). */
  addNodes(run: string, nodes: string[]): void {
    const row = this.requireRow(run);
    const known: string[] = JSON.parse(row.nodes);
    const fresh = nodes.filter((n) => !known.includes(n));
    if (!fresh.length) return;
    const all = [...known, ...fresh];
    this.db.transaction(() => {
      const ins = this.db.prepare(`INSERT INTO nodes (run, name, idx) VALUES (?, ?, ?)`);
      fresh.forEach((n, i) => ins.run(run, n, known.length + i));
      this.db.prepare(`UPDATE runs SET nodes = ? WHERE id = ?`).run(JSON.stringify(all), run);
    })();
  }

  /**
   * Appends a batch of events to a run in one transaction; gives each its id.
   * Returns the stored events.
   */
  appendEvents(run: string, batch: readonly NewEvent[]): LabEvent[] {
    if (!batch.length) return [];
    let next = this.nextId.get(run);
    if (next === undefined) {
      this.requireRow(run);
      next = ((this.stmts.maxId.get(run) as { m: number | null }).m ?? 0) + 1;
    }
    const out: LabEvent[] = new Array(batch.length);
    const s = this.stmts;
    const first = next;
    this.db.transaction(() => {
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i];
        const id = first + i;
        s.insertEvent.run(
          run,
          id,
          e.node,
          e.seq,
          e.kind,
          e.wall_ms,
          e.mono_ns,
          e.ref_ms,
          e.lamport,
          JSON.stringify(e.vclock),
          e.msg,
          e.peer,
          e.label,
          e.data == null ? null : JSON.stringify(e.data),
        );
        if (e.msg != null) {
          if (e.kind === 'send') s.msgSend.run(run, e.msg, e.node, e.peer, id);
          else if (e.kind === 'receive') s.msgRecv.run(run, e.msg, e.peer ?? '', e.node, id);
          else if (e.kind === 'drop') s.msgDrop.run(run, e.msg, e.node, e.peer, id);
        }
        out[i] = {
          run,
          id,
          node: e.node,
          seq: e.seq,
          kind: e.kind,
          wall_ms: e.wall_ms,
          mono_ns: e.mono_ns,
          ref_ms: e.ref_ms,
          lamport: e.lamport,
          vclock: e.vclock,
          msg: e.msg,
          peer: e.peer,
          label: e.label,
          data: e.data,
        };
      }
      s.bumpCount.run(batch.length, run);
    })();
    this.nextId.set(run, first + batch.length);
    return out;
  }

  finishRun(run: string, status: RunStatus, meta?: Record<string, unknown>): RunSummary {
    const row = this.requireRow(run);
    const merged = meta ? JSON.stringify({ ...JSON.parse(row.meta), ...meta }) : row.meta;
    this.db.prepare(`UPDATE runs SET status = ?, ended_at = ?, meta = ? WHERE id = ?`).run(status, new Date().toISOString(), merged, run);
    return this.summary(run)!;
  }

  listRuns(q: RunQuery = {}): RunSummary[] {
    const limit = Math.max(1, Math.min(q.limit ?? 1000, 10000));
    let rows: RunRow[];
    if (q.search) {
      const like = `%${q.search.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
      rows = this.db
        .prepare(
          `SELECT * FROM runs WHERE id LIKE ?1 ESCAPE '\\' OR label LIKE ?1 ESCAPE '\\' OR scenario LIKE ?1 ESCAPE '\\'
           ORDER BY started_at DESC, id DESC LIMIT ?2`,
        )
        // better-sqlite3 binds numbered parameters (?1, ?2) by key, not by position.
        .all({ 1: like, 2: limit }) as RunRow[];
    } else {
      rows = this.db.prepare(`SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`).all(limit) as RunRow[];
    }
    return rows.map(summaryFromRow);
  }

  summary(run: string): RunSummary | null {
    const row = this.stmts.getRun.get(run) as RunRow | undefined;
    return row ? summaryFromRow(row) : null;
  }

  getRun(run: string): RunDetail | null {
    const row = this.stmts.getRun.get(run) as RunRow | undefined;
    return row ? detailFromRow(row) : null;
  }

  /**
   * Resolves what a user typed: a full id, `last` (the newest run), or an id
   * prefix that names exactly one run. Throws a LabError otherwise.
   */
  resolveRun(ref: string): string {
    if (ref === 'last' || ref === 'latest') {
      const r = this.db.prepare(`SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1`).get() as { id: string } | undefined;
      if (!r) throw new LabError(`no runs recorded yet in ${this.path}`);
      return r.id;
    }
    if (this.stmts.getRun.get(ref)) return ref;
    const like = `${ref.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    const rows = this.db.prepare(`SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' LIMIT 3`).all(like) as { id: string }[];
    if (rows.length === 1) return rows[0].id;
    if (rows.length > 1) throw new LabError(`run '${ref}' is ambiguous: ${rows.map((r) => r.id).join(', ')}…`);
    throw new LabError(`no run '${ref}' in ${this.path} (see 'coordlab runs')`);
  }

  events(run: string, q: EventQuery = {}): EventPage {
    const limit = Math.max(1, Math.min(q.limit ?? 1000, 10000));
    const afterId = q.afterId ?? 0;
    const where = ['run = ?', 'id > ?'];
    const args: unknown[] = [run, afterId];
    if (q.nodes?.length) {
      where.push(`node IN (${q.nodes.map(() => '?').join(',')})`);
      args.push(...q.nodes);
    }
    if (q.kinds?.length) {
      where.push(`kind IN (${q.kinds.map(() => '?').join(',')})`);
      args.push(...q.kinds);
    }
    const rows = this.db.prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`).all(...args, limit + 1) as EventRow[];
    const done = rows.length <= limit;
    const events = rows.slice(0, limit).map(eventFromRow);
    return { run, events, lastId: events.length ? events[events.length - 1].id : afterId, done };
  }

  /** Every event of a run in id order, streamed without holding all rows twice. */
  *iterateEvents(run: string): Generator<LabEvent> {
    const stmt = this.db.prepare(`SELECT * FROM events WHERE run = ? ORDER BY id`);
    for (const row of stmt.iterate(run) as Iterable<EventRow>) yield eventFromRow(row);
  }

  allEvents(run: string): LabEvent[] {
    return (this.db.prepare(`SELECT * FROM events WHERE run = ? ORDER BY id`).all(run) as EventRow[]).map(eventFromRow);
  }

  renameRun(run: string, label: string): RunSummary {
    const clean = label.trim();
    if (!clean) throw new LabError('a run label cannot be empty');
    if (clean.length > 200) throw new LabError('a run label is at most 200 characters');
    this.requireRow(run);
    this.db.prepare(`UPDATE runs SET label = ? WHERE id = ?`).run(clean, run);
    return this.summary(run)!;
  }

  deleteRun(run: string): boolean {
    const res = this.db.transaction(() => {
      this.db.prepare(`DELETE FROM events WHERE run = ?`).run(run);
      this.db.prepare(`DELETE FROM messages WHERE run = ?`).run(run);
      return this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(run).changes;
    })();
    this.nextId.delete(run);
    return res > 0;
  }

  /** Runs a function in one transaction (for importers that write many runs atomically). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private requireRow(run: string): RunRow {
    const row = this.stmts.getRun.get(run) as RunRow | undefined;
    if (!row) throw new LabError(`no run '${run}' in ${this.path}`);
    return row;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
