/** Unit and property tests of the Raft core beyond the transcripts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/rng';
import {
  createRaft, describeMessage, handleReady, parseMessage, RaftOptionsError, ticksDue, ticksFromMs,
  type Message, type RaftOptions,
} from '../../../shared/raft';

function opts(over: Partial<RaftOptions> = {}): RaftOptions {
  return {
    id: 'n1',
    peers: ['n1', 'n2', 'n3'],
    electionTimeoutMinTicks: 10,
    electionTimeoutMaxTicks: 20,
    heartbeatIntervalTicks: 2,
    rng: createRng(1),
    ...over,
  };
}

describe('options validation', () => {
  const cases: [string, Partial<RaftOptions>, RegExp][] = [
    ['0 nodes', { peers: [] }, /at least 1 node, got 0/],
    ['timeout equal to heartbeat', { electionTimeoutMinTicks: 2, electionTimeoutMaxTicks: 4 }, /election timeout \(2 ticks\) must be larger than the heartbeat interval \(2 ticks\)/],
    ['timeout below heartbeat', { electionTimeoutMinTicks: 3, electionTimeoutMaxTicks: 4, heartbeatIntervalTicks: 5 }, /must be larger than the heartbeat interval/],
    ['reversed range', { electionTimeoutMinTicks: 20, electionTimeoutMaxTicks: 10 }, /smaller than electionTimeoutMinTicks/],
    ['id not a peer', { id: 'n9' }, /id n9 is not one of peers/],
    ['duplicate peers', { peers: ['n1', 'n1'] }, /duplicates/],
    ['fractional ticks', { heartbeatIntervalTicks: 1.5 }, /heartbeatIntervalTicks must be a positive integer/],
    ['vote for a stranger', { hardState: { term: 1, votedFor: 'n7', log: [] } }, /votedFor n7 is not a peer/],
    ['log ahead of term', { hardState: { term: 1, votedFor: null, log: [{ term: 2 }] } }, /log\[0\]\.term 2/],
  ];
  for (const [name, over, re] of cases) {
    it(`refuses ${name} with one clear line`, () => {
      let err: unknown;
      try {
        createRaft(opts(over));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RaftOptionsError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
    });
  }
  it('converts ms to ticks and refuses nonsense in ms', () => {
    expect(ticksFromMs({ electionTimeoutMinMs: 150, electionTimeoutMaxMs: 300, heartbeatIntervalMs: 75, tickMs: 0.5 }))
      .toEqual({ electionTimeoutMinTicks: 300, electionTimeoutMaxTicks: 600, heartbeatIntervalTicks: 150 });
    expect(() => ticksFromMs({ electionTimeoutMinMs: 50, electionTimeoutMaxMs: 100, heartbeatIntervalMs: 50, tickMs: 1 }))
      .toThrow(/election timeout \(50 ms\) must be larger than the heartbeat interval \(50 ms\)/);
    expect(() => ticksFromMs({ electionTimeoutMinMs: 150, electionTimeoutMaxMs: 300, heartbeatIntervalMs: 75, tickMs: -1 }))
      .toThrow(/tickMs must be a positive number of ms, got -1/);
  });
});

describe('core behaviour', () => {
  it('a single-node cluster elects itself at once', () => {
    const n = createRaft(opts({ peers: ['n1'] }));
    n.campaign();
    expect(n.status().role).toBe('leader');
    const r = n.ready();
    expect(r.hardState).toEqual({ term: 1, votedFor: 'n1', log: [{ term: 1 }] });
    expect(r.messages).toEqual([]);
  });

  it('reports the hard state only when it changed', () => {
    const n = createRaft(opts());
    expect(n.hasReady()).toBe(false);
    n.tick(3);
    expect(n.hasReady()).toBe(false);
    n.step({ type: 'RequestVote', from: 'n2', to: 'n1', term: 4, lastLogIndex: 0, lastLogTerm: 0 });
    const r = n.ready();
    expect(r.hardState).toEqual({ term: 4, votedFor: 'n2', log: [] });
    expect(r.messages.map(describeMessage)).toEqual(['n1->n2 RequestVoteResponse term=4 granted']);
    n.step({ type: 'RequestVote', from: 'n2', to: 'n1', term: 4, lastLogIndex: 0, lastLogTerm: 0 });
    expect(n.ready().hardState).toBeNull();
  });

  it('draws election timeouts from the given Rng within the range', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const t = createRaft(opts({ rng: createRng(seed) })).ticksToNextTimer();
      expect(t).toBeGreaterThanOrEqual(10);
      expect(t).toBeLessThanOrEqual(20);
      seen.add(t);
    }
    expect(seen.size).toBe(11);
  });

  it('never throws on arbitrary input, and drops what does not parse', () => {
    fc.assert(fc.property(fc.anything(), (raw) => {
      const n = createRaft(opts());
      const parsed = parseMessage(raw);
      const drop = n.step(raw);
      if (!parsed.ok) expect(drop?.reason).toBe(parsed.reason);
    }), { numRuns: 500 });
  });

  it('tick(k) is the same as k calls of tick()', () => {
    const msgArb: fc.Arbitrary<Message> = fc.oneof(
      fc.record({ type: fc.constant('RequestVote' as const), from: fc.constantFrom('n2', 'n3'), to: fc.constant('n1'), term: fc.integer({ min: 0, max: 4 }), lastLogIndex: fc.integer({ min: 0, max: 2 }), lastLogTerm: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ type: fc.constant('RequestVoteResponse' as const), from: fc.constantFrom('n2', 'n3'), to: fc.constant('n1'), term: fc.integer({ min: 0, max: 4 }), granted: fc.boolean() }),
      fc.record({ type: fc.constant('AppendEntriesResponse' as const), from: fc.constantFrom('n2', 'n3'), to: fc.constant('n1'), term: fc.integer({ min: 0, max: 4 }), success: fc.boolean(), matchIndex: fc.integer({ min: 0, max: 3 }) }),
    );
    const op = fc.oneof(fc.integer({ min: 0, max: 40 }).map((k) => ({ tick: k })), msgArb.map((m) => ({ msg: m })));
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), fc.boolean(), fc.boolean(), fc.integer(), (ops, preVote, checkQuorum, seed) => {
      const a = createRaft(opts({ rng: createRng(seed), preVote, checkQuorum }));
      const b = createRaft(opts({ rng: createRng(seed), preVote, checkQuorum }));
      for (const o of ops) {
        if ('tick' in o) {
          a.tick(o.tick);
          for (let i = 0; i < o.tick; i++) b.tick();
        } else {
          a.step(o.msg);
          b.step(o.msg);
        }
        expect(a.ready()).toEqual(b.ready());
        expect(a.status()).toEqual(b.status());
        expect(a.ticksToNextTimer()).toBe(b.ticksToNextTimer());
      }
    }), { numRuns: 300 });
  });

  it('handleReady persists before it records and sends, and reports whether there was output', () => {
    const n = createRaft(opts());
    const log: string[] = [];
    const io = {
      persist: (h: { term: number }) => log.push(`persist term=${h.term}`),
      record: (r: { kind: string }) => log.push(`record ${r.kind}`),
      send: (m: Message) => log.push(`send ${m.type}`),
    };
    expect(handleReady(n, io)).toBe(false);
    n.campaign();
    expect(handleReady(n, io)).toBe(true);
    expect(log).toEqual(['persist term=1', 'record state', 'send RequestVote', 'send RequestVote']);
  });

  it('a candidate that hears from a leader of its term follows it with a fresh election timer', () => {
    const n = createRaft(opts());
    n.campaign();
    n.tick(9);
    n.step({ type: 'AppendEntries', from: 'n2', to: 'n1', term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
    expect(n.status()).toMatchObject({ role: 'follower', term: 1, leader: 'n2' });
    expect(n.ticksToNextTimer()).toBeGreaterThanOrEqual(10);
  });

  it('ticksDue catches up on late timers', () => {
    expect(ticksDue(1000, 0, 10, 0)).toBe(100);
    expect(ticksDue(1005, 0, 10, 98)).toBe(2);
    expect(ticksDue(5, 0, 10, 3)).toBe(0);
  });
});
