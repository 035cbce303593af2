import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  elapsedForPhi, HeartbeatDetector, HeartbeatSender, PhiAccrualDetector, phiOf, PingDetector, pongFor,
  type DetectorMessage, type DetectorTransition, type FailureDetector,
} from '../../../shared/detectors';
import { createRng } from '../../../shared/rng';

describe('parameter validation (refused before a run, one line each)', () => {
  it.each([
    [() => new HeartbeatDetector({ intervalMs: 100, timeoutMs: 100 }, 0), /heartbeat detector: timeoutMs \(100\) must exceed intervalMs \(100\)/],
    [() => new HeartbeatDetector({ intervalMs: 100, timeoutMs: 50 }, 0), /must exceed intervalMs/],
    [() => new HeartbeatDetector({ intervalMs: 0, timeoutMs: 50 }, 0), /intervalMs must be a positive number/],
    [() => new PhiAccrualDetector({ firstIntervalMs: 100, windowSize: 0 }, 0), /phi detector: windowSize must be an integer ≥ 1, got 0/],
    [() => new PhiAccrualDetector({ firstIntervalMs: 100, threshold: 0 }, 0), /phi detector: threshold must be > 0, got 0/],
    [() => new PhiAccrualDetector({ firstIntervalMs: 100, threshold: -3 }, 0), /threshold must be > 0, got -3/],
    [() => new PingDetector({ retries: -1 }, createRng(1), 0), /ping detector: retries must be an integer ≥ 0/],
    [() => new PingDetector({ timeoutMs: 0 }, createRng(1), 0), /ping detector: timeoutMs must be a positive/],
    [() => new PingDetector({ jitter: 2 }, createRng(1), 0), /jitter must be in \[0, 1\]/],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
    try { make(); } catch (e) { expect(String((e as Error).message)).not.toContain('\n'); }
  });
});

/** Drive a heartbeat-fed detector in virtual time; `arrivals` are heartbeat arrival times. */
function feed(det: FailureDetector, arrivals: number[], untilMs: number, tickMs = 1): DetectorTransition[] {
  const out: DetectorTransition[] = [];
  let i = 0;
  for (let t = 0; t <= untilMs; t += tickMs) {
    while (i < arrivals.length && arrivals[i] <= t) {
      out.push(...det.onMessage({ kind: 'Heartbeat', seq: i + 1 }, arrivals[i]).transitions);
      i++;
    }
    out.push(...det.tick(t).transitions);
  }
  return out;
}

const onTime = (intervalMs: number, jitterMs: number, untilMs: number, seed: number): number[] => {
  const rng = createRng(seed);
  const xs: number[] = [];
  for (let t = intervalMs; t <= untilMs; t += intervalMs) xs.push(t + rng.range(0, jitterMs));
  return xs;
};

describe('heartbeat detector', () => {
  it('never suspects while heartbeats arrive on time', () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 200 }), fc.integer(), (intervalMs, seed) => {
      const det = new HeartbeatDetector({ intervalMs, timeoutMs: intervalMs * 2 }, 0);
      expect(feed(det, onTime(intervalMs, intervalMs * 0.5, 5000, seed), 5000)).toEqual([]);
    }), { numRuns: 30 });
  });

  it('suspects one timeout after the last heartbeat and trusts on the next', () => {
    const det = new HeartbeatDetector({ intervalMs: 100, timeoutMs: 300 }, 0);
    const arrivals = [100, 200, 300, 1000];
    const ts = feed(det, arrivals, 1100);
    expect(ts.map((t) => [t.kind, t.atMs])).toEqual([['suspect', 601], ['trust', 1000]]);
    expect(ts[0].cause).toMatch(/no heartbeat for 301 ms \(timeout 300 ms\)/);
  });

  it('sender emits every interval and does not burst after a pause', () => {
    const s = new HeartbeatSender(100, 0);
    const sent: number[] = [];
    for (const t of [0, 50, 100, 150, 200, 900, 901, 1000]) if (s.tick(t).length) sent.push(t);
    expect(sent).toEqual([0, 100, 200, 900, 1000]);
  });
});

describe('phi accrual', () => {
  it('phi is monotone in elapsed time and elapsedForPhi inverts it', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }),
      fc.double({ min: 1, max: 2000, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }),
      (a, b, meanMs, stdMs) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(phiOf(lo, meanMs, stdMs)).toBeLessThanOrEqual(phiOf(hi, meanMs, stdMs));
        expect(Number.isFinite(phiOf(hi, meanMs, stdMs))).toBe(true);
      },
    ));
    fc.assert(fc.property(fc.double({ min: 0.05, max: 40, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }), (phi, meanMs, stdMs) => {
      expect(phiOf(elapsedForPhi(phi, meanMs, stdMs), meanMs, stdMs)).toBeCloseTo(phi, 6);
    }));
  });

  it('phi at the mean is −log10(1/2) and grows past 8 a few σ later', () => {
    expect(phiOf(100, 100, 10)).toBeCloseTo(Math.log10(2), 9);
    expect(phiOf(160, 100, 10)).toBeGreaterThan(8);
  });

  it('the detector level is monotone between heartbeats', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 50, max: 150 }), { minLength: 3, maxLength: 50 }), (gaps) => {
      const det = new PhiAccrualDetector({ firstIntervalMs: 100, windowSize: 20 }, 0);
      let t = 0;
      for (const g of gaps) { t += g; det.onMessage({ kind: 'Heartbeat', seq: 1 }, t); }
      let prev = -Infinity;
      for (let e = 0; e < 2000; e += 7) { const l = det.level(t + e); expect(l).toBeGreaterThanOrEqual(prev); prev = l; }
    }));
  });

  it('never suspects while heartbeats arrive on time', () => {
    fc.assert(fc.property(fc.integer({ min: 20, max: 200 }), fc.integer(), (intervalMs, seed) => {
      const det = new PhiAccrualDetector({ firstIntervalMs: intervalMs, threshold: 8 }, 0);
      expect(feed(det, onTime(intervalMs, intervalMs * 0.1, 5000, seed), 5000)).toEqual([]);
    }), { numRuns: 30 });
  });

  it('suspects a silent peer with phi as the level, trusts it on return, and records the fitted distribution', () => {
    const det = new PhiAccrualDetector({ firstIntervalMs: 100, threshold: 8, minStdDevMs: 10 }, 0);
    const arrivals = [...onTime(100, 0, 2000, 1), 5000];
    const ts = feed(det, arrivals, 5100);
    expect(ts.map((t) => t.kind)).toEqual(['suspect', 'trust']);
    expect(ts[0].level).toBeGreaterThanOrEqual(8);
    expect(ts[0].atMs - 2000).toBeCloseTo(elapsedForPhi(8, 100, 10), -1);
    const r = det.onMessage({ kind: 'Heartbeat', seq: 99 }, 5100);
    expect(r.observations[0]).toMatchObject({ atMs: 5100, meanMs: expect.any(Number), stdDevMs: expect.any(Number) });
  });

  it('a runtime that ticks only at nextDeadlineMs() suspects at the same moment as one ticking every ms', () => {
    const sparse = new PhiAccrualDetector({ firstIntervalMs: 100 }, 0);
    const dense = new PhiAccrualDetector({ firstIntervalMs: 100 }, 0);
    const arrivals = onTime(100, 5, 3000, 9);
    const denseTs = feed(dense, arrivals, 4000);
    const sparseTs: number[] = [];
    for (const a of arrivals) { sparse.onMessage({ kind: 'Heartbeat', seq: 1 }, a); }
    const due = Math.ceil(sparse.nextDeadlineMs());
    expect(sparse.tick(due - 1).transitions).toEqual([]);
    for (const t of sparse.tick(due).transitions) sparseTs.push(t.atMs);
    expect(sparseTs).toEqual(denseTs.filter((t) => t.kind === 'suspect').map((t) => t.atMs));
    expect(sparse.nextDeadlineMs()).toBe(Infinity);
  });

  it('does not learn gaps above maxSampleMs', () => {
    const det = new PhiAccrualDetector({ firstIntervalMs: 100, maxSampleMs: 1000 }, 0);
    det.onMessage({ kind: 'Heartbeat', seq: 1 }, 100);
    const meanBefore = det.meanMs();
    det.onMessage({ kind: 'Heartbeat', seq: 2 }, 10_000);
    expect(det.meanMs()).toBe(meanBefore);
  });
});

/** A ping loop: the peer answers after `rttMs` unless `alive(t)` is false. */
function pingLoop(det: PingDetector, alive: (t: number) => boolean, rttMs: number, untilMs: number) {
  const inflight: { at: number; msg: DetectorMessage }[] = [];
  const sends: { t: number; msg: DetectorMessage }[] = [];
  const transitions: DetectorTransition[] = [];
  for (let t = 0; t <= untilMs; t++) {
    for (let i = inflight.length - 1; i >= 0; i--) {
      if (inflight[i].at <= t) { transitions.push(...det.onMessage(inflight[i].msg, t).transitions); inflight.splice(i, 1); }
    }
    const r = det.tick(t);
    transitions.push(...r.transitions);
    for (const m of r.send) {
      sends.push({ t, msg: m });
      const pong = pongFor(m);
      if (pong && alive(t)) inflight.push({ at: t + rttMs, msg: pong });
    }
  }
  return { sends, transitions };
}

describe('ping detector', () => {
  it('never suspects a peer that answers within the timeout', () => {
    const det = new PingDetector({ intervalMs: 100, timeoutMs: 30, retries: 1 }, createRng(3), 0);
    const { sends, transitions } = pingLoop(det, () => true, 20, 5000);
    expect(transitions).toEqual([]);
    expect(sends.length).toBe(51);
  });

  it('spends the retry budget with jittered exponential backoff before suspecting, then trusts on a pong', () => {
    const cfg = { intervalMs: 1000, timeoutMs: 100, retries: 3, backoffBaseMs: 40, backoffMaxMs: 1000, jitter: 0.5 };
    const det = new PingDetector(cfg, createRng(7), 0);
    const deadFrom = 2500, backAt = 6000;
    const { sends, transitions } = pingLoop(det, (t) => t < deadFrom || t >= backAt, 10, 8000);
    const round = sends.filter((s) => s.t >= deadFrom && s.t < 4000);
    expect(round.map((s) => s.msg)).toEqual([1, 2, 3, 4].map((attempt) => ({ kind: 'Ping', seq: 4, attempt })));
    for (let k = 1; k < round.length; k++) {
      const waited = round[k].t - round[k - 1].t - cfg.timeoutMs;
      const b = Math.min(cfg.backoffMaxMs, cfg.backoffBaseMs * 2 ** (k - 1));
      expect(waited).toBeGreaterThanOrEqual(Math.floor(b * (1 - cfg.jitter)));
      expect(waited).toBeLessThanOrEqual(Math.ceil(b));
    }
    expect(transitions.map((t) => t.kind)).toEqual(['suspect', 'trust']);
    expect(transitions[0].atMs).toBe(round[3].t + cfg.timeoutMs);
    expect(transitions[0].cause).toMatch(/no pong to 4 ping\(s\) of round 4/);
    expect(transitions[1].atMs).toBeGreaterThanOrEqual(backAt);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => pingLoop(new PingDetector({ retries: 4, jitter: 1 }, createRng(seed), 0), (t) => t < 1500, 5, 6000).sends.map((s) => s.t);
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });
});
