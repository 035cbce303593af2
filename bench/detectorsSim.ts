/**
 * A tiny deterministic virtual-time run for failure-detector QoS: one monitored node
 * sending heartbeats every `intervalMs` over a link with random delay, bursty GC-like
 * pauses and crash-recovery cycles from a seeded schedule, watched by a fixed-timeout
 * heartbeat detector and a phi accrual detector fed the very same arrivals. Produces
 * LabEvent-shaped records (suspect/trust, phi trace, crash/recover/pause/resume) so the
 * QoS is computed by `shared/checks/qos.ts` exactly as for a recorded run.
 */
import { HeartbeatDetector, HeartbeatSender, PhiAccrualDetector, PingDetector, pongFor, type DetectorMessage, type PingConfig, phiTraceEventData, PHI_TRACE_LABEL, transitionEventData, type DetectorName, type FailureDetector } from '../shared/detectors';
import type { Interval, QosEvent } from '../shared/checks/qos';
import { createRng } from '../shared/rng';

/** Knobs of the simulated run. */
export interface FdSimOptions {
  seed: number;
  durationMs: number;
  intervalMs: number;
  heartbeatTimeoutMs: number;
  phiThreshold: number;
  phiWindow: number;
  /** Link delay: base + exponential(mean), ms. */
  delayBaseMs: number;
  delayExpMeanMs: number;
  crashes: number;
  crashDownMs: number;
  /** Mean time between GC-pause bursts, ms (Poisson). */
  burstEveryMs: number;
  pausesPerBurst: [number, number];
  pauseMs: [number, number];
  pauseGapMs: [number, number];
  /** The ping detector run alongside (own seeded delays, so the other two are unaffected). */
  ping: Partial<PingConfig>;
}

/** The run this bench and its test use. */
export const DEFAULT_FD_SIM: FdSimOptions = {
  seed: 42, durationMs: 600_000, intervalMs: 100, heartbeatTimeoutMs: 400, phiThreshold: 8, phiWindow: 100,
  delayBaseMs: 2, delayExpMeanMs: 3, crashes: 10, crashDownMs: 5000, burstEveryMs: 45_000,
  pausesPerBurst: [2, 5], pauseMs: [200, 600], pauseGapMs: [1500, 4000],
  ping: { intervalMs: 100, timeoutMs: 150, retries: 1, backoffBaseMs: 50, backoffMaxMs: 200, jitter: 0.5 },
};

/** What a simulated run yields. */
export interface FdSimResult {
  events: QosEvent[];
  down: Interval[];
  paused: Interval[];
  heartbeats: number;
}

const overlaps = (a: Interval, b: Interval, marginMs: number): boolean => a.startMs < b.endMs + marginMs && b.startMs < a.endMs + marginMs;

/** Build the seeded fault schedule: crash-recovery cycles and bursts of pauses, never overlapping. */
export function faultSchedule(o: FdSimOptions): { down: Interval[]; paused: Interval[] } {
  const rng = createRng(`faults:${o.seed}`);
  const paused: Interval[] = [];
  for (let t = 5000 + rng.range(0, o.burstEveryMs); t < o.durationMs - 10_000; t += -Math.log(1 - rng.next()) * o.burstEveryMs) {
    const n = rng.int(o.pausesPerBurst[0], o.pausesPerBurst[1]);
    let at = t;
    for (let i = 0; i < n; i++) {
      const len = rng.range(o.pauseMs[0], o.pauseMs[1]);
      paused.push({ startMs: at, endMs: at + len });
      at += len + rng.range(o.pauseGapMs[0], o.pauseGapMs[1]);
    }
    t = Math.max(t, at);
  }
  const down: Interval[] = [];
  for (let tries = 0; down.length < o.crashes && tries < 10_000; tries++) {
    const start = rng.range(10_000, o.durationMs - o.crashDownMs - 5000);
    const cand = { startMs: start, endMs: start + o.crashDownMs };
    if (down.some((d) => overlaps(d, cand, 5000)) || paused.some((p) => overlaps(p, cand, 2000))) continue;
    down.push(cand);
  }
  down.sort((a, b) => a.startMs - b.startMs);
  return { down, paused };
}

/** Run the simulation on a 1 ms tick. */
export function simulateFd(o: FdSimOptions = DEFAULT_FD_SIM): FdSimResult {
  const { down, paused } = faultSchedule(o);
  const rng = createRng(`net:${o.seed}`);
  const events: QosEvent[] = [];
  const rec = (node: string, kind: string, t: number, label: string | null, data: Record<string, unknown> | null): void => {
    events.push({ node, kind, ref_ms: t, wall_ms: t, label, data });
  };
  for (const d of down) { rec('n2', 'crash', d.startMs, null, null); rec('n2', 'recover', d.endMs, null, null); }
  for (const p of paused) { rec('n2', 'pause', p.startMs, null, null); rec('n2', 'resume', p.endMs, null, null); }
  const inside = (t: number, xs: Interval[]): boolean => xs.some((x) => t >= x.startMs && t < x.endMs);

  const sender = new HeartbeatSender(o.intervalMs, 0);
  const detectors: [DetectorName, FailureDetector][] = [
    ['heartbeat', new HeartbeatDetector({ intervalMs: o.intervalMs, timeoutMs: o.heartbeatTimeoutMs }, 0)],
    ['phi', new PhiAccrualDetector({ firstIntervalMs: o.intervalMs, threshold: o.phiThreshold, windowSize: o.phiWindow, maxSampleMs: 3000 }, 0)],
  ];
  const ping = new PingDetector(o.ping, createRng(`ping-jitter:${o.seed}`), 0);
  const pingNet = createRng(`ping-net:${o.seed}`);
  const pingDelay = (): number => o.delayBaseMs - Math.log(1 - pingNet.next()) * o.delayExpMeanMs;
  // Pings in flight to n2, and pongs in flight back. A paused n2 answers when it resumes; a crashed one never.
  let toN2: { atMs: number; msg: DetectorMessage }[] = [];
  let toN1: { atMs: number; msg: DetectorMessage }[] = [];
  const inflight: number[] = []; // arrival times, kept sorted (delays can reorder)
  let heartbeats = 0;
  let seq = 0;
  for (let t = 0; t <= o.durationMs; t++) {
    const up = !inside(t, down);
    if (up && !inside(t, paused)) {
      for (const _m of sender.tick(t)) {
        const arrive = t + o.delayBaseMs - Math.log(1 - rng.next()) * o.delayExpMeanMs;
        let i = inflight.length;
        while (i > 0 && inflight[i - 1] > arrive) i--;
        inflight.splice(i, 0, arrive);
      }
    }
    while (inflight.length && inflight[0] <= t) {
      inflight.shift();
      heartbeats++;
      seq++;
      for (const [name, det] of detectors) {
        const r = det.onMessage({ kind: 'Heartbeat', seq }, t);
        for (const tr of r.transitions) rec('n1', tr.kind, t, name, transitionEventData(name, 'n2', tr));
        for (const ob of r.observations) rec('n1', 'state', t, PHI_TRACE_LABEL, phiTraceEventData('n2', ob));
      }
    }
    for (const [name, det] of detectors) {
      for (const tr of det.tick(t).transitions) rec('n1', tr.kind, t, name, transitionEventData(name, 'n2', tr));
    }
    const keepN2: typeof toN2 = [];
    for (const m of toN2) {
      if (m.atMs > t) { keepN2.push(m); continue; }
      if (inside(t, down)) continue; // lost with the crashed process
      if (inside(t, paused)) { keepN2.push(m); continue; } // waits in the socket buffer
      const pong = pongFor(m.msg);
      if (pong) toN1.push({ atMs: t + pingDelay(), msg: pong });
    }
    toN2 = keepN2;
    const keepN1: typeof toN1 = [];
    for (const m of toN1) {
      if (m.atMs > t) { keepN1.push(m); continue; }
      for (const tr of ping.onMessage(m.msg, t).transitions) rec('n1', tr.kind, t, 'ping', transitionEventData('ping', 'n2', tr));
    }
    toN1 = keepN1;
    const r = ping.tick(t);
    for (const tr of r.transitions) rec('n1', tr.kind, t, 'ping', transitionEventData('ping', 'n2', tr));
    for (const msg of r.send) toN2.push({ atMs: t + pingDelay(), msg });
  }
  return { events, down, paused, heartbeats };
}
