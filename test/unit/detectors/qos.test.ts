import { describe, expect, it } from 'vitest';
import {
  detectorQos, groundTruthFromEvents, phiQosCurve, phiSuspicionsAt, phiThresholdForDetection, phiTrace, qosFromIntervals, suspicionIntervals, type QosEvent,
} from '../../../shared/checks/qos';
import { elapsedForPhi } from '../../../shared/detectors';
import { DEFAULT_FD_SIM, simulateFd } from '../../../bench/detectorsSim';
import { compare } from '../../../bench/detectors';

const ev = (node: string, kind: string, t: number, data: Record<string, unknown> | null = null, label: string | null = null): QosEvent => ({ node, kind, ref_ms: t, wall_ms: t + 999, label, data });
const sus = (kind: 'suspect' | 'trust', t: number, detector = 'heartbeat') => ev('n1', kind, t, { detector, target: 'n2', level: 1, cause: 'x' });

describe('Chen–Toueg–Aguilera QoS against the fault schedule', () => {
  const events: QosEvent[] = [
    ev('n2', 'pause', 10_000), ev('n2', 'resume', 10_800),
    sus('suspect', 10_500), sus('trust', 10_900), // mistake during a pause, 400 ms
    sus('suspect', 20_000), sus('trust', 20_100), // mistake while running, 100 ms
    ev('n2', 'crash', 30_000), sus('suspect', 30_450), ev('n2', 'recover', 40_000), sus('trust', 40_120), // detected in 450 ms
    sus('suspect', 49_900), ev('n2', 'crash', 50_000), // suspected just before a crash, never trusted: detected at once
    sus('suspect', 1, 'phi'),
  ];
  const truth = groundTruthFromEvents(events, 'n2', { startMs: 0, endMs: 60_000 });

  it('builds the truth from crash/recover/pause/resume on ref time', () => {
    expect(truth.down).toEqual([{ startMs: 30_000, endMs: 40_000 }, { startMs: 50_000, endMs: 60_000 }]);
    expect(truth.paused).toEqual([{ startMs: 10_000, endMs: 10_800 }]);
  });

  it('measures detection time, mistakes, their rate and duration', () => {
    const q = detectorQos(events, { detector: 'heartbeat', target: 'n2', truth });
    expect(q.detectionMs).toEqual([450, 0]);
    expect(q.meanDetectionMs).toBe(225);
    expect(q.mistakes).toBe(2);
    expect(q.mistakeMs).toEqual([400, 100]);
    expect(q.mistakesDuringPause).toBe(1);
    expect(q.upMs).toBe(40_000);
    expect(q.mistakesPerMin).toBeCloseTo(3, 9);
  });

  it('reports an undetected crash as null, and reads only its own detector', () => {
    const q = qosFromIntervals(suspicionIntervals(events, 'ping', 'n2', 60_000), truth);
    expect(q.detectionMs).toEqual([null, null]);
    expect(q.meanDetectionMs).toBeNull();
    expect(suspicionIntervals(events, 'phi', 'n2', 60_000)).toEqual([{ startMs: 1, endMs: 60_000 }]);
  });

  it('rebuilds phi suspicions for any threshold from the trace of fitted distributions', () => {
    const trace = [{ atMs: 0, meanMs: 100, stdDevMs: 10 }, { atMs: 100, meanMs: 100, stdDevMs: 10 }, { atMs: 1000, meanMs: 100, stdDevMs: 10 }];
    const cross = elapsedForPhi(8, 100, 10);
    expect(phiSuspicionsAt(trace, 8, 2000)).toEqual([{ startMs: 100 + cross, endMs: 1000 }, { startMs: 1000 + cross, endMs: 2000 }]);
    expect(phiSuspicionsAt(trace, 8, 2000, 1)[0].startMs).toBe(Math.ceil(100 + cross));
  });
});

describe('10-minute simulated run with injected pauses (seeded)', () => {
  const o = DEFAULT_FD_SIM;
  const run = simulateFd(o);
  const truth = groundTruthFromEvents(run.events, 'n2', { startMs: 0, endMs: o.durationMs });

  it('the phi curve rebuilt from the trace matches the live detector at threshold 8 exactly', () => {
    const live = detectorQos(run.events, { detector: 'phi', target: 'n2', truth });
    const [rebuilt] = phiQosCurve(phiTrace(run.events, 'n2'), truth, [8], 1);
    expect(rebuilt.detectionMs).toEqual(live.detectionMs);
    expect(rebuilt.mistakeMs).toEqual(live.mistakeMs);
  });

  it('every crash is detected by both detectors, the heartbeat one within timeout + one interval + delay', () => {
    const hb = detectorQos(run.events, { detector: 'heartbeat', target: 'n2', truth });
    expect(hb.detectionMs.length).toBe(o.crashes);
    for (const d of hb.detectionMs) {
      expect(d).not.toBeNull();
      expect(d!).toBeLessThanOrEqual(o.heartbeatTimeoutMs + 50);
    }
    expect(detectorQos(run.events, { detector: 'phi', target: 'n2', truth }).detectionMs.every((d) => d !== null)).toBe(true);
    // Ping: a round can start just before the crash; worst case interval + 2 timeouts + backoff + delays.
    const ping = detectorQos(run.events, { detector: 'ping', target: 'n2', truth });
    const p = o.ping;
    for (const d of ping.detectionMs) expect(d).not.toBeNull();
    expect(Math.max(...ping.detectionMs.map(Number))).toBeLessThanOrEqual(p.intervalMs! + 2 * p.timeoutMs! + p.backoffBaseMs! + 50);
  });

  it('phi at the threshold matching the heartbeat detector\'s mean detection time makes fewer mistakes', () => {
    const c = compare(o);
    expect(c.phiThreshold).not.toBeNull();
    expect(c.phi!.meanDetectionMs!).toBeCloseTo(c.heartbeat.meanDetectionMs!, 0);
    expect(c.heartbeat.mistakes).toBeGreaterThan(0);
    expect(c.phi!.mistakesPerMin).toBeLessThan(c.heartbeat.mistakesPerMin);
  });

  it('the threshold search is monotone: a higher threshold never detects faster', () => {
    const trace = phiTrace(run.events, 'n2');
    const curve = phiQosCurve(trace, truth, [2, 4, 8, 16, 64, 256], 1);
    for (let i = 1; i < curve.length; i++) expect(curve[i].meanDetectionMs!).toBeGreaterThanOrEqual(curve[i - 1].meanDetectionMs!);
    expect(phiThresholdForDetection(trace, truth, 1)).toBeNull();
  });
});
