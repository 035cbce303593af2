import { closeSync, ftruncateSync, openSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { EWD998_DELIMITER, EWD998_REGEX, EWD998_RUNS, FIXTURE_DIR } from '../unit/formats/fixtures';

/** `coordlab … --json` parsed, failing with the stderr when the exit code is not 0. */
function json(args: string[]): any {
  const r = cli(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}

describe('coordlab import / analyze / export on the ShiViz fixtures', () => {
  const t = tempDir('coordlab-causality-');
  const db = join(t.dir, 'lab.db');
  let rpcRun: string;
  afterAll(() => t.cleanup());

  beforeAll(() => {
    const out = json(['import', join(FIXTURE_DIR, 'rpc-client-server.log'), '--db', db, '--json']);
    expect(out.runs).toEqual([{ run: expect.any(String), label: 'rpc-client-server.log', events: 10 }]);
    rpcRun = out.runs[0].run;
  });

  it('rpc-client-server.log: the README counts', () => {
    expect(json(['analyze', rpcRun, '--db', db, '--json'])).toMatchObject({
      run: rpcRun, events: 10, nodes: 2, messages: 4, hb_pairs: 43, concurrent_pairs: 2, wall_inversions: 0,
    });
    const human = cli(['analyze', rpcRun, '--db', db]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('43 of 45 event pairs by happened-before');
  });

  it('ewd998.log with --regex/--delimiter: three runs labelled by trace, each with the README counts', () => {
    const out = json(['import', join(FIXTURE_DIR, 'ewd998.log'), '--regex', EWD998_REGEX, '--delimiter', EWD998_DELIMITER, '--db', db, '--json']);
    expect(out.runs.map((r: { label: string; events: number }) => [r.label, r.events])).toEqual(EWD998_RUNS.map(([label, , events]) => [label, events]));
    out.runs.forEach((r: { run: string }, k: number) => {
      const [, nodes, events, messages, hb, conc] = EWD998_RUNS[k];
      expect(json(['analyze', r.run, '--db', db, '--json'])).toMatchObject({ nodes, events, messages, hb_pairs: hb, concurrent_pairs: conc });
    });
  });

  it('round trips: export shiviz → import and export jsonl → import keep the happened-before counts', () => {
    const before = json(['analyze', rpcRun, '--db', db, '--json']);
    for (const format of ['shiviz', 'jsonl']) {
      const file = join(t.dir, `rpc.${format === 'shiviz' ? 'log' : 'jsonl'}`);
      const w = cli(['export', rpcRun, '--format', format, '-o', file, '--db', db]);
      expect(w.code, w.stderr).toBe(0);
      const back = json(['import', file, '--db', db, '--json']).runs;
      expect(back).toHaveLength(1);
      expect(json(['analyze', back[0].run, '--db', db, '--json'])).toMatchObject({ events: 10, nodes: 2, messages: 4, hb_pairs: before.hb_pairs, concurrent_pairs: before.concurrent_pairs });
    }
  });

  it('export csv and perfetto to stdout', () => {
    const csv = cli(['export', rpcRun, '--format', 'csv', '--db', db]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('run,id,node,seq,kind,wall_ms,mono_ns,ref_ms,lamport,vclock,msg,peer,label,data');
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(11);
    const trace = JSON.parse(cli(['export', rpcRun, '--format', 'perfetto', '--db', db]).stdout);
    expect(trace.traceEvents.filter((e: { ph: string }) => e.ph === 'X')).toHaveLength(10);
    expect(trace.traceEvents.filter((e: { ph: string }) => e.ph === 's')).toHaveLength(4);
  });

  it('GoVector per-process files merge into one run', () => {
    const a = join(t.dir, 'client-Log.txt');
    const b = join(t.dir, 'server-Log.txt');
    writeFileSync(a, '1700000000000000000 client {"client":1}\nInitialization Complete\n1700000000001000000 client {"client":2}\nsend\n');
    writeFileSync(b, '1700000000000500000 server {"server":1}\nInitialization Complete\n1700000000000900000 server {"client":2, "server":2}\nrecv\n');
    const out = json(['import', a, b, '--db', db, '--json']);
    expect(out.runs).toEqual([{ run: expect.any(String), label: 'client-Log.txt + server-Log.txt', events: 4 }]);
    expect(json(['analyze', out.runs[0].run, '--db', db, '--json'])).toMatchObject({ messages: 1, hb_pairs: 4, wall_inversions: 1 });
  });

  it('a recorded-style JSONL run: messages by id, wall inversions, clock error from data.true_ms, raft section', () => {
    const rows = [
      { run: 'lab-1', id: 1, node: 'n1', seq: 1, kind: 'send', wall_ms: 1000, lamport: 1, vclock: { n1: 1 }, msg: 'm1', peer: 'n2', data: { true_ms: 1000 } },
      { run: 'lab-1', id: 2, node: 'n2', seq: 1, kind: 'receive', wall_ms: 995, lamport: 2, vclock: { n1: 1, n2: 1 }, msg: 'm1', peer: 'n1', data: { true_ms: 1003 } },
      { run: 'lab-1', id: 3, node: 'n2', seq: 2, kind: 'local', wall_ms: 996, lamport: 3, vclock: { n1: 1, n2: 2 }, data: { true_ms: 1004 } },
      { run: 'lab-1', id: 4, node: 'n1', seq: 2, kind: 'state', wall_ms: 1001, lamport: 2, vclock: { n1: 2 }, data: { true_ms: 1001, term: 1, role: 'leader' } },
    ];
    const file = join(t.dir, 'recorded.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = json(['import', file, '--db', db, '--json']);
    expect(out.runs).toEqual([{ run: expect.any(String), label: 'lab-1', events: 4 }]);
    expect(json(['analyze', out.runs[0].run, '--db', db, '--json'])).toMatchObject({
      messages: 1, messages_from: 'msg', hb_pairs: 4, wall_inversions: 1, wall_against_causality: 2, lamport_ties: 1,
      clock_error_ms: { n1: { max: 0, final: 0 }, n2: { max: 8, final: -8 } },
      raft: { terms: 1, leaders_per_term_max: 1, elections: 0 },
    });
    expect(json(['analyze', rpcRun, '--db', db, '--json'])).not.toHaveProperty('raft');
  });

  it('a run whose clocks refer to unrecorded events (a lost tail) is analysed over what was recorded', () => {
    const rows: { run: string; node: string; seq: number; kind: string; lamport: number; vclock: Record<string, number> }[] = [
      { run: 'lost-tail', node: 'n1', seq: 1, kind: 'local', lamport: 1, vclock: { n1: 1 } },
      { run: 'lost-tail', node: 'n2', seq: 1, kind: 'receive', lamport: 3, vclock: { n1: 2, n2: 1 } },
    ];
    const file = join(t.dir, 'lost-tail.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    // Import is strict (a log must be complete) ...
    const bad = cli(['import', file, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^coordlab: .*lost-tail\.jsonl:2: .*n1:2 refers to an event that does not exist/);
    // ... a recorded run with a lost tail (written by the lab's store) is analysed over what it has.
    const s = new Store(db);
    const id = s.createRun({ scenario: 'causality', label: 'lost tail', nodes: ['n1', 'n2'] }).run;
    s.appendEvents(id, rows.map(({ run: _run, ...r }) => ({ wall_ms: null, mono_ns: null, ref_ms: null, msg: null, peer: null, label: null, data: null, ...r })));
    s.finishRun(id, 'interrupted');
    s.close();
    expect(json(['analyze', id, '--db', db, '--json'])).toMatchObject({ events: 2, hb_pairs: 1, concurrent_pairs: 0, missing_events: 1 });
  });

  describe('bad input: one line naming file and line, exit 2, database unchanged', () => {
    const cases: [string, string, string[], RegExp][] = [
      ['no-event-group.log', '(?<host>\\S*) (?<clock>{.*})\n\na {"a":1}\nx\n', [], /no-event-group\.log:1: parser regex lacks the named group \(\?<event>…\)$/],
      ['clock-not-json.log', 'a {"a":1}\nok\na {a:2}\nbad\n', [], /clock-not-json\.log:3: clock is not JSON/],
      ['host-missing.log', 'a {"a":1}\nok\nb {"a":1}\nbad\n', [], /host-missing\.log:3: host "b" is missing from its own clock/],
      ['counter-skips.log', 'a {"a":1}\nx\na {"a":3}\ny\n', [], /counter-skips\.log:3: clock for host "a" goes from 1 to 3/],
      ['not-a-log.txt', 'Dear diary,\nnothing happened today.\n', [], /not-a-log\.txt:1: the parser regex matches no event/],
      ['empty.log', '', [], /empty\.log:1: empty file/],
      ['bad-regex-option.log', 'a {"a":1}\nx\n', ['--regex', '(?<host>\\S+) (?<event>.*)'], /bad-regex-option\.log \(--regex\): parser regex lacks the named group \(\?<clock>…\)$/],
    ];
    /** Every run and its event count, read directly from the database file. */
    const snapshot = (): string => {
      const s = new Store(db, { readonly: true });
      try {
        return JSON.stringify(s.listRuns({ limit: 10000 }).map((r) => [r.run, r.label, r.events, r.status]));
      } finally {
        s.close();
      }
    };
    let runsBefore: string;
    beforeAll(() => {
      runsBefore = snapshot();
    });
    for (const [name, text, extra, message] of cases) {
      it(name, () => {
        const file = join(t.dir, name);
        writeFileSync(file, text);
        const r = cli(['import', file, ...extra, '--db', db]);
        expect(r.code).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^coordlab: /);
        expect(lines[0]).toMatch(message);
        expect(snapshot()).toBe(runsBefore);
      });
    }

    it('a 1 GB file is refused by its size before reading', () => {
      const file = join(t.dir, 'huge.log');
      const fd = openSync(file, 'w');
      ftruncateSync(fd, 2 ** 30); // sparse: no GB written to disk
      closeSync(fd);
      const r = cli(['import', file, '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^coordlab: .*huge\.log: file is 1\.0 GiB; the import limit is 256 MiB/)]);
      expect(snapshot()).toBe(runsBefore);
      expect(statSync(file).size).toBe(2 ** 30);
    });
  });
});
