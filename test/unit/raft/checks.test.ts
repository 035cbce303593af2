/** The Raft checks find violations in broken histories, and name the events. */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/events';
import { checkElectionSafety, checkMonotonicTerms, checkOneVotePerTerm, checkRaft, summarizeRaft } from '../../../shared/checks';

let nextId = 1;
const seqs = new Map<string, number>();
function ev(node: string, kind: string, data: Record<string, unknown>): LabEvent {
  const seq = (seqs.get(node) ?? 0) + 1;
  seqs.set(node, seq);
  return { run: 'r', id: nextId++, node, seq, kind, wall_ms: null, mono_ns: null, ref_ms: null, lamport: 0, vclock: {}, msg: null, peer: null, label: null, data };
}
const state = (node: string, term: number, role: string, prevRole = 'follower') => ev(node, 'state', { term, role, prevRole, leader: role === 'leader' ? node : null });
const vote = (node: string, term: number, candidate: string, granted = true, preVote = false) => ev(node, 'local', { event: 'vote', term, candidate, granted, preVote });

describe('raft checks', () => {
  it('accept a clean history', () => {
    const h = [state('n1', 1, 'candidate'), vote('n2', 1, 'n1'), state('n1', 1, 'leader', 'candidate'), state('n2', 2, 'candidate'), vote('n1', 2, 'n2'), state('n2', 2, 'leader', 'candidate'), state('n1', 2, 'follower', 'leader')];
    expect(checkRaft(h)).toEqual([]);
  });

  it('find two leaders in one term, with both events', () => {
    const a = state('n1', 3, 'leader', 'candidate');
    const b = state('n2', 3, 'leader', 'candidate');
    const v = checkElectionSafety([a, state('n3', 3, 'follower'), b]);
    expect(v).toEqual([{ check: 'election-safety', message: 'term 3 has 2 leaders: n1, n2', events: [a.id, b.id] }]);
  });

  it('do not count the same leader twice (leader state events when only leader info changes)', () => {
    expect(checkElectionSafety([state('n1', 3, 'leader', 'candidate'), state('n1', 3, 'leader', 'leader')])).toEqual([]);
  });

  it('find a double vote, but not a repeated vote or pre-votes', () => {
    const a = vote('n3', 4, 'n1');
    const b = vote('n3', 4, 'n2');
    expect(checkOneVotePerTerm([a, vote('n3', 4, 'n1'), vote('n3', 4, 'n5', false), b])).toEqual([
      { check: 'one-vote-per-term', message: 'n3 voted for n1 and n2 in term 4', events: [a.id, b.id] },
    ]);
    expect(checkOneVotePerTerm([vote('n4', 5, 'n1', true, true), vote('n4', 5, 'n2', true, true)])).toEqual([]);
  });

  it('find a term going down across a crash-recovery', () => {
    const before = state('n2', 5, 'follower');
    const crash = ev('n2', 'crash', {});
    const after = state('n2', 2, 'follower');
    expect(checkMonotonicTerms([before, crash, ev('n2', 'recover', {}), after])).toEqual([
      { check: 'monotonic-terms', message: "n2's term went from 5 down to 2", events: [before.id, after.id] },
    ]);
  });

  it('ignore events that are not theirs or lack data', () => {
    expect(checkRaft([ev('n1', 'send', { term: 9 }), ev('n1', 'state', {}), { ...state('n1', 1, 'leader'), data: null }])).toEqual([]);
  });

  it('summarize terms, elections and leaders per term', () => {
    const h = [
      ev('n1', 'state', { term: 1, role: 'candidate', prevRole: 'follower', prevTerm: 0 }),
      ev('n1', 'state', { term: 1, role: 'leader', prevRole: 'candidate', prevTerm: 1 }),
      ev('n2', 'state', { term: 2, role: 'candidate', prevRole: 'follower', prevTerm: 1 }),
      ev('n2', 'state', { term: 3, role: 'candidate', prevRole: 'candidate', prevTerm: 2 }),
      ev('n2', 'state', { term: 3, role: 'leader', prevRole: 'candidate', prevTerm: 3 }),
      ev('n3', 'state', { term: 3, role: 'leader', prevRole: 'candidate', prevTerm: 3 }),
    ];
    expect(summarizeRaft(h)).toEqual({ terms: 3, leaders_per_term_max: 2, elections: 3 });
    expect(summarizeRaft([])).toEqual({ terms: 0, leaders_per_term_max: 0, elections: 0 });
  });
});
