/**
 * main/api/topics.ts over a real SQLite store: which topic views apply to which run, and
 * that each view model is built from the events its topic needs (not the whole run).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '../../../main/api/topics';
import { Store } from '../../../main/store';
import { buildRaftView, type LeasesView, type RaftView } from '../../../shared/views';
import { tempDir } from '../../helpers/tmp';
import { fdRun, leaseRun, raftRun } from '../../e2e/ui-topics-fixtures';

describe('Topics over the store', () => {
  const t = tempDir();
  let store: Store;
  let topics: Topics;
  let raft: ReturnType<typeof raftRun>;
  let fd: string;
  let lease: string;

  beforeAll(() => {
    store = new Store(join(t.dir, 'lab.db'));
    raft = raftRun(store, 1);
    fd = fdRun(store).run;
    lease = leaseRun(store, false).run;
    topics = new Topics(store.db);
  });
  afterAll(() => {
    store.close();
    t.cleanup();
  });

  it('offers only the topics a run has events for', () => {
    expect(topics.topics(raft.run).map((x) => x.topic)).toEqual(['raft']);
    expect(topics.topics(fd).map((x) => x.topic)).toEqual(['detectors']);
    expect(topics.topics(lease).map((x) => x.topic)).toEqual(['leases']);
    expect(() => topics.topics('nope')).toThrow(/no run 'nope'/);
  });

  it('builds the Raft view from the selected events exactly as from the whole run', () => {
    const v = topics.analysis(raft.run, 'raft') as RaftView;
    const whole = buildRaftView(raft.events, { nodes: ['n1', 'n2', 'n3', 'n4', 'n5'] });
    expect(v.terms).toEqual(whole.terms);
    expect(v.requests.length).toBe(whole.requests.length);
    expect(v.requests.length).toBeGreaterThan(0);
    expect(v.votes).toEqual(whole.votes);
    // The replay timeline spans the run's ids in order.
    expect(v.timeline[0][0]).toBe(1);
    expect(v.timeline[v.timeline.length - 1][0]).toBe(raft.events.length);
    expect(topics.analysis(raft.run, 'raft')).toBe(v); // cached
  });

  it('builds the leases view with the corruption', () => {
    const v = topics.analysis(lease, 'leases') as LeasesView;
    expect(v.summary.stale_writes_overwriting).toBe(1);
    expect(v.fencing).toBe(false);
  });
});
