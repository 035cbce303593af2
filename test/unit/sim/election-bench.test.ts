/** The Figure 16 benchmark core: validation, determinism, physical bounds, the contract. */
import { describe, expect, it } from 'vitest';
import {
  cdfPoints, compareWithPaper, electionJson, parseTimeoutRange, percentile, renderCdfSvg, runElectionBench,
  summarize, validateElectionBench, type ElectionBenchOptions,
} from '../../../shared/sim';

const base = (over: Partial<ElectionBenchOptions> = {}): ElectionBenchOptions => ({
  ranges: [parseTimeoutRange('150-300')], trials: 10, seed: 1, ...over,
});

describe('election bench', () => {
  it('refuses bad input with one clear line', () => {
    const cases: [Partial<ElectionBenchOptions>, RegExp][] = [
      [{ broadcastTimeMs: -1 }, /broadcast time must be a non-negative number of ms, got -1/],
      [{ nodes: 0 }, /a cluster needs at least 1 node, got 0/],
      [{ trials: 0 }, /trials must be a positive integer, got 0/],
      [{ ranges: [] }, /no timeout ranges given/],
    ];
    for (const [over, re] of cases) {
      expect(() => validateElectionBench(base(over))).toThrow(re);
      expect(() => runElectionBench(base(over))).toThrow(re);
    }
    expect(() => parseTimeoutRange('300-150')).toThrow(/the maximum is below the minimum/);
    expect(() => parseTimeoutRange('fast')).toThrow(/expected MIN-MAX in ms/);
    expect(parseTimeoutRange('150..155ms')).toEqual({ label: '150-155', minMs: 150, maxMs: 155 });
  });

  it('is deterministic for a seed', () => {
    const a = runElectionBench(base({ trials: 20 }));
    const b = runElectionBench(base({ trials: 20 }));
    expect(a[0].downtimesMs).toEqual(b[0].downtimesMs);
    expect(runElectionBench(base({ trials: 20, seed: 2 }))[0].downtimesMs).not.toEqual(a[0].downtimesMs);
  });

  it('never beats physics: downtime >= min timeout - heartbeat + one broadcast round', () => {
    for (const range of ['12-24', '150-300']) {
      const r = parseTimeoutRange(range);
      const [res] = runElectionBench(base({ ranges: [r], trials: 100 }));
      // Followers restart their timers >= bt/3 after the sync round, the crash is <= min/2 after
      // it, and winning needs a vote round trip (>= 2·bt/3).
      expect(Math.min(...res.downtimesMs)).toBeGreaterThanOrEqual(r.minMs / 2 + 15 - 0.2);
      expect(res.censored).toBe(0);
      expect(res.median_ms).toBeLessThan(4 * r.maxMs);
    }
  });

  it('without randomness, split votes go on and on (the paper: over 10 s)', () => {
    const [res] = runElectionBench(base({ ranges: [parseTimeoutRange('150-150')], trials: 5, capMs: 3000 }));
    expect(res.censored).toBe(5);
    expect(res.median_ms).toBe(3000);
  });

  it('more randomness shortens the tail (150-155 vs 150-300)', () => {
    const [narrow, wide] = runElectionBench(base({ ranges: ['150-155', '150-300'].map(parseTimeoutRange), trials: 150 }));
    expect(wide.mean_ms).toBeLessThan(narrow.mean_ms);
    expect(wide.p99_ms).toBeLessThan(narrow.p99_ms);
  });

  it('reports the public JSON fields and compares with the paper', () => {
    const [r] = runElectionBench(base({ ranges: [parseTimeoutRange('12-24')], trials: 30 }));
    expect(Object.keys(electionJson(r))).toEqual(['range', 'trials', 'median_ms', 'mean_ms', 'p99_ms', 'max_ms', 'censored']);
    expect(r.trials).toBe(30);
    expect(r.cdf).toHaveLength(30);
    const rows = compareWithPaper([r]);
    expect(rows.find((c) => c.range === '12-24' && c.stat === 'mean_ms')).toMatchObject({ paperMs: 35, labMs: r.mean_ms });
    expect(rows.find((c) => c.range === '150-155')?.labMs).toBeNull();
  });
});

describe('stats and plot', () => {
  it('summarizes with nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(v)).toEqual({ trials: 100, median_ms: 50.5, mean_ms: 50.5, p99_ms: 99, max_ms: 100 });
    expect(summarize([3, 1, 2]).median_ms).toBe(2);
    expect(percentile([1, 2, 3, 4], 25)).toBe(1);
    expect(cdfPoints([2, 1])).toEqual([[1, 0.5], [2, 1]]);
  });

  it('draws one line per series and escapes labels', () => {
    const svg = renderCdfSvg([{ label: 'a<b', cdf: [[100, 0.5], [200, 1]] }, { label: 'empty', cdf: [] }], { title: 't' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('a&lt;b');
  });
});
