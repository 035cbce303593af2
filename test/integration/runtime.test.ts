/**
 * The lab runtime on real node processes and a real SQLite file: the causality
 * scenario's clocks, the chapter's vector-clock figure, faults, and nodes that die,
 * hang or talk garbage.
 */
import { describe, expect, it } from 'vitest';
import { analyzeLease, leaseViolations } from '../../shared/checks/lease';
import { checkRaft } from '../../shared/checks/raft';
import { vcCompare } from '../../shared/clocks';
import type { LabEvent } from '../../shared/events';
import { VCLOCK_FIGURE_EXPECTED } from '../../shared/scenarios';
import { Lab, type LabOptions } from '../../main/lab/lab';
import { alive, eventsOf, experiment, nodeEvents, until, freshStorePerTest } from './runtime-helpers';

const fresh = freshStorePerTest();

async function run(opts: Omit<LabOptions, 'store'>): Promise<{ lab: Lab; events: LabEvent[] }> {
  const lab = await Lab.start({ store: fresh.store(), ...opts });
  await lab.done;
  return { lab, events: eventsOf(fresh.store(), lab.run) };
}

/** Per node: seq 1..n without gaps, and the node's own vector entry counts its events. */
function expectWellStamped(events: LabEvent[], nodes: string[]): void {
  for (const n of nodes) {
    const evs = nodeEvents(events, n);
    expect(evs.map((e) => e.seq)).toEqual(evs.map((_, i) => i + 1));
    for (const e of evs) expect(e.vclock[n]).toBe(e.seq);
  }
}

describe('lab runtime', () => {
  it('runs causality on 4 processes and records every event with wall, mono, Lamport and vector clocks', async () => {
    const exp = experiment('causality', { nodes: '4', duration: '2s', seed: '7', offset: ['n2=-250ms'], drift: ['n3=+200ppm'] });
    const { lab, events } = await run({ experiment: exp });
    const summary = fresh.store().summary(lab.run)!;
    expect(summary.status).toBe('done');
    expect(summary.events).toBe(events.length);
    const detail = fresh.store().getRun(lab.run)!;
    expect(detail.experiment).toMatchObject({ scenario: 'causality', seed: 7, nodes: ['n1', 'n2', 'n3', 'n4'] });
    expect(detail.meta).toMatchObject({ host: { hostname: expect.any(String) }, versions: { node: process.versions.node }, startedAt: expect.any(String) });

    const nodeEvs = events.filter((e) => e.node !== 'lab');
    expect(nodeEvs.length).toBeGreaterThan(100);
    for (const e of nodeEvs) {
      expect(typeof e.wall_ms).toBe('number');
      expect(e.mono_ns).toMatch(/^\d+$/);
      expect(typeof e.ref_ms).toBe('number');
    }
    expectWellStamped(events, exp.nodes);
    // n2 runs 250 ms behind the host.
    const n2 = nodeEvents(events, 'n2');
    // Against the host clock read with each event in the node (data.true_ms): exactly 250 ms.
    for (const e of n2) expect(Math.abs(Number(e.data!.true_ms) - e.wall_ms! - 250), `n2 seq ${e.seq}`).toBeLessThan(1);
    // ref_ms, stamped by main on receipt, is later still (channel and batching delay).
    const lag = n2.map((e) => e.ref_ms! - e.wall_ms!).sort((a, b) => a - b)[n2.length >> 1];
    expect(lag).toBeGreaterThan(240);
    // Monotonic readings never go back on a node.
    for (const n of exp.nodes) {
      const mono = nodeEvents(events, n).map((e) => BigInt(e.mono_ns!));
      for (let i = 1; i < mono.length; i++) expect(mono[i] >= mono[i - 1]).toBe(true);
    }
    // Wall-clock anomalies: n2's clock is 250 ms behind, so messages to n2 arrive "before" they were sent.
    const sent = new Map(events.filter((e) => e.kind === 'send').map((e) => [e.msg!, e]));
    const inversions = events.filter((e) => e.kind === 'receive' && e.node === 'n2' && e.wall_ms! < sent.get(e.msg!)!.wall_ms!);
    expect(inversions.length).toBeGreaterThan(3);
    // Every receive comes after its send in both logical orders.
    const sends = new Map(events.filter((e) => e.kind === 'send').map((e) => [e.msg!, e]));
    const receives = events.filter((e) => e.kind === 'receive');
    expect(receives.length).toBeGreaterThan(30);
    for (const r of receives) {
      const s = sends.get(r.msg!)!;
      expect(s.peer).toBe(r.node);
      expect(r.peer).toBe(s.node);
      expect(r.lamport).toBeGreaterThan(s.lamport);
      expect(vcCompare(s.vclock, r.vclock)).toBe('before');
    }
  });

  it("reproduces the chapter's vector-clock figure: B happened before C, E is concurrent with C", async () => {
    const { lab, events } = await run({ experiment: experiment('vclock-figure', { nodes: '3', duration: '600ms' }) });
    expect(fresh.store().summary(lab.run)!.status).toBe('done');
    const byLabel = new Map(events.filter((e) => e.node !== 'lab').map((e) => [e.label!, e]));
    expect([...byLabel.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    for (const [label, vc] of Object.entries(VCLOCK_FIGURE_EXPECTED)) expect(byLabel.get(label)!.vclock).toEqual(vc);
    const v = (l: string) => byLabel.get(l)!.vclock;
    expect(vcCompare(v('B'), v('C'))).toBe('before');
    expect(vcCompare(v('E'), v('C'))).toBe('concurrent');
    expect(vcCompare(v('A'), v('F'))).toBe('before');
    expect(byLabel.get('B')!.msg).toBe(byLabel.get('C')!.msg);
  });

  it('records a node that writes garbage, one that hangs and one that exits as crashed, and the run goes on', async () => {
    const exp = experiment('causality', { nodes: '4', duration: '3200ms' });
    const env = { ...process.env, COORDLAB_MISBEHAVE: 'n2:garbage@300,n3:hang@300,n4:exit@300' };
    const { lab, events } = await run({ experiment: exp, env, hangMs: 1500 });
    const crashes = events.filter((e) => e.kind === 'crash');
    const reason = (n: string) => String(crashes.find((e) => e.data?.node === n)?.data?.reason);
    expect(reason('n2')).toMatch(/garbage on its channel/);
    expect(reason('n3')).toMatch(/hung: nothing on its channel/);
    expect(reason('n4')).toMatch(/exited with code 3/);
    expect(fresh.store().summary(lab.run)!.status).toBe('done');
    // n1 kept going after the last crash was recorded.
    const lastCrash = Math.max(...crashes.map((e) => e.ref_ms!));
    expect(events.filter((e) => e.node === 'n1' && e.ref_ms! > lastCrash + 300).length).toBeGreaterThan(5);
    expect(lab.nodes().every((n) => n.pid === null)).toBe(true);
  });

  it('loses no event main received when a node is killed -9 mid-run', async () => {
    const lab = await Lab.start({ store: fresh.store(), experiment: experiment('causality', { nodes: '3', duration: '1500ms', seed: '3' }) });
    // Kill it mid-run, once main has recorded some of its events.
    expect(await until(() => eventsOf(fresh.store(), lab.run).filter((e) => e.node === 'n2').length >= 5, 5000)).toBe(true);
    const pid = lab.nodes().find((n) => n.node === 'n2')!.pid!;
    process.kill(pid, 'SIGKILL');
    await lab.done;
    const events = eventsOf(fresh.store(), lab.run);
    const crash = events.find((e) => e.kind === 'crash' && e.data?.node === 'n2')!;
    expect(crash.data!.reason).toMatch(/killed by SIGKILL/);
    const n2 = nodeEvents(events, 'n2');
    expect(n2.length).toBe(crash.data!.lastSeq);
    expect(n2.map((e) => e.seq)).toEqual(n2.map((_, i) => i + 1));
    expect(alive(pid)).toBe(false);
  });

  it('records crash, restart with durable state, pause (SIGSTOP) and clock-step faults', async () => {
    const exp = experiment('causality', { nodes: '3', duration: '2200ms', crash: ['n1@400ms'], restart: ['n1@800ms'], pause: ['n2@300ms+600ms'], step: ['n3@500ms-1s'] });
    const { lab, events } = await run({ experiment: exp });
    const lab1 = events.filter((e) => e.node === 'lab');
    expect(lab1.find((e) => e.kind === 'crash')?.data).toMatchObject({ node: 'n1', expected: true });
    expect(lab1.find((e) => e.kind === 'fault' && e.data?.action === 'restart')?.data).toMatchObject({ node: 'n1', incarnation: 1 });
    const pause = lab1.find((e) => e.kind === 'pause')!;
    const resume = lab1.find((e) => e.kind === 'resume')!;
    expect(resume.ref_ms! - pause.ref_ms!).toBeGreaterThan(550);
    // The paused process really stopped: n2 recorded nothing stamped inside the pause.
    const n2 = nodeEvents(events, 'n2');
    const inside = n2.filter((e) => e.wall_ms! > pause.ref_ms! + 50 && e.wall_ms! < resume.ref_ms! - 50);
    expect(inside).toEqual([]);
    // n1 came back as incarnation 1, continuing its seq and clocks.
    const n1 = nodeEvents(events, 'n1');
    const recover = n1.find((e) => e.kind === 'recover')!;
    expect(recover.label).toMatch(/incarnation 1/);
    expect(n1.filter((e) => e.seq > recover.seq).length).toBeGreaterThan(5);
    // Its core started from the durable state it wrote before the crash (the message counter).
    const starts = n1.filter((e) => e.label === 'start');
    const sentBefore = n1.filter((e) => e.kind === 'send' && e.seq < recover.seq).length;
    expect(starts.map((e) => e.data?.incarnation)).toEqual([0, 1]);
    // (≥: a send persisted just before the SIGKILL may not have reached main.)
    const durableSent = Number(starts[1].data?.durableSent);
    expect(durableSent).toBeGreaterThanOrEqual(sentBefore);
    expect(durableSent).toBeLessThanOrEqual(sentBefore + 1);
    expect(n1.find((e) => e.kind === 'send' && e.seq > recover.seq)?.label).toMatch(new RegExp(`^m${durableSent + 1} `));
    expectWellStamped(events, exp.nodes);
    // n3's wall clock stepped back by a second.
    const step = nodeEvents(events, 'n3').find((e) => e.kind === 'clock')!;
    expect(step.data).toMatchObject({ stepMs: -1000 });
    expect(fresh.store().summary(lab.run)!.status).toBe('done');
  });

  it('a partition drops the messages that cross it, until it heals', async () => {
    const exp = experiment('causality', { nodes: '4', duration: '2s', partition: ['n1,n2|n3,n4@0ms..1200ms'] });
    const { events } = await run({ experiment: exp });
    const heal = events.find((e) => e.node === 'lab' && e.label === 'heal partition')!;
    const side = (n: string) => (n === 'n1' || n === 'n2' ? 'a' : 'b');
    const receives = events.filter((e) => e.kind === 'receive');
    const crossBefore = receives.filter((e) => side(e.node) !== side(e.peer!) && e.id < heal.id);
    expect(crossBefore).toEqual([]);
    const drops = events.filter((e) => e.kind === 'drop' && e.data?.reason === 'partitioned');
    expect(drops.length).toBeGreaterThan(5);
    for (const d of drops) expect(side(String(d.data!.from))).not.toBe(side(String(d.data!.to)));
    expect(receives.filter((e) => side(e.node) !== side(e.peer!) && e.id > heal.id).length).toBeGreaterThan(0);
  });

  it('reliable link over a lossy, duplicating network: every message is delivered exactly once', async () => {
    const exp = experiment('causality', { nodes: '3', duration: '2s', link: 'reliable', loss: '0.2', dup: '0.2' });
    const { events } = await run({ experiment: exp });
    const sends = events.filter((e) => e.kind === 'send');
    const receives = events.filter((e) => e.kind === 'receive');
    expect(events.filter((e) => e.kind === 'drop' && e.data?.reason === 'lost').length).toBeGreaterThan(5);
    const perMsg = new Map<string, number>();
    for (const r of receives) perMsg.set(r.msg!, (perMsg.get(r.msg!) ?? 0) + 1);
    expect([...perMsg.values()].every((n) => n === 1)).toBe(true);
    // Everything sent in the first half second got through despite 20 % loss (≥ 6 tries each since:
    // the backoff doubles from 50 ms, so all copies lost has odds 0.2^6 per message).
    const start = events[0].ref_ms!;
    const early = sends.filter((e) => e.ref_ms! < start + 500);
    expect(early.length).toBeGreaterThan(10);
    for (const s of early) expect(perMsg.get(s.msg!), s.msg!).toBe(1);
  });

  it('authenticated link: a forged message is rejected and recorded as forged', async () => {
    const exp = experiment('causality', { nodes: '3', duration: '1200ms', link: 'authenticated', forge: ['n1>n3@400ms'] });
    const { events } = await run({ experiment: exp });
    const forged = events.filter((e) => e.kind === 'forged');
    expect(forged.length).toBe(1);
    expect(forged[0]).toMatchObject({ node: 'n3', peer: 'n1' });
    expect(forged[0].label).toMatch(/MAC does not verify/);
    expect(events.some((e) => e.kind === 'receive' && e.msg?.startsWith('forged'))).toBe(false);
    // Real messages still flow under the authenticated link.
    expect(events.filter((e) => e.kind === 'receive').length).toBeGreaterThan(10);
  });

  it('reliable link without authentication: a forged message is accepted as if it came from the claimed node', async () => {
    const exp = experiment('causality', { nodes: '3', duration: '1200ms', link: 'reliable', forge: ['n1>n3@400ms'] });
    const { events } = await run({ experiment: exp });
    const forged = events.find((e) => e.kind === 'receive' && e.msg?.startsWith('forged'))!;
    expect(forged).toMatchObject({ node: 'n3', peer: 'n1' });
    expect(events.some((e) => e.kind === 'forged')).toBe(false);
    // It does not disturb the real link from n1 (same epoch, an unused sequence number).
    expect(events.filter((e) => e.kind === 'receive' && e.node === 'n3' && e.peer === 'n1' && e.id > forged.id).length).toBeGreaterThan(2);
  });

  it('back-pressure: a writer that falls behind holds the nodes instead of queueing without bound, and loses nothing', async () => {
    const exp = experiment('flood', { nodes: '3', duration: '1500ms' });
    exp.options = { tickMs: 1, eventsPerTick: 500 };
    const { lab, events } = await run({ experiment: exp, highWaterMark: 3000, windowEvents: 4000 });
    const res = await lab.done;
    expect(res.writer.holds).toBeGreaterThan(0);
    // Bounded: the high-water mark plus what was already on its way when the nodes were told to hold.
    expect(res.writer.maxPending).toBeLessThan(3000 + 3 * 4000 + 3 * 512);
    expectWellStamped(events, exp.nodes);
    expect(events.length).toBe(res.events);
  });

  it('raft on real processes: a leader is elected, `leader` crashes, a new one takes over, and the Raft checks hold', async () => {
    const exp = experiment('raft', { nodes: '5', duration: '2500ms', crash: ['leader@1200ms'], seed: '11' });
    const { events } = await run({ experiment: exp });
    expect(checkRaft(events)).toEqual([]);
    const leaders = events.filter((e) => e.kind === 'state' && e.data?.role === 'leader');
    const crash = events.find((e) => e.node === 'lab' && e.kind === 'crash')!;
    const before = leaders.filter((e) => e.id < crash.id).at(-1)!;
    expect(crash.data?.node).toBe(before.node);
    const after = leaders.find((e) => e.id > crash.id)!;
    expect(after.node).not.toBe(before.node);
    expect(Number(after.data!.term)).toBeGreaterThan(Number(before.data!.term));
    expectWellStamped(events, exp.nodes);
  });

  it('failure detectors on real processes: a SIGSTOPped node is suspected by the others, then trusted again', async () => {
    const exp = experiment('fd', { nodes: '3', duration: '2500ms', detectors: 'heartbeat,phi', pause: ['n2@800ms+1000ms'] });
    const { events } = await run({ experiment: exp });
    const pause = events.find((e) => e.kind === 'pause')!;
    const resume = events.find((e) => e.kind === 'resume')!;
    for (const watcher of ['n1', 'n3']) {
      for (const det of ['heartbeat', 'phi']) {
        const about = events.filter((e) => e.node === watcher && e.peer === 'n2' && e.data?.detector === det);
        const suspect = about.find((e) => e.kind === 'suspect' && e.id > pause.id);
        expect(suspect, `${watcher} ${det}`).toBeDefined();
        expect(suspect!.id).toBeLessThan(resume.id);
        expect(about.find((e) => e.kind === 'trust' && e.id > resume.id), `${watcher} ${det}`).toBeDefined();
      }
    }
  });

  it('--ntp lab: a node whose clock is 300 ms fast steps it back from the lab time server', async () => {
    const exp = experiment('causality', { nodes: '3', duration: '2500ms', offset: ['n2=+300ms'], ntp: ['lab'] });
    exp.options = { ...exp.options, ntpPollMs: 300 };
    const { events } = await run({ experiment: exp });
    const n2 = nodeEvents(events, 'n2');
    expect(n2.filter((e) => e.kind === 'ntp').length).toBeGreaterThan(2);
    const step = n2.find((e) => e.kind === 'clock' && e.data?.action === 'step')!;
    // An offset estimate is right to within its exchanges' error bound (δ/2), which widens
    // when a loaded machine answers or reads late.
    const delays = n2.filter((e) => e.kind === 'ntp' && e.seq < step.seq && typeof e.data?.delay_ms === 'number').map((e) => Number(e.data!.delay_ms));
    expect(delays.length).toBeGreaterThan(0);
    const bound = Math.max(...delays) / 2 + 1;
    expect(Math.abs(Number(step.data!.step_ms) + 300)).toBeLessThanOrEqual(bound);
    // The clock's error at each event: its wall reading against the host clock read at the
    // same instant in the node (data.true_ms). (ref_ms is stamped later, in main, on
    // receipt: under load that lag is tens of ms, so it cannot measure a clock's error.)
    const err = (e: LabEvent) => e.wall_ms! - Number(e.data!.true_ms);
    // The poll that stepped records its exchange after the step was applied: "before" ends there.
    const trigger = n2.filter((e) => e.kind === 'ntp' && e.seq < step.seq).at(-1)!;
    const before = n2.filter((e) => e.seq < trigger.seq).map(err);
    const after = n2.filter((e) => e.seq > step.seq).map(err);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const x of before) expect(Math.abs(x - 300)).toBeLessThan(1);
    for (const x of after) expect(Math.abs(x)).toBeLessThan(Math.max(5, bound));
  });

  it('lease election with fencing: a paused `leader` loses the lease to another node and the store never has two holders', async () => {
    const exp = experiment('lease', { nodes: 'n1,n2,n3,store,storage', duration: '3500ms', pause: ['leader@1200ms+1500ms'], fencing: 'on' });
    const { events } = await run({ experiment: exp });
    const pause = events.find((e) => e.kind === 'pause')!;
    const resume = events.find((e) => e.kind === 'resume')!;
    expect(resume.data?.node).toBe(pause.data?.node);
    const paused = String(pause.data!.node);
    const leadersAfter = events.filter((e) => e.kind === 'state' && e.data?.role === 'leader' && e.id > pause.id).map((e) => e.node);
    expect(leadersAfter.some((n) => n !== paused)).toBe(true);
    const report = analyzeLease(events);
    expect(leaseViolations(report)).toEqual([]);
    expect(report.writes_accepted).toBeGreaterThan(3);
  });

  it('a live fault injected through the lab is recorded; unknown nodes are refused', async () => {
    const lab = await Lab.start({ store: fresh.store(), experiment: experiment('causality', { nodes: '3', duration: '1200ms' }) });
    expect(() => lab.inject({ kind: 'crash', node: 'n9', atMs: 0 })).toThrow(/unknown node n9/);
    lab.inject({ kind: 'pause', node: 'n3', atMs: 0, forMs: 200 });
    await lab.done;
    const events = eventsOf(fresh.store(), lab.run);
    expect(events.find((e) => e.kind === 'pause')?.data).toMatchObject({ node: 'n3', live: true });
    expect(events.find((e) => e.kind === 'resume')?.data).toMatchObject({ node: 'n3', live: true });
    await until(() => lab.nodes().every((n) => n.pid === null), 1000);
  });
});
