import { beforeEach, describe, expect, it } from 'vitest';
import { benchCurve, benchState, buildRaftView, cursorTimeMs, voteRequestOf } from '../../../shared/views';
import { request, reset, state, vote, ev } from './history';

beforeEach(reset);

/** n1 and n2 both time out in term 1 and split the vote (n3 is down); n2 times out first in term 2 and wins. */
function splitThenLeader() {
  return [
    ev('lab', 'local', 1000, { readyMs: 1 }),
    state('n1', 1150, 'follower', 0, 'candidate', 1, 'election timeout'),
    request('n1', 'n2', 1150, 1),
    request('n1', 'n3', 1150, 1),
    state('n2', 1152, 'follower', 0, 'candidate', 1, 'election timeout'),
    request('n2', 'n1', 1152, 1),
    request('n2', 'n3', 1152, 1),
    vote('n2', 1155, 'n1', 1, false),
    vote('n1', 1156, 'n2', 1, false),
    // n3 crashed before it could vote: neither reaches a majority of 3.
    ev('lab', 'crash', 1140, { node: 'n3' }),
    state('n2', 1380, 'candidate', 1, 'candidate', 2, 'election timeout'),
    request('n2', 'n1', 1380, 2),
    state('n1', 1385, 'candidate', 1, 'follower', 2, 'higher term from n2'),
    vote('n1', 1385, 'n2', 2, true),
    state('n2', 1390, 'candidate', 2, 'leader', 2, 'won election', 'n2'),
    ev('lab', 'recover', 1600, { node: 'n3' }),
    ev('lab', 'local', 2000, { status: 'done' }),
  ];
}

describe('buildRaftView', () => {
  it('marks the split vote of term 1 and the leader of term 2', () => {
    const v = buildRaftView(splitThenLeader(), { nodes: ['n1', 'n2', 'n3'] });
    expect(v.frame).toEqual({ t0Ms: 1000, endMs: 1000 });
    expect(v.terms.map((t) => [t.term, t.outcome, t.leader, t.candidates])).toEqual([
      [1, 'split', null, ['n1', 'n2']],
      [2, 'elected', 'n2', ['n2']],
    ]);
    expect(v.terms[1].votes).toEqual({ n2: 1 });
    expect(v.terms[1].leaderAtMs).toBe(390);
    expect(v.summary).toEqual({ terms: 2, leaders_per_term_max: 1, elections: 3 });
    expect(v.violations).toEqual([]);
    expect(v.requests).toHaveLength(5);
    expect(v.votes.map((x) => [x.voter, x.candidate, x.term, x.granted])).toEqual([['n2', 'n1', 1, false], ['n1', 'n2', 1, false], ['n1', 'n2', 2, true]]);
    expect(v.timers.map((t) => [t.node, t.term, t.atMs])).toEqual([['n1', 1, 150], ['n2', 1, 152], ['n2', 2, 380]]);
  });

  it('draws each node as role segments in time order, with a crashed node down until it recovers', () => {
    const v = buildRaftView(splitThenLeader(), { nodes: ['n1', 'n2', 'n3'] });
    const lane = (n: string) => v.segments.filter((s) => s.node === n).map((s) => `${s.role}@${s.term} ${s.startMs}-${s.endMs}`);
    expect(lane('n2')).toEqual(['follower@0 0-152', 'candidate@1 152-380', 'candidate@2 380-390', 'leader@2 390-1000']);
    expect(lane('n1')).toEqual(['follower@0 0-150', 'candidate@1 150-385', 'follower@2 385-1000']);
    expect(lane('n3')).toEqual(['down@0 140-600', 'follower@0 600-1000']);
    expect(v.faults).toEqual([expect.objectContaining({ kind: 'crash', node: 'n3', startMs: 140, endMs: 600, open: false })]);
  });

  it('reports two leaders in one term as a violation', () => {
    const v = buildRaftView([
      state('n1', 10, 'candidate', 1, 'leader', 1, 'won election', 'n1'),
      state('n2', 20, 'candidate', 1, 'leader', 1, 'won election', 'n2'),
    ]);
    expect(v.summary.leaders_per_term_max).toBe(2);
    expect(v.violations).toEqual(['term 1 has 2 leaders: n1, n2']);
    expect(v.nodes).toEqual(['n1', 'n2']);
  });

  it('maps the replay cursor (an event id) to time on the axis', () => {
    const tl: [number, number][] = [[1, 0], [11, 100], [21, 300]];
    expect(cursorTimeMs(tl, 0)).toBe(-Infinity);
    expect(cursorTimeMs(tl, 6)).toBe(50);
    expect(cursorTimeMs(tl, 16)).toBe(200);
    expect(cursorTimeMs(tl, 21)).toBe(Infinity);
  });
});

describe('voteRequestOf', () => {
  it('reads a request from the data (runtime) or the label (simulator), and not a response', () => {
    expect(voteRequestOf(request('n1', 'n2', 0, 3))).toEqual({ term: 3, preVote: false });
    expect(voteRequestOf(ev('n1', 'send', 0, null, { label: 'n1->n2 PreVote term=4 lastLogIndex=0 lastLogTerm=0' }))).toEqual({ term: 4, preVote: true });
    expect(voteRequestOf(ev('n2', 'send', 0, null, { label: 'n2->n1 PreVoteResponse term=4 granted' }))).toBeNull();
    expect(voteRequestOf(ev('n2', 'send', 0, { type: 'AppendEntries', term: 2 }))).toBeNull();
  });
});

describe('benchState', () => {
  it('is done only when every range has its curve, with the paper figures beside it', () => {
    const q = { trials: 2, seed: 1, ranges: ['150-155', '12-24'] };
    const c1 = benchCurve('150-155', [300, 250], 10_000);
    expect(c1).toMatchObject({ range: '150-155', trials: 2, median_ms: 275, max_ms: 300, censored: 0, cdf: [[250, 0.5], [300, 1]] });
    const mid = benchState(q, [c1], 4);
    expect([mid.done, mid.progress]).toEqual([false, 1]);
    expect(mid.paper.find((p) => p.range === '150-155' && p.stat === 'median_ms')!.labMs).toBe(275);
    expect(mid.paper.find((p) => p.range === '12-24')!.labMs).toBeNull();
    const end = benchState(q, [c1, benchCurve('12-24', [30, 40], 10_000)], 4);
    expect(end.done).toBe(true);
  });
});
