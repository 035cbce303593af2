/**
 * Routing throughput: messages per second through the lab network (shared/network
 * decisions, delay queue, timers) with 5 node processes, against a raw relay of the
 * same messages over the same channels without the network's logic (LabOptions.rawRelay).
 * Both record every send and receive. Run: npx tsx bench/runtime-route.ts
 */
import { Lab } from '../main/lab/lab';
import { exp, fmt, loadLine, tempStore } from './runtime-util';

const DURATION_MS = Number(process.env.DURATION_MS ?? 5000);

async function once(rawRelay: boolean): Promise<{ perS: number; cpuUsPerMsg: number; delivered: number; routed: number }> {
  const t = tempStore();
  try {
    const experiment = exp({ scenario: 'flood', nodes: 5, durationMs: DURATION_MS, seed: 5, options: { tickMs: 2, eventsPerTick: 0, sendsPerTick: 60 } });
    const lab = await Lab.start({ store: t.store, experiment, rawRelay });
    const c0 = process.cpuUsage();
    const res = await lab.done;
    const c = process.cpuUsage(c0);
    const delivered = res.network.delivered;
    return { perS: delivered / (res.durationMs / 1000), cpuUsPerMsg: (c.user + c.system) / Math.max(1, delivered), delivered, routed: res.network.routed };
  } finally {
    t.done();
  }
}

async function main(): Promise<void> {
  // Alternate to spread the machine's load changes over both.
  const net: number[] = [];
  const raw: number[] = [];
  const cpu = { net: 0, raw: 0 };
  for (let i = 0; i < 2; i++) {
    const r = await once(true);
    raw.push(r.perS);
    cpu.raw = r.cpuUsPerMsg;
    const n = await once(false);
    net.push(n.perS);
    cpu.net = n.cpuUsPerMsg;
  }
  const best = (xs: number[]) => Math.max(...xs);
  console.log(`routing, 5 node processes, flood scenario (60 msgs per 2 ms tick each), ${DURATION_MS} ms per run, best of 2; ${loadLine()}`);
  console.log(`  lab network : ${fmt(best(net))} msgs/s delivered (${cpu.net.toFixed(1)} µs main CPU per message, recording included)`);
  console.log(`  raw relay   : ${fmt(best(raw))} msgs/s delivered (${cpu.raw.toFixed(1)} µs main CPU per message, recording included)`);
  console.log(`  ratio       : ${(best(net) / best(raw)).toFixed(2)}× (target ≥ 0.5×)`);
  console.log(JSON.stringify({ bench: 'runtime-route', durationMs: DURATION_MS, netPerS: net, rawPerS: raw, cpuUsPerMsg: cpu, ratio: best(net) / best(raw) }));
}

void main();
