/**
 * Scenario `fd`: failure detectors (shared/detectors) on the lab's node processes.
 * Every node watches every other node with each detector named in `detectors`
 * (ping, heartbeat, phi; default heartbeat); heartbeats feed both the heartbeat and
 * the phi accrual detector. Suspect/trust transitions and phi traces are recorded in
 * the shape `checks/qos.ts` reads (shared/detectors/record.ts).
 *
 * Options: `detectors`, `tickMs` (default 10), and the detector parameters of
 * shared/detectors/options.ts (`heartbeatMs`, `fdTimeoutMs`, `phiThreshold`,
 * `phiWindow`, `pingIntervalMs`, `pingTimeoutMs`, `pingRetries`; checked before a run).
 */
import {
  fdConfigsFromOptions, HeartbeatDetector, HeartbeatSender, PhiAccrualDetector, PingDetector, pongFor, PHI_TRACE_LABEL, phiTraceEventData, transitionEventData,
  type DetectorMessage, type DetectorName, type DetectorReady, type FailureDetector,
} from '../detectors';
import { numberOption } from './options';
import type { CoreEvent, CoreInit, CoreOutput, CoreSend, NodeCore, NodeNow, ScenarioDef } from './types';

/** What fd nodes send each other. */
export interface FdBody {
  /** Which detector the message belongs to ('hb' feeds heartbeat and phi). */
  det: 'ping' | 'hb';
  m: DetectorMessage;
}

const NAMES: readonly DetectorName[] = ['ping', 'heartbeat', 'phi'];

function detectorsOf(options: Readonly<Record<string, unknown>>): DetectorName[] {
  const d = options.detectors;
  const list = Array.isArray(d) ? d.filter((x): x is DetectorName => NAMES.includes(x as DetectorName)) : [];
  return list.length ? list : ['heartbeat'];
}

function fdCore(init: CoreInit): NodeCore {
  const names = detectorsOf(init.options);
  // Validated before the run starts (experiment validation); defaults only if called without it.
  const cfg = (() => { try { return fdConfigsFromOptions(init.options); } catch { return fdConfigsFromOptions({}); } })();
  const { intervalMs, timeoutMs } = cfg.heartbeat;
  const peers = init.nodes.filter((n) => n !== init.node);
  const watch: Array<{ name: DetectorName; target: string; d: FailureDetector }> = [];
  let sender: HeartbeatSender | null = null;

  const collect = (name: DetectorName, target: string, r: DetectorReady, out: { events: CoreEvent[]; sends: CoreSend[] }): void => {
    for (const m of r.send) out.sends.push({ to: target, body: { det: 'ping', m } satisfies FdBody, label: `${m.kind} ${m.seq}` });
    for (const t of r.transitions) {
      out.events.push({ kind: t.kind, peer: target, label: `${name}: ${t.kind} ${target} (${t.cause})`, data: transitionEventData(name, target, t) });
    }
    for (const o of r.observations) out.events.push({ kind: 'state', peer: target, label: PHI_TRACE_LABEL, data: phiTraceEventData(target, o) });
  };

  return {
    start(now: NodeNow): CoreOutput {
      const startMs = now.monoMs;
      if (names.includes('heartbeat') || names.includes('phi')) sender = new HeartbeatSender(intervalMs, startMs);
      for (const target of peers) {
        for (const name of names) {
          const d =
            name === 'ping'
              ? new PingDetector(cfg.ping, init.rng.fork(), startMs)
              : name === 'heartbeat'
                ? new HeartbeatDetector(cfg.heartbeat, startMs)
                : new PhiAccrualDetector(cfg.phi, startMs);
          watch.push({ name, target, d });
        }
      }
      return { events: [{ kind: 'local', label: `watching ${peers.length} peers with ${names.join(', ')}`, data: { detectors: names, intervalMs, timeoutMs, phiThreshold: cfg.phi.threshold, ping: { intervalMs: cfg.ping.intervalMs, timeoutMs: cfg.ping.timeoutMs, retries: cfg.ping.retries } } }] };
    },
    tick(now: NodeNow): CoreOutput {
      const out = { events: [] as CoreEvent[], sends: [] as CoreSend[] };
      if (sender) for (const m of sender.tick(now.monoMs)) for (const to of peers) out.sends.push({ to, body: { det: 'hb', m } satisfies FdBody, label: `heartbeat ${m.seq}` });
      for (const w of watch) if (w.d.nextDeadlineMs() <= now.monoMs) collect(w.name, w.target, w.d.tick(now.monoMs), out);
      return out;
    },
    receive(from: string, body: unknown, now: NodeNow): CoreOutput {
      const b = body as Partial<FdBody> | null;
      const m = b?.m;
      if (!m || typeof m !== 'object' || typeof m.kind !== 'string') return { receiveLabel: 'malformed detector message' };
      const out = { events: [] as CoreEvent[], sends: [] as CoreSend[] };
      const pong = pongFor(m);
      if (pong) out.sends.push({ to: from, body: { det: 'ping', m: pong } satisfies FdBody, label: `Pong ${pong.seq}` });
      for (const w of watch) {
        if (w.target !== from) continue;
        const fits = m.kind === 'Heartbeat' ? w.name !== 'ping' : m.kind === 'Pong' && w.name === 'ping';
        if (fits) collect(w.name, w.target, w.d.onMessage(m, now.monoMs), out);
      }
      return { ...out, receiveLabel: `${m.kind} ${m.seq}` };
    },
  };
}

/** The `fd` scenario. */
export const fdScenario: ScenarioDef = {
  name: 'fd',
  description: 'failure detectors (ping, heartbeat, phi accrual) watching every peer',
  tickMs: (options) => numberOption(options, 'tickMs', 10, 1, 1000),
  create: fdCore,
};
