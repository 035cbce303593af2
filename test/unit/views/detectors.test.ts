import { beforeEach, describe, expect, it } from 'vitest';
import { buildDetectorsView } from '../../../shared/views';
import { ev, reset } from './history';

beforeEach(reset);

const susp = (monitor: string, det: string, target: string, t: number) => ev(monitor, 'suspect', t, { detector: det, target, level: 1.2, cause: 'no heartbeat', at_ms: t });
const trust = (monitor: string, det: string, target: string, t: number) => ev(monitor, 'trust', t, { detector: det, target, level: 0, cause: 'heartbeat', at_ms: t });
const phi = (monitor: string, target: string, t: number) => ev(monitor, 'state', t, { detector: 'phi', target, phi: 0.5, mean_ms: 100, std_ms: 10, at_ms: t }, { label: 'phi' });

/** n1 watches n2 and n3: a false suspicion of n2, n2 paused (slow, not dead), n3 crashed for good. */
function history() {
  return [
    ev('n1', 'local', 0, { detectors: ['heartbeat', 'phi'], intervalMs: 100, timeoutMs: 400 }),
    ev('n2', 'local', 0, { detectors: ['heartbeat', 'phi'], intervalMs: 100, timeoutMs: 400 }),
    susp('n1', 'heartbeat', 'n2', 500),
    trust('n1', 'heartbeat', 'n2', 560),
    ev('lab', 'crash', 1000, { node: 'n3' }),
    susp('n1', 'heartbeat', 'n3', 1400),
    ev('lab', 'pause', 2000, { node: 'n2', forMs: 600 }),
    susp('n1', 'heartbeat', 'n2', 2400),
    ev('lab', 'resume', 2600, { node: 'n2' }),
    trust('n1', 'heartbeat', 'n2', 2650),
    ...[0, 100, 200, 300, 400, 500, 600, 700, 800, 900].map((t) => phi('n1', 'n3', t)),
    ev('lab', 'local', 4000, { status: 'done' }),
  ];
}

describe('buildDetectorsView', () => {
  it('measures detection time against the crash and counts false suspicions as mistakes', () => {
    const v = buildDetectorsView(history());
    const row = (m: string, d: string, t: string) => v.rows.find((r) => r.monitor === m && r.detector === d && r.target === t)!;
    const n3 = row('n1', 'heartbeat', 'n3');
    expect(n3.qos.detectionMs).toEqual([400]);
    expect(n3.qos.mistakes).toBe(0);
    expect(n3.suspicions).toEqual([{ startMs: 1400, endMs: 4000, open: true, mistake: false, id: 6 }]);
    const n2 = row('n1', 'heartbeat', 'n2');
    expect(n2.suspicions.map((s) => [s.startMs, s.endMs, s.mistake])).toEqual([[500, 560, true], [2400, 2650, true]]);
    expect(n2.qos.mistakes).toBe(2);
    expect(n2.qos.mistakesDuringPause).toBe(1);
    expect(n2.qos.meanMistakeMs).toBe(155);
    expect(v.totals.find((t) => t.name === 'heartbeat')).toEqual({ name: 'heartbeat', detection_ms: [400], undetected: 0, mistakes: 2, mistake_ms: [60, 250] });
  });

  it('lists every watched pair, with the ground truth of faults', () => {
    const v = buildDetectorsView(history());
    expect(v.rows.map((r) => `${r.monitor}:${r.detector}:${r.target}`)).toEqual([
      'n1:heartbeat:n2', 'n1:phi:n2', 'n1:heartbeat:n3', 'n1:phi:n3', 'n2:heartbeat:n1', 'n2:phi:n1',
    ]);
    expect(v.faults.map((f) => [f.kind, f.node, f.startMs, f.endMs, f.open])).toEqual([['crash', 'n3', 1000, 4000, true], ['pause', 'n2', 2000, 2600, false]]);
    expect(v.settings).toEqual({ intervalMs: 100, timeoutMs: 400 });
  });

  it('rebuilds the phi line: it restarts at each heartbeat and climbs past the threshold after the last', () => {
    const v = buildDetectorsView(history());
    const line = v.rows.find((r) => r.detector === 'phi' && r.target === 'n3')!.phi;
    expect(line.length).toBeGreaterThan(10);
    expect(line[0][0]).toBe(0);
    const before = line.filter(([t]) => t <= 900).map(([, y]) => y);
    expect(Math.max(...before)).toBeLessThan(1);
    const after = line.filter(([t]) => t > 1100).map(([, y]) => y);
    expect(Math.max(...after)).toBeGreaterThan(8);
    // The phi row without a phi crossing reports an undetected crash for the phi detector.
    expect(v.totals.find((t) => t.name === 'phi')!.undetected).toBe(1);
  });
});
