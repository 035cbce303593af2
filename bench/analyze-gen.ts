/**
 * A generated run for the causality benchmarks: `nodes` nodes taking turns at
 * random; each step is a local event, a send to a random peer, or the delivery
 * of a pending message (in random order, so messages overtake each other). Wall
 * clocks have per-node offsets and drift, so some messages arrive "before" they
 * were sent. Clocks are stamped with the shared clock module as a node would.
 */
import type { LabEvent, VClock } from '../shared/events';
import { createRng } from '../shared/rng';

/** Generate `count` events on `nodes` nodes from `seed`. */
export function generateRun(count: number, nodes: number, seed: number | string): LabEvent[] {
  const rng = createRng(seed);
  const names = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const offsetMs = names.map(() => rng.range(-30, 30));
  const driftPpm = names.map(() => rng.range(-200, 200));
  const seq = new Array<number>(nodes).fill(0);
  const lamport = new Array<number>(nodes).fill(0);
  const clock: VClock[] = names.map(() => ({}));
  const pending: { to: number; msg: string; lamport: number; vclock: VClock; from: number }[][] = names.map(() => []);
  const events: LabEvent[] = [];
  let msgNo = 0;
  let trueMs = 1_700_000_000_000;
  while (events.length < count) {
    trueMs += rng.range(0, 0.2);
    const i = rng.int(0, nodes - 1);
    const roll = rng.next();
    const inbox = pending[i];
    let kind: 'local' | 'send' | 'receive';
    let msg: string | null = null;
    let peer: string | null = null;
    let vc: VClock;
    if (roll < 0.4 && inbox.length > 0) {
      const m = inbox.splice(rng.int(0, inbox.length - 1), 1)[0];
      kind = 'receive';
      msg = m.msg;
      peer = names[m.from];
      vc = { ...clock[i] };
      for (const k in m.vclock) if (m.vclock[k] > (vc[k] ?? 0)) vc[k] = m.vclock[k];
      lamport[i] = Math.max(lamport[i], m.lamport);
    } else {
      vc = { ...clock[i] };
      if (roll < 0.75) {
        kind = 'send';
        let j = rng.int(0, nodes - 2);
        if (j >= i) j++;
        msg = `m${++msgNo}`;
        peer = names[j];
      } else kind = 'local';
    }
    seq[i]++;
    lamport[i]++;
    vc[names[i]] = seq[i];
    clock[i] = vc;
    if (kind === 'send') pending[names.indexOf(peer!)].push({ to: 0, msg: msg!, lamport: lamport[i], vclock: vc, from: i });
    const elapsedMs = trueMs - 1_700_000_000_000;
    events.push({
      run: 'bench', id: events.length + 1, node: names[i], seq: seq[i], kind,
      wall_ms: trueMs + offsetMs[i] + (elapsedMs * driftPpm[i]) / 1e6, mono_ns: null, ref_ms: trueMs,
      lamport: lamport[i], vclock: vc, msg, peer, label: null, data: null,
    });
  }
  return events;
}
