import { beforeEach, describe, expect, it } from 'vitest';
import { buildClocksView, downsample, slopePpm } from '../../../shared/views';
import { ev, reset } from './history';

beforeEach(reset);

describe('buildClocksView', () => {
  it('plots wall − truth per node, with a drifting clock, a step and the injected settings', () => {
    const events = [];
    for (let t = 0; t <= 10_000; t += 100) {
      // n1 runs 200 ppm fast from 5 ms ahead; n2 is stepped back 50 ms at 5 s.
      events.push(ev('n1', 'local', t, null, { wall_ms: t + 5 + t * 200e-6 }));
      events.push(ev('n2', 'local', t, null, { wall_ms: t + (t >= 5000 ? -50 : 0) }));
      if (t === 5000) events.push(ev('n2', 'clock', t, { stepMs: -50, source: 'fault' }, { wall_ms: t - 50 }));
    }
    const v = buildClocksView(events, { nodes: ['n1', 'n2'], injected: { n1: { offsetMs: 5, driftPpm: 200, steps: [], jitterMs: 0 } } });
    expect(v.truth).toBe('ref_ms');
    const [n1, n2] = v.nodes;
    expect(n1.injected).toEqual({ offsetMs: 5, driftPpm: 200, steps: [] });
    expect(n1.measuredDriftPpm).toBeCloseTo(200, 3);
    expect(n1.maxAbsErrorMs).toBe(7);
    expect(n1.error[0]).toEqual([0, 5]);
    expect(n2.marks).toEqual([{ atMs: 5000, id: expect.any(Number), action: 'step', byMs: -50, source: 'fault', slewPpm: null }]);
    expect(n2.finalErrorMs).toBe(-50);
    // The step is taken out before fitting the rate: n2's clock does not drift.
    expect(n2.measuredDriftPpm).toBeCloseTo(0, 3);
    expect(n2.injected).toBeNull();
  });

  it('prefers data.true_ms, and shows each NTP exchange as the estimate next to the truth', () => {
    const v = buildClocksView([
      ev('n1', 'ntp', 100, { offset_ms: 39.1, delay_ms: 0.5, true_offset_ms: 40, source: 'lab' }, { wall_ms: 60 }),
      ev('n1', 'clock', 101, { action: 'slew', slew_ppm: 500, offset_ms: 39.1, drift_ppm: 12.5 }, { wall_ms: 61 }),
      ev('n1', 'local', 200, { true_ms: 250 }, { wall_ms: 211 }),
    ]);
    expect(v.truth).toBe('true_ms');
    const n1 = v.nodes[0];
    expect(n1.ntp).toEqual([{ atMs: 0, id: 1, estimatedErrorMs: -39.1, trueErrorMs: -40, delayMs: 0.5, source: 'lab' }]);
    expect(n1.marks[0]).toMatchObject({ action: 'slew', byMs: 39.1, slewPpm: 500 });
    expect(n1.estimatedDriftPpm).toBe(12.5);
    expect(n1.finalErrorMs).toBe(-39);
  });

  it('downsampling keeps a step and the extremes', () => {
    const pts: [number, number][] = Array.from({ length: 10_000 }, (_, i) => [i, i < 5000 ? 0 : -50]);
    pts[1234][1] = 9;
    const d = downsample(pts, 200);
    expect(d.length).toBeLessThanOrEqual(200);
    expect(Math.max(...d.map((p) => p[1]))).toBe(9);
    expect(d.some((p) => p[0] === 4999 && p[1] === 0) && d.some((p) => p[0] === 5000 && p[1] === -50)).toBe(true);
    expect(slopePpm([[0, 0], [1, 1]])).toBeNull();
  });
});
