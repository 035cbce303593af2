/**
 * `coordlab run` and `coordlab replay` through the real binary: bad experiments are
 * refused before anything starts, --json output, Ctrl-C, kill -9 of the lab (no
 * orphans, the run becomes interrupted and keeps its events), replay pacing.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import type { LabEvent } from '../../shared/events';
import { cli, startCli, stopChild } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { alive, childPids, until } from './runtime-helpers';

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 'lab.db');
});
afterEach(() => t.cleanup());

/** How many committed events of `run` match `pred` (read-only, beside the recording lab). */
function committed(db: string, run: string, pred: (e: LabEvent) => boolean): number {
  const store = new Store(db, { readonly: true });
  try {
    return store.summary(run) ? store.allEvents(run).filter(pred).length : 0;
  } finally {
    store.close();
  }
}

describe('coordlab run', () => {
  it('refuses an invalid experiment with one line per problem, exit 2, and starts nothing', () => {
    const r = cli(['run', 'causality', '--db', db, '--nodes', '65', '--delay', 'uniform:-5ms..10ms', '--drift', 'n1=+1000000000ppm']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('coordlab: '))).toBe(true);
    expect(lines[0]).toMatch(/65/);
    expect(lines[1]).toMatch(/negative/);
    expect(lines[2]).toMatch(/ppm/);
    const p = cli(['run', 'causality', '--db', db, '--nodes', '5', '--partition', 'n1,n99@1s..2s']);
    expect(p.code).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(/unknown node n99/);
    const runs = cli(['runs', '--json', '--db', db]);
    expect(JSON.parse(runs.stdout)).toEqual([]);
  });

  it('refuses an unknown scenario and a scenario with the wrong node count', () => {
    const a = cli(['run', 'nosuch', '--db', db]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown scenario 'nosuch'/);
    const b = cli(['run', 'vclock-figure', '--nodes', '4', '--db', db]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/exactly 3 nodes/);
  });

  it('--json prints one object with run, events and status; replay prints the events in order', () => {
    const r = cli(['run', 'causality', '--nodes', '3', '--duration', '1s', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ run: expect.any(String), status: 'done', events: expect.any(Number) });
    expect(out.events).toBeGreaterThan(20);

    const started = performance.now();
    const rep = cli(['replay', out.run, '--speed', '2', '--db', db]);
    const tookMs = performance.now() - started;
    expect(rep.code).toBe(0);
    const lines = rep.stdout.trim().split('\n');
    expect(lines.length).toBe(out.events);
    expect(lines[0]).toMatch(/^\+0\.000s lab #1 local/);
    // A 1 s run at 2× takes about half a second to replay (plus CLI start).
    expect(tookMs).toBeGreaterThan(450);
    const json = cli(['replay', out.run, '--speed', 'max', '--json', '--db', db]);
    expect(json.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(lines.map((_, i) => i + 1));

    for (const bad of ['0', '-1', 'fast']) {
      const b = cli(['replay', out.run, '--speed', bad, '--db', db]);
      expect(b.code).toBe(2);
      expect(b.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('Ctrl-C stops the run cleanly: status stopped, no node left', async () => {
    const { child, match } = await startCli(['run', 'causality', '--nodes', '3', '--duration', '60s', '--db', db], /run (\S+): 3 nodes running/);
    const nodes = childPids(child.pid!);
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    // Let it record something first: wait for committed events, with a deadline.
    expect(await until(() => committed(db, match[1], () => true) > 10, 15_000)).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(out).toMatch(/status\s+stopped/);
    expect(await until(() => nodes.every((p) => !alive(p)), 3000)).toBe(true);
    const store = new Store(db);
    expect(store.summary(match[1])).toMatchObject({ status: 'stopped' });
    store.close();
  });

  it('kill -9 of the lab leaves no node process (not even a SIGSTOPped one) and the run is marked interrupted on next open', async () => {
    const { child, match } = await startCli(['run', 'causality', '--nodes', '4', '--duration', '60s', '--pause', 'n2@200ms+50s', '--db', db], /run (\S+): 4 nodes running/);
    try {
      // Wait for the pause to bite (its event committed) and for other events to commit.
      expect(await until(() => committed(db, match[1], (e) => e.kind === 'pause') > 0 && committed(db, match[1], () => true) > 20, 15_000)).toBe(true);
      const nodes = childPids(child.pid!).filter((p) => alive(p));
      expect(nodes.length).toBeGreaterThanOrEqual(5); // 4 nodes + the reaper
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGKILL');
      // Reaped, so its pid is really gone (a zombie would still look alive to the store).
      await exited;
      const gone = await until(() => nodes.every((p) => !alive(p)), 5000);
      expect(nodes.filter((p) => alive(p))).toEqual([]);
      expect(gone).toBe(true);
      const store = new Store(db);
      const s = store.summary(match[1])!;
      expect(s.status).toBe('interrupted');
      expect(s.events).toBeGreaterThan(0);
      expect(store.allEvents(match[1]).length).toBe(s.events);
      store.close();
    } finally {
      await stopChild(child, 100);
    }
  });
});
