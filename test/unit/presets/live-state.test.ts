import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/events';
import { applyProcessStates, foldEvents, initialLiveState, liveSnapshot, MAX_FAULT_LOG } from '../../../renderer/src/lib/live-state';

const T0 = 1_764_000_000_000;
let nextId = 1;
function ev(node: string, kind: string, extra: Partial<LabEvent> = {}): LabEvent {
  const id = nextId++;
  return { run: 'r', id, node, seq: id, kind, wall_ms: T0 + id, mono_ns: String(id), ref_ms: T0 + id, lamport: id, vclock: {}, msg: null, peer: null, label: null, data: null, ...extra };
}

describe('live state reducer', () => {
  it('tracks messages in flight from send to receive, and counts duplicates and drops', () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2', 'n3']);
    foldEvents(s, [ev('n1', 'send', { msg: 'm1', peer: 'n2', label: 'm1 → n2' }), ev('n2', 'send', { msg: 'm2', peer: 'n3' }), ev('n3', 'send', { msg: 'm3', peer: 'n1' })]);
    let snap = liveSnapshot(s);
    expect(snap.inFlightCount).toBe(3);
    expect(snap.inFlight.map((m) => `${m.from}>${m.to}`)).toEqual(['n1>n2', 'n2>n3', 'n3>n1']);
    expect(snap.pairs).toEqual(expect.arrayContaining([{ a: 'n1', b: 'n2', count: 1 }, { a: 'n1', b: 'n3', count: 1 }]));
    foldEvents(s, [ev('n2', 'receive', { msg: 'm1', peer: 'n1' }), ev('n2', 'receive', { msg: 'm1', peer: 'n1' }), ev('lab', 'drop', { msg: 'm2', peer: 'n3', data: { from: 'n2', to: 'n3', reason: 'loss' } })]);
    snap = liveSnapshot(s);
    expect(snap.inFlight.map((m) => m.msg)).toEqual(['m3']);
    expect(snap.pairs).toEqual([{ a: 'n1', b: 'n3', count: 1 }]);
    expect(snap.counters).toEqual({ events: 6, sends: 3, receives: 2, drops: 1, duplicates: 1, faults: 0 });
    expect(snap.kinds[0]).toEqual({ kind: 'send', count: 3 });
    expect(snap.nodes.find((n) => n.node === 'n2')).toMatchObject({ sent: 1, received: 2, status: 'up' });
  });

  it('does not leave a message in flight when its receive or drop is recorded before its send', () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2']);
    foldEvents(s, [ev('n2', 'receive', { msg: 'm1', peer: 'n1' }), ev('lab', 'drop', { msg: 'm2', data: { from: 'n1', to: 'n2' } })]);
    foldEvents(s, [ev('n1', 'send', { msg: 'm1', peer: 'n2' }), ev('n1', 'send', { msg: 'm2', peer: 'n2' })]);
    expect(liveSnapshot(s).inFlightCount).toBe(0);
  });

  it('keeps dropped frames in flight on a reliable link (they are retransmitted)', () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2'], 'reliable');
    foldEvents(s, [ev('n1', 'send', { msg: 'm1', peer: 'n2' }), ev('lab', 'drop', { msg: 'm1', data: { from: 'n1', to: 'n2' } })]);
    expect(liveSnapshot(s).inFlightCount).toBe(1);
    foldEvents(s, [ev('n2', 'receive', { msg: 'm1', peer: 'n1' })]);
    expect(liveSnapshot(s).inFlightCount).toBe(0);
  });

  it('follows process state through crash, restart, pause and resume from the lab events, and roles from state events', () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2']);
    expect(liveSnapshot(s).nodes.map((n) => n.status)).toEqual(['starting', 'starting']);
    foldEvents(s, [ev('n1', 'state', { data: { role: 'leader', term: 3 } }), ev('n2', 'state', { data: { role: 'follower', term: 3 } })]);
    expect(liveSnapshot(s).nodes.map((n) => `${n.status}/${n.role}/${n.term}`)).toEqual(['up/leader/3', 'up/follower/3']);
    foldEvents(s, [ev('lab', 'crash', { label: 'crash n1 (SIGKILL)', data: { node: 'n1', expected: true } }), ev('lab', 'pause', { label: 'pause n2', data: { node: 'n2', forMs: 500 } })]);
    let snap = liveSnapshot(s);
    expect(snap.nodes.map((n) => `${n.status}/${n.role}`)).toEqual(['crashed/null', 'paused/follower']);
    expect(snap.faults.map((f) => f.label)).toEqual(['pause n2', 'crash n1 (SIGKILL)']);
    // A late event of the crashed process does not bring it back; a restart does, once it speaks.
    foldEvents(s, [ev('n1', 'local'), ev('lab', 'resume', { data: { node: 'n2' } }), ev('lab', 'fault', { data: { action: 'restart', node: 'n1', incarnation: 1 } })]);
    snap = liveSnapshot(s);
    expect(snap.nodes.map((n) => n.status)).toEqual(['starting', 'up']);
    foldEvents(s, [ev('n1', 'local', { label: 'start' })]);
    expect(liveSnapshot(s).nodes[0]).toMatchObject({ status: 'up', incarnation: 1, last: 'start' });
    expect(liveSnapshot(s).counters.faults).toBe(4);
  });

  it("takes a process state from the lab's list only where the events have not told one yet", () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2', 'n3']);
    foldEvents(s, [ev('lab', 'crash', { data: { node: 'n1' } })]);
    applyProcessStates(s, [{ node: 'n1', state: 'up' }, { node: 'n2', state: 'up' }, { node: 'n3', state: 'paused' }, { node: 'n9', state: 'up' }]);
    expect(liveSnapshot(s).nodes.map((n) => n.status)).toEqual(['crashed', 'up', 'paused']);
  });

  it('reads the clock offset as wall minus reference, the largest of a batch, and logs clock steps', () => {
    nextId = 1;
    const s = initialLiveState(['n1']);
    foldEvents(s, [ev('n1', 'local', { wall_ms: T0 + 1500, ref_ms: T0 + 10 }), ev('n1', 'local', { wall_ms: T0 + 1515, ref_ms: T0 + 12 })]);
    expect(liveSnapshot(s).nodes[0].offsetMs).toBe(1503);
    foldEvents(s, [ev('n1', 'clock', { label: 'step -1500.000 ms', wall_ms: T0 + 20, ref_ms: T0 + 20, data: { action: 'step', step_ms: -1500 } })]);
    const snap = liveSnapshot(s);
    expect(snap.nodes[0].offsetMs).toBe(0);
    expect(snap.faults[0].label).toBe('n1: step -1500.000 ms');
    expect(snap.elapsedMs).toBe(10);
  });

  it('prefers the truth the node stamped (data.true_ms) to the reference time, which lags when the lab is busy', () => {
    nextId = 1;
    const s = initialLiveState(['n1']);
    // Recorded 15 s late: wall − ref would say −15 s; the node's own truth says +250 ms.
    foldEvents(s, [ev('n1', 'local', { wall_ms: T0 + 250, ref_ms: T0 + 15_000, data: { true_ms: T0 } }), ev('n1', 'local', { wall_ms: T0 + 300, ref_ms: T0 + 15_050 })]);
    expect(liveSnapshot(s).nodes[0].offsetMs).toBe(250);
  });

  it('tracks live partitions until healed, skips events it has seen, and bounds the fault log', () => {
    nextId = 1;
    const s = initialLiveState(['n1', 'n2']);
    const cut = ev('lab', 'fault', { label: 'partition n1 > n2', data: { action: 'partition', fault: 1000000, groups: [['n1'], ['n2']], oneWay: true } });
    foldEvents(s, [cut]);
    expect(liveSnapshot(s).partitions).toEqual([{ fault: 1000000, groups: [['n1'], ['n2']], oneWay: true }]);
    foldEvents(s, [cut]);
    expect(liveSnapshot(s).counters.events).toBe(1);
    foldEvents(s, [ev('lab', 'fault', { label: 'heal partition', data: { action: 'heal', fault: 1000000 } })]);
    expect(liveSnapshot(s).partitions).toEqual([]);
    foldEvents(s, Array.from({ length: MAX_FAULT_LOG + 10 }, () => ev('lab', 'pause', { data: { node: 'n1' } })));
    expect(s.faults).toHaveLength(MAX_FAULT_LOG);
    expect(liveSnapshot(s).faults).toHaveLength(20);
  });
});
