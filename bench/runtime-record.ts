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

async function main(): Promise<void> {
  const t = tempStore();
  try {
    const experiment = exp({ scenario: 'flood', nodes: NODES, durationMs: DURATION_MS, options: { tickMs: 2, eventsPerTick: 400 } });
    const lab = await Lab.start({ store: t.store, experiment });
    const res = await lab.done;
    const e2e = res.events / (res.durationMs / 1000);

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
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += 4000) batch(rows.slice(i, i + 4000));
    const rawRate = rows.length / ((performance.now() - t0) / 1000);
    raw.close();

    console.log(`recording, ${NODES} node processes, flood scenario, ${DURATION_MS} ms; ${loadLine()}`);
    console.log(`  end to end : ${fmt(res.events)} events in ${(res.durationMs / 1000).toFixed(2)} s = ${fmt(e2e)} events/s`);
    console.log(`  raw insert : ${fmt(rows.length)} rows = ${fmt(rawRate)} rows/s (better-sqlite3, same schema, batches of 4000)`);
    console.log(`  ratio      : ${(e2e / rawRate).toFixed(2)}× (target ≥ 0.5×)`);
    console.log(JSON.stringify({ bench: 'runtime-record', nodes: NODES, durationMs: res.durationMs, events: res.events, e2ePerS: e2e, rawPerS: rawRate, ratio: e2e / rawRate }));
  } finally {
    t.done();
  }
}

void main();
