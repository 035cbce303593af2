import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchWriter, LabError, SCHEMA_VERSION, APPLICATION_ID, Store } from '../../main/store';
import { ev } from '../helpers/events';
import { tempDir } from '../helpers/tmp';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('SQLite store', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('writes a batch, reopens the file and reads the same events back', () => {
    const path = join(t.dir, 'sub', 'lab.db');
    const s1 = new Store(path);
    const run = s1.createRun({ scenario: 'causality', nodes: ['n1', 'n2'], experiment: { seed: 7 } }).run;
    const batch = [
      ev('n1', 1),
      ev('n1', 2, { kind: 'send', msg: 'm1', peer: 'n2', vclock: { n1: 2 } }),
      ev('n2', 1, { kind: 'receive', msg: 'm1', peer: 'n1', vclock: { n1: 2, n2: 1 }, lamport: 3, data: null }),
    ];
    const stored = s1.appendEvents(run, batch);
    expect(stored.map((e) => e.id)).toEqual([1, 2, 3]);
    s1.finishRun(run, 'done');
    s1.close();

    const s2 = new Store(path);
    const page = s2.events(run, { limit: 10 });
    expect(page.done).toBe(true);
    expect(page.events).toEqual(stored);
    expect(s2.summary(run)).toMatchObject({ run, events: 3, status: 'done', nodes: ['n1', 'n2'], scenario: 'causality' });
    expect(s2.getRun(run)?.experiment).toEqual({ seed: 7 });
    const msg = s2.db.prepare('SELECT * FROM messages WHERE run = ?').get(run);
    expect(msg).toMatchObject({ msg: 'm1', src: 'n1', dst: 'n2', send_id: 2, recv_id: 3 });
    // Ids continue after a reopen.
    expect(s2.appendEvents(run, [ev('n2', 2)])[0].id).toBe(4);
    s2.close();
  });

  it('pages through events and filters by node', () => {
    const s = new Store(join(t.dir, 'lab.db'));
    const run = s.createRun({ scenario: 'x', nodes: ['a', 'b'] }).run;
    s.appendEvents(run, Array.from({ length: 25 }, (_, i) => ev(i % 2 ? 'b' : 'a', i + 1)));
    const p1 = s.events(run, { limit: 10 });
    const p2 = s.events(run, { afterId: p1.lastId, limit: 10 });
    const p3 = s.events(run, { afterId: p2.lastId, limit: 10 });
    expect([p1.done, p2.done, p3.done]).toEqual([false, false, true]);
    expect([...p1.events, ...p2.events, ...p3.events].map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(s.events(run, { nodes: ['b'], limit: 100 }).events.every((e) => e.node === 'b')).toBe(true);
    s.close();
  });

  it('the batched writer commits in batches and reports back-pressure', () => {
    const s = new Store(join(t.dir, 'lab.db'));
    const run = s.createRun({ scenario: 'x', nodes: ['a'] }).run;
    const commits: number[] = [];
    const w = new BatchWriter(s, run, { batchSize: 100, highWaterMark: 1000, flushIntervalMs: 1_000_000, onCommit: (_r, evs) => commits.push(evs.length) });
    const ok = w.enqueue(Array.from({ length: 250 }, (_, i) => ev('a', i + 1)));
    // 250 ≥ batch size: flushed immediately in batches of 100.
    expect(ok).toBe(true);
    expect(commits).toEqual([100, 100, 50]);
    expect(w.pending).toBe(0);
    w.close();
    expect(s.summary(run)?.events).toBe(250);
    s.close();
  });

  it('refuses a file that is not SQLite and leaves it byte for byte', () => {
    const path = join(t.dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(100));
    const before = sha(path);
    expect(() => new Store(path)).toThrow(/not a coordlab database \(not an SQLite file\)/);
    expect(sha(path)).toBe(before);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('refuses an SQLite database of another application untouched', () => {
    const path = join(t.dir, 'other.db');
    const o = new Database(path);
    o.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'ada\')');
    o.close();
    const before = sha(path);
    expect(() => new Store(path)).toThrow(/another application/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a database written by a newer coordlab untouched', () => {
    const path = join(t.dir, 'future.db');
    new Store(path).close();
    const f = new Database(path);
    f.pragma('journal_mode = DELETE');
    f.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    f.close();
    const before = sha(path);
    let err: unknown;
    try {
      new Store(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toMatch(/newer coordlab/);
    expect((err as LabError).exitCode).toBe(2);
    expect(sha(path)).toBe(before);
  });

  it('marks as interrupted a run whose lab process died, keeping its events', () => {
    const path = join(t.dir, 'lab.db');
    const s = new Store(path);
    const run = s.createRun({ scenario: 'x', nodes: ['a'] }).run;
    s.appendEvents(run, [ev('a', 1), ev('a', 2)]);
    // Pretend the recording process was another one that has exited.
    s.db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(2 ** 22 + 12345, run);
    s.close();
    const s2 = new Store(path);
    expect(s2.summary(run)).toMatchObject({ status: 'interrupted', events: 2 });
    expect(s2.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    s2.close();
  });

  it('resolves run references: full id, unique prefix, last; errors otherwise', () => {
    const s = new Store(join(t.dir, 'lab.db'));
    const a = s.createRun({ id: 'abc-1', scenario: 'x', startedAt: new Date(1000) }).run;
    const b = s.createRun({ id: 'abd-2', scenario: 'x', startedAt: new Date(2000) }).run;
    expect(s.resolveRun('abc-1')).toBe(a);
    expect(s.resolveRun('abd')).toBe(b);
    expect(s.resolveRun('last')).toBe(b);
    expect(() => s.resolveRun('ab')).toThrow(/ambiguous/);
    expect(() => s.resolveRun('zzz')).toThrow(/no run 'zzz'/);
    s.close();
  });
});
