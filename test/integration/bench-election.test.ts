/**
 * `coordlab bench election` through the real binary: the simulator prints the
 * contract fields with plausible numbers and writes CSV and SVG; a short run on real
 * processes completes its trials, and every downtime it reports is what the recorded
 * run shows (lab crash → next election win, on the host's monotonic clock); bad input
 * is refused with one line, exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 'lab.db');
});
afterEach(() => t.cleanup());

const CONTRACT = ['range', 'trials', 'median_ms', 'mean_ms', 'p99_ms', 'max_ms'];

describe('coordlab bench election', () => {
  it('--sim --trials 50 --timeouts 150-300 --json: the contract fields, plausible numbers, CSV and SVG written', () => {
    const r = cli(['bench', 'election', '--sim', '--trials', '50', '--timeouts', '150-300', '--json', '--out', t.dir]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    for (const k of CONTRACT) expect(o).toHaveProperty(k);
    expect(o).toMatchObject({ range: '150-300', trials: 50, censored: 0, mode: 'sim', heartbeat_ms: 75 });
    // Floor: the crash comes at most a heartbeat (75 ms) after the last round, so no
    // follower times out sooner than 150 - 75 ms after it; a vote needs a round trip on top.
    expect(o.min_ms).toBeGreaterThan(75);
    expect(o.median_ms).toBeGreaterThan(o.min_ms);
    expect(o.median_ms).toBeLessThan(400);
    expect(o.mean_ms).toBeGreaterThan(75);
    expect(o.p99_ms).toBeLessThanOrEqual(o.max_ms);
    expect(o.max_ms).toBeLessThan(2000);
    // The progress bar goes to stderr, never into --json stdout.
    expect(r.stderr).toMatch(/50\/50 trials/);
    const cdf = readFileSync(join(t.dir, 'bench-election-sim-cdf.csv'), 'utf8').trim().split('\n');
    expect(cdf).toHaveLength(51);
    expect(readFileSync(join(t.dir, 'bench-election-sim.svg'), 'utf8')).toMatch(/^<svg[\s\S]*150-300 ms[\s\S]*<\/svg>\n$/);
    expect(existsSync(join(t.dir, 'bench-election-sim.csv'))).toBe(true);
  });

  it('real processes, --trials 3 --timeouts 150-300: 3 trials, downtimes match the recorded run, no safety violation', () => {
    const r = cli(['bench', 'election', '--trials', '3', '--timeouts', '150-300', '--json', '--out', t.dir, '--db', db], { timeoutMs: 45_000 });
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim());
    for (const k of CONTRACT) expect(o).toHaveProperty(k);
    expect(o).toMatchObject({ range: '150-300', trials: 3, censored: 0, mode: 'real', violations: 0, missed_leader: expect.any(Number) });
    expect(o.min_ms).toBeGreaterThan(75);
    expect(o.max_ms).toBeLessThan(3000);
    // Where the crash fell: within a heartbeat interval (75 ms) of the leader's last round, give or take scheduling.
    expect(o.crash_after_heartbeat_ms_mean).toBeGreaterThanOrEqual(0);
    expect(o.crash_after_heartbeat_ms_mean).toBeLessThan(75 + 25);

    // Recompute every downtime from the record: lab crash → the next election win in a higher term.
    const store = new Store(db, { readonly: true });
    const events = store.allEvents(o.run);
    store.close();
    const mono = (ns: string | null): number => Number(BigInt(ns!) / 1000n) / 1000;
    const crashes = events.filter((e) => e.node === 'lab' && e.kind === 'crash');
    const wins = events.filter((e) => e.kind === 'state' && e.data?.role === 'leader' && e.data.prevRole !== 'leader');
    // A crash counts when it hit the leader (on a loaded host leadership may move just before; such a crash is repeated).
    const wasLeader = (c: (typeof events)[number]) => events.filter((e) => e.node === c.data!.node && e.kind === 'state' && e.id < c.id).at(-1)?.data?.role === 'leader';
    const hits = crashes.filter(wasLeader);
    expect(hits).toHaveLength(3);
    expect(crashes.length - hits.length).toBe(o.missed_leader);
    const downtimes = hits.map((c) => {
      const next = wins.find((w) => mono(w.mono_ns) > mono(c.mono_ns))!;
      expect(next.node).not.toBe(c.data!.node);
      return mono(next.mono_ns) - mono(c.mono_ns);
    });
    const cdf = readFileSync(join(t.dir, 'bench-election-real-cdf.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(cdf).toEqual(downtimes.sort((a, b) => a - b).map((d) => Number(d.toFixed(3))));
    // The paper's logs of different lengths: the two servers kept behind (n4, n5 by default) never win.
    expect(wins.length).toBeGreaterThan(0);
    expect(wins.filter((w) => w.node === 'n4' || w.node === 'n5').map((w) => w.node)).toEqual([]);
    // Each crashed node but the last leader was restarted (one cluster reused across the trials).
    expect(events.filter((e) => e.kind === 'recover')).toHaveLength(crashes.length - 1);
  });

  it('bad input: timeout not above the heartbeat, --trials 0, a malformed range, a negative broadcast time → one line, exit 2', () => {
    for (const args of [
      ['--timeouts', '40-60', '--heartbeat-ms', '50'],
      ['--trials', '0'],
      ['--timeouts', '150'],
      ['--broadcast-ms', '-5'],
    ]) {
      const r = cli(['bench', 'election', ...args, '--out', t.dir, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^coordlab: bench election: /);
    }
    expect(existsSync(db)).toBe(false);
  });
});
