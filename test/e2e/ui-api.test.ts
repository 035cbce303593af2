/**
 * The LabApi methods behind the orderings view and the runs library, called on a
 * LabService over a real store (no browser): window queries against counts done
 * the slow way, the cone against the in-memory oracle, the causal axis, export and
 * import, and the errors callers get for bad arguments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabService } from '../../main/api/lab-service';
import { Store } from '../../main/store';
import { generateRun } from '../../bench/analyze-gen';
import type { LabEvent } from '../../shared/events';
import { causalCone, coneRelation, memoryClockSource } from '../../shared/layout';
import { REPO } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { vectorClockExample } from './ui-fixtures';

const BIG = 60_000; // above the size where the service keeps whole-run bins

async function until<T>(what: string, probe: () => Promise<T | null>, deadlineMs = 20_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`${what} not within ${deadlineMs} ms`);
    await new Promise((r) => setImmediate(r)); // let the service's chunks run
  }
}

describe('LabApi for the orderings view', () => {
  const t = tempDir();
  let store: Store;
  let api: LabService;
  let small: string;
  let big: string;
  let bigEvents: LabEvent[];

  beforeAll(() => {
    store = new Store(join(t.dir, 'lab.db'));
    api = new LabService(store);
    small = vectorClockExample(store);
    const gen = generateRun(BIG, 6, 'ui-api');
    big = store.createRun({ scenario: 'generated', nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'] }).run;
    bigEvents = store.appendEvents(big, gen.map(({ run: _r, id: _id, ...e }) => e));
    store.finishRun(big, 'done');
  });
  afterAll(() => {
    store.close();
    t.cleanup();
  });

  it('runBounds gives each axis its extent and the recorded duration', async () => {
    const b = await api.runBounds(small);
    expect(b.nodes).toEqual(['n1', 'n2', 'n3']);
    expect(b.events).toBe(6);
    expect(b.wall!.to - b.wall!.from).toBe(30);
    expect(b.lamport).toEqual({ from: 1, to: 5 });
    expect(b.durationMs).toBe(45);
  });

  it('a small window returns its events with arrows; a big one per-lane bins whose totals are the real counts', async () => {
    const b = await api.runBounds(big);
    const walls = bigEvents.map((e) => e.wall_ms!);
    const from = b.wall!.from + (b.wall!.to - b.wall!.from) * 0.4;
    const narrow = { from, to: from + (b.wall!.to - b.wall!.from) / 200 };
    const inNarrow = walls.filter((w) => w >= narrow.from && w <= narrow.to).length;
    const w1 = await api.eventsInWindow(big, { axis: 'wall', ...narrow, limit: 5000 });
    expect(w1.mode).toBe('events');
    if (w1.mode !== 'events') return;
    expect(w1.events).toHaveLength(inNarrow);
    expect(w1.total).toBe(inNarrow);
    for (const m of w1.messages) {
      const s = bigEvents[m.send - 1];
      const r = bigEvents[m.recv - 1];
      expect([s.kind, r.kind, s.msg]).toEqual(['send', 'receive', r.msg]);
      expect(m.inversion).toBe(r.wall_ms! < s.wall_ms!);
    }
    // The same window with a low limit: bins, per lane, summing to the per-node counts.
    const w2 = await api.eventsInWindow(big, { axis: 'wall', ...narrow, limit: 10, bins: 7 });
    expect(w2.mode).toBe('bins');
    if (w2.mode !== 'bins') return;
    b.nodes.forEach((n, lane) => {
      const want = bigEvents.filter((e) => e.node === n && e.wall_ms! >= narrow.from && e.wall_ms! <= narrow.to).length;
      expect(w2.counts[lane].reduce((x, y) => x + y, 0)).toBe(want);
    });
    expect(w2.estimated).toBeUndefined();
    // The whole run on the Lamport axis: counted through range queries, exact.
    const w3 = await api.eventsInWindow(big, { axis: 'lamport', from: b.lamport.from, to: b.lamport.to, bins: 50 });
    expect(w3.mode).toBe('bins');
    if (w3.mode !== 'bins') return;
    expect(w3.estimated).toBeUndefined();
    expect(w3.total).toBe(BIG);
    expect(w3.counts.flat().reduce((x, y) => x + y, 0)).toBe(BIG);
    // The whole-run bins are kept in the database: a new service (a restarted serve) reads them back.
    expect((store.db.prepare(`SELECT axis FROM axis_bins WHERE run = ? ORDER BY axis`).pluck().all(big) as string[])).toEqual(['lamport', 'wall']);
    const again = await new LabService(store).eventsInWindow(big, { axis: 'lamport', from: b.lamport.from, to: b.lamport.to, bins: 50 });
    expect(again).toEqual(w3);
  });

  it('the causal axis is computed once, with progress, as each event’s causal-past size', async () => {
    const first = await api.eventsInWindow(big, { axis: 'causal', from: 0, to: 100 });
    expect(first.mode).toBe('pending');
    const p = await until('causal axis ready', async () => {
      const r = await api.prepareCausal(big);
      expect(r.progress).toBeGreaterThanOrEqual(0);
      expect(r.progress).toBeLessThanOrEqual(1);
      return r.done ? r : null;
    });
    expect(p.progress).toBe(1);
    const b = await api.runBounds(big);
    const sizes = bigEvents.map((e) => Object.values(e.vclock).reduce((x, y) => x + y, 0) - 1);
    expect(b.causal).toEqual({ from: Math.min(...sizes), to: Math.max(...sizes) });
    const w = await api.eventsInWindow(big, { axis: 'causal', from: 100, to: 160, limit: 5000 });
    expect(w.mode).toBe('events');
    if (w.mode !== 'events') return;
    expect(w.events.map((e) => e.id).sort((x, y) => x - y)).toEqual(bigEvents.filter((_, i) => sizes[i] >= 100 && sizes[i] <= 160).map((e) => e.id));
    for (const e of w.events) expect(e.causal).toBe(sizes[e.id - 1]);
  });

  it('causalCone matches the in-memory cone and gives each lane its frontier', async () => {
    const oracle = memoryClockSource(bigEvents);
    for (const id of [1, 777, 30_000, BIG]) {
      const e = bigEvents[id - 1];
      const c = await api.causalCone(big, id);
      const want = causalCone(oracle, e.node, e.seq, e.vclock);
      expect([c.past, c.future, c.concurrent]).toEqual([want.past, want.future, want.concurrent]);
      expect(c.at.lamport).toBe(e.lamport);
      for (const n of ['n1', 'n2', 'n3', 'n4', 'n5', 'n6']) {
        const last = c.frontier[n].past;
        if (last) expect(coneRelation(want, n, want.pastMaxSeq[n])).toBe('past');
        else expect(want.pastMaxSeq[n]).toBe(0);
      }
    }
    await expect(api.causalCone(big, BIG + 1)).rejects.toThrow(/no event/);
  });

  it('exports a run in every format and imports the ShiViz fixture as one run', async () => {
    const jsonl = await api.exportRun(small, 'jsonl');
    expect(jsonl.filename).toBe('vector-clock-example.jsonl');
    expect(jsonl.text.trim().split('\n').map((l) => JSON.parse(l).label)).toEqual(['A', 'B', 'E', 'C', 'D', 'F']);
    expect((await api.exportRun(small, 'csv')).text.split('\n')[0]).toContain('wall_ms');
    expect((await api.exportRun(small, 'shiviz')).text).toContain('=== vector clock example ===');
    expect(JSON.parse((await api.exportRun(small, 'perfetto')).text).traceEvents.length).toBeGreaterThan(6);
    await expect(api.exportRun(small, 'xml' as never)).rejects.toThrow(/format must be one of/);

    const text = readFileSync(join(REPO, 'test', 'fixtures', 'shiviz', 'rpc-client-server.log'), 'utf8');
    const { runs } = await api.importLog('rpc-client-server.log', text);
    expect(runs).toHaveLength(1);
    expect(runs[0].events).toBe(10);
    expect((await api.getRun(runs[0].run))!.status).toBe('imported');
    // Re-import of our own export round-trips the events.
    const back = await api.importLog('again.jsonl', jsonl.text);
    expect(back.runs[0].events).toBe(6);
  });

  it('refuses bad arguments with a message naming them', async () => {
    await expect(api.eventsInWindow(small, { axis: 'sideways' as never, from: 0, to: 1 })).rejects.toThrow(/axis must be one of wall, lamport, causal/);
    await expect(api.eventsInWindow(small, { axis: 'wall', from: 2, to: 1 })).rejects.toThrow(/from <= to/);
    await expect(api.causalCone(small, 1.5)).rejects.toThrow(/id must be an integer/);
    await expect(api.importLog('x.log', 'garbage without clocks')).rejects.toThrow(/x\.log/);
    await expect(api.runBounds('nope')).rejects.toThrow(/no run 'nope'/);
  });
});
