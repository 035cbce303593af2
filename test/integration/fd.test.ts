/**
 * Issue 6 on real processes:
 * - every crash is detected within the detector's configured bound plus one network
 *   delay (the test waits for the suspect events with a deadline, then stops the run);
 * - detector parameters that make no sense are refused before the run starts (one
 *   line, exit 2, no run recorded);
 * - `analyze` prints the QoS table and `detectors` (with phi's threshold curve) in --json;
 * - `run fd --cause all`: slow, crashed and partitioned n2 all look alike (suspected by
 *   every detector), and only the crash leaves n2 suspected after the fault window;
 * - `run fd --compare`: one run per detector on the same seeded schedule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Lab } from '../../main/lab/lab';
import { Store } from '../../main/store';
import { backoffMs, DEFAULT_PING, elapsedForPhi } from '../../shared/detectors';
import type { LabEvent } from '../../shared/events';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { experiment, until } from './runtime-helpers';

let t: ReturnType<typeof tempDir>;
let db: string;
let fast: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 'lab.db');
  fast = join(t.dir, 'fast.json');
  writeFileSync(fast, JSON.stringify({ options: { pingIntervalMs: 200, pingTimeoutMs: 100, pingRetries: 1 } }));
});
afterEach(() => t.cleanup());

const TICK_MS = 10;
const NET_DELAY_MS = 5;
const trueMs = (e: LabEvent): number => Number(e.data?.true_ms ?? e.ref_ms);

describe('failure detectors on real processes', () => {
  it('every crash is detected within the configured bound plus one network delay', async () => {
    const exp = experiment('fd', { nodes: '3', duration: '8s', detectors: 'ping,heartbeat,phi', crash: ['n2@1s'], failures: 'crash-stop', delay: `constant:${NET_DELAY_MS}ms`, heartbeat: '100ms' });
    exp.options = { ...exp.options, fdTimeoutMs: 300, pingIntervalMs: 200, pingTimeoutMs: 100, pingRetries: 1 };
    const store = new Store(db);
    try {
      const lab = await Lab.start({ store, experiment: exp });
      const suspicions = (): LabEvent[] => store.allEvents(lab.run).filter((e) => e.kind === 'suspect' && e.data?.target === 'n2' && e.node !== 'n2');
      const crashed = (): LabEvent | undefined => store.allEvents(lab.run).find((e) => e.node === 'lab' && e.kind === 'crash');
      // Wait (deadline, not a sleep) until both watchers suspect n2 with all three detectors after the crash.
      const seen = await until(() => {
        const c = crashed();
        if (!c) return false;
        const after = suspicions().filter((e) => trueMs(e) >= trueMs(c));
        return new Set(after.map((e) => `${e.node}/${String(e.data?.detector)}`)).size === 6;
      }, 6000);
      await lab.stop('stopped');
      expect(seen, 'all 6 suspicions within the deadline').toBe(true);
      const events = store.allEvents(lab.run);
      const crash = events.find((e) => e.node === 'lab' && e.kind === 'crash')!;
      const ping = { ...DEFAULT_PING, intervalMs: 200, timeoutMs: 100, retries: 1 };
      const pingBoundMs = ping.intervalMs + (ping.retries + 1) * ping.timeoutMs + backoffMs(ping, 1) + TICK_MS;
      for (const watcher of ['n1', 'n3']) {
        const mine = events.filter((e) => e.node === watcher);
        const first = (det: string) => mine.find((e) => e.kind === 'suspect' && e.data?.target === 'n2' && e.data?.detector === det && trueMs(e) >= trueMs(crash))!;
        // heartbeat: the last heartbeat left before the crash, arrived ≤ one delay later; timeout after it, noticed on a tick.
        expect(trueMs(first('heartbeat')) - trueMs(crash), `${watcher} heartbeat`).toBeLessThanOrEqual(300 + TICK_MS + NET_DELAY_MS);
        // ping: at most one interval until the next round, then every attempt times out (with backoff between).
        expect(trueMs(first('ping')) - trueMs(crash), `${watcher} ping`).toBeLessThanOrEqual(pingBoundMs + NET_DELAY_MS);
        // phi: the fitted distribution at the last arrival before the crash says when phi reaches 8.
        const trace = mine.filter((e) => e.kind === 'state' && e.data?.detector === 'phi' && e.data?.target === 'n2' && trueMs(e) <= trueMs(first('phi'))).at(-1)!;
        const phiBoundMs = elapsedForPhi(8, Number(trace.data!.mean_ms), Number(trace.data!.std_ms)) + TICK_MS;
        expect(trueMs(first('phi')) - trueMs(crash), `${watcher} phi`).toBeLessThanOrEqual(phiBoundMs + NET_DELAY_MS);
      }
      store.close();
      // analyze: the QoS table, and `detectors` with one detection per watcher and phi's curve.
      const human = cli(['analyze', lab.run, '--db', db]);
      expect(human.stdout).toMatch(/DETECTOR\s+DETECTION MS/);
      expect(human.stdout).toMatch(/THRESHOLD\s+MEAN DETECTION MS/);
      const a = JSON.parse(cli(['analyze', lab.run, '--db', db, '--json']).stdout);
      const byName = Object.fromEntries((a.detectors as any[]).map((d) => [d.name, d]));
      for (const name of ['ping', 'heartbeat', 'phi']) {
        expect(byName[name].detection_ms, name).toHaveLength(2);
        expect(byName[name].detection_ms.every((x: number | null) => typeof x === 'number'), name).toBe(true);
        expect(byName[name]).toHaveProperty('mistakes');
        expect(byName[name]).toHaveProperty('mistake_ms');
      }
      const curve = byName.phi.phi_curve as { threshold: number; mean_detection_ms: number }[];
      expect(curve.length).toBeGreaterThan(5);
      // Detection time grows with the threshold.
      for (let i = 1; i < curve.length; i++) expect(curve[i].mean_detection_ms).toBeGreaterThanOrEqual(curve[i - 1].mean_detection_ms);
    } finally {
      store.close();
    }
  });

  it('refuses nonsense parameters before the run starts: one line each, exit 2, no run', () => {
    const cases: [string[], Record<string, number>, RegExp][] = [
      [['--heartbeat', '100ms'], { fdTimeoutMs: 100 }, /timeoutMs \(100\) must exceed intervalMs \(100\)/],
      [[], { phiWindow: 0 }, /windowSize must be an integer ≥ 1, got 0/],
      [[], { phiThreshold: 0 }, /threshold must be > 0, got 0/],
    ];
    for (const [flags, options, message] of cases) {
      const cfg = join(t.dir, 'bad.json');
      writeFileSync(cfg, JSON.stringify({ options }));
      const r = cli(['run', 'fd', '--db', db, '--config', cfg, ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(JSON.parse(cli(['runs', '--json', '--db', db]).stdout)).toEqual([]);
  });
});

describe('coordlab run fd --cause / --compare', () => {
  it('slow, crashed, partitioned n2: the same suspicion; only the crash is permanent', () => {
    const r = cli(['run', 'fd', '--db', db, '--json', '--config', fast, '--nodes', '3', '--duration', '3s', '--detectors', 'ping,heartbeat,phi', '--cause', 'all']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { target: string; runs: { cause: string; verdicts: { detector: string; suspected_by: string[]; suspected_at_end_by: string[] }[] }[] };
    expect(out.target).toBe('n2');
    expect(out.runs.map((x) => x.cause)).toEqual(['slow', 'crash', 'partition']);
    for (const run of out.runs) {
      expect(run.verdicts.map((v) => v.detector).sort()).toEqual(['heartbeat', 'phi', 'ping']);
      for (const v of run.verdicts) {
        expect(v.suspected_by, `${run.cause} ${v.detector}`).toEqual(['n1', 'n3']);
        expect(v.suspected_at_end_by, `${run.cause} ${v.detector}`).toEqual(run.cause === 'crash' ? ['n1', 'n3'] : []);
      }
    }
  });

  it('--compare: one run per detector on the same seeded schedule, QoS side by side', () => {
    const r = cli(['run', 'fd', '--db', db, '--config', fast, '--nodes', '3', '--duration', '2500ms', '--crash', 'n2@1s', '--failures', 'crash-stop', '--seed', '11', '--compare']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/detector=ping\s+\d+,\d+/);
    expect(r.stdout).toMatch(/detector=heartbeat\s+\d+,\d+/);
    expect(r.stdout).toMatch(/detector=phi\s+\d+,\d+/);
    const runs = JSON.parse(cli(['runs', '--json', '--db', db]).stdout) as { run: string }[];
    expect(runs).toHaveLength(3);
    const store = new Store(db, { readonly: true });
    try {
      const exps = runs.map((x) => store.getRun(x.run)!.experiment as { seed: number; faults: unknown[]; options: { detectors: string[] } });
      expect(new Set(exps.map((e) => e.seed))).toEqual(new Set([11]));
      expect(new Set(exps.map((e) => JSON.stringify(e.faults))).size).toBe(1);
      expect(exps.map((e) => e.options.detectors[0]).sort()).toEqual(['heartbeat', 'phi', 'ping']);
    } finally {
      store.close();
    }
  });
});
