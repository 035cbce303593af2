/**
 * Recording throughput: events per second end to end (node processes → channel →
 * main → BatchWriter → SQLite) against a raw better-sqlite3 batched insert of the
 * very same rows into the same schema, in this process. Run: npx tsx bench/runtime-record.ts
 */
import { join } from 'node:path';
import type { EventRow } from '../main/store/rows';
import { Lab } from '../main/lab/lab';
import { Store } from '../main/store';
import { exp, fmt, loadLine, tempStore } from './runtime-util';

const NODES = Number(process.env.NODES ?? 4);
const DURATION_MS = Number(process.env.DURATION_MS ?? 6000);

/** Events per second of one end-to-end run, and its rows. */
async function endToEnd(t: ReturnType<typeof tempStore>): Promise<{ perS: number; events: number; durationMs: number; run: string }> {
  const experiment = exp({ scenario: 'flood', nodes: NODES, durationMs: DURATION_MS, options: { tickMs: 2, eventsPerTick: 400 } });
  const lab = await Lab.start({ store: t.store, experiment });
  const res = await lab.done;
  return { perS: res.events / (res.durationMs / 1000), events: res.events, durationMs: res.durationMs, run: res.run };
}

async function main(): Promise<void> {
  const t = tempStore();
  try {
    // Best of 3 on both sides: the machine's load changes from second to second.
    const runs = [await endToEnd(t), await endToEnd(t), await endToEnd(t)];
    const res = runs.reduce((a, b) => (b.perS > a.perS ? b : a));
    const e2e = res.perS;
    const experiment = { nodes: Array.from({ length: NODES }, (_, i) => `n${i + 1}`) };

    const rows = t.store.db.prepare('SELECT * FROM events WHERE run = ? ORDER BY id').all(res.run) as EventRow[];
    const raw = new Store(join(t.dir, 'raw.db'));
    raw.createRun({ id: 'raw', scenario: 'flood', nodes: experiment.nodes });
    const ins = raw.db.prepare(
      `INSERT INTO events (run, id, node, seq, kind, wall_ms, mono_ns, ref_ms, lamport, vclock, msg, peer, label, data)
       VALUES (@run, @id, @node, @seq, @kind, @wall_ms, @mono_ns, @ref_ms, @lamport, @vclock, @msg, @peer, @label, @data)`,
    );
    const batch = raw.db.transaction((slice: EventRow[]) => {
      for (const r of slice) ins.run({ ...r, run: 'raw' });
    });
    let rawRate = 0;
    for (let k = 0; k < 3; k++) {
      raw.db.prepare(`DELETE FROM events WHERE run = 'raw'`).run();
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += 4000) batch(rows.slice(i, i + 4000));
      rawRate = Math.max(rawRate, rows.length / ((performance.now() - t0) / 1000));
    }
    raw.close();

    console.log(`recording, ${NODES} node processes, flood scenario, ${DURATION_MS} ms per run, best of 3 each; ${loadLine()}`);
    console.log(`  end to end : ${fmt(res.events)} events in ${(res.durationMs / 1000).toFixed(2)} s = ${fmt(e2e)} events/s (runs: ${runs.map((r) => fmt(r.perS)).join(', ')})`);
    console.log(`  raw insert : the same ${fmt(rows.length)} rows = ${fmt(rawRate)} rows/s (better-sqlite3 in this process, same schema and indexes, transactions of 4000)`);
    console.log(`  ratio      : ${(e2e / rawRate).toFixed(2)}× (target ≥ 0.5×)`);
    console.log(JSON.stringify({ bench: 'runtime-record', nodes: NODES, durationMs: res.durationMs, events: res.events, e2ePerS: e2e, e2eRuns: runs.map((r) => r.perS), rawPerS: rawRate, ratio: e2e / rawRate }));
  } finally {
    t.done();
  }
}

void main();
