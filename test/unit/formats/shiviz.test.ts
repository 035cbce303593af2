import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/causality';
import { formatProblem, LogFormatError, parseShiviz, withRunIds } from '../../../shared/formats';
import { EWD998_DELIMITER, EWD998_REGEX, EWD998_RUNS, fixture } from './fixtures';

const analyzeRun = (events: Parameters<typeof withRunIds>[0]) => analyze(withRunIds(events, 'r'));

describe('ShiViz fixtures reproduce the README counts exactly', () => {
  it('rpc-client-server.log (upload format, empty delimiter line)', () => {
    const runs = parseShiviz(fixture('rpc-client-server.log'), { file: 'rpc-client-server.log' });
    expect(runs).toHaveLength(1);
    const a = analyzeRun(runs[0].events);
    expect(a).toMatchObject({ nodes: 2, events: 10, messages: 4, hb_pairs: 43, concurrent_pairs: 2, messages_from: 'clocks' });
    const first = runs[0].events[0];
    expect(first).toMatchObject({ node: 'client', seq: 1, label: 'Initialization Complete', vclock: { client: 1 }, wall_ms: null, ref_ms: null });
    const kinds = runs[0].events.map((e) => `${e.node}${e.seq}:${e.kind}`);
    expect(kinds).toContain('client3:receive');
    expect(kinds).toContain('server3:send');
    expect(runs[0].events.find((e) => e.node === 'client' && e.seq === 3)?.peer).toBe('server');
  });

  it('ewd998.log (TLA+ trace: escaped clock JSON, zero entries, 3 executions)', () => {
    const runs = parseShiviz(fixture('ewd998.log'), { file: 'ewd998.log', regex: EWD998_REGEX, delimiter: EWD998_DELIMITER });
    expect(runs.map((r) => r.label)).toEqual(EWD998_RUNS.map((r) => r[0]));
    expect(runs.reduce((s, r) => s + r.events.length, 0)).toBe(990);
    runs.forEach((run, k) => {
      const [, nodes, events, messages, hb, conc] = EWD998_RUNS[k];
      expect(analyzeRun(run.events)).toMatchObject({ nodes, events, messages, hb_pairs: hb, concurrent_pairs: conc });
    });
    const e = runs[0].events[0];
    expect(e).toMatchObject({ node: 'n6', label: 'SendMsg', vclock: { n6: 1 } });
    expect(e.data).toMatchObject({ active: expect.stringContaining('n1 :> TRUE'), color: expect.any(String), counter: expect.any(String) });
  });

  it('the same log with its regex and delimiter as the first two lines (upload format)', () => {
    const text = `${EWD998_REGEX}\n${EWD998_DELIMITER}\n${fixture('ewd998.log')}`;
    const runs = parseShiviz(text, { file: 'ewd.log' });
    expect(runs.map((r) => r.events.length)).toEqual([77, 248, 665]);
  });
});

describe('ShiViz parsing details', () => {
  it('a plain GoVector-layout log without a header, fields and ns timestamps', () => {
    const log = [
      '1700000000123456789 a {"a":1}', 'start',
      '1700000000124456789 a {"a":2}', 'send',
      '1700000000125000000 b {"b":1, "a":2}', 'recv',
    ].join('\n');
    const runs = parseShiviz(log, { regex: String.raw`(?<timestamp>\d+) (?<host>\S+) (?<clock>{.*})\n(?<event>.*)` });
    expect(runs[0].events.map((e) => e.wall_ms)).toEqual([1700000000123.4568, 1700000000124.4568, 1700000000125]);
    expect(runs[0].events[2]).toMatchObject({ kind: 'receive', peer: 'a', lamport: 3, data: { timestamp: '1700000000125000000' } });
    const plain = parseShiviz('a {"a":1}\nhello\nb {"b":1}\nworld\n', { file: 'p.log' });
    expect(plain[0].events).toHaveLength(2);
    expect(plain[0].label).toBe('p.log');
  });

  it('text before the first delimiter is its own execution; unlabeled executions are numbered', () => {
    const log = 'a {"a":1}\nx\n---\na {"a":1}\ny\n';
    const runs = parseShiviz(log, { file: 'f', delimiter: '^---$' });
    expect(runs.map((r) => r.label)).toEqual(['f #1', 'f #2']);
  });
});

describe('ShiViz bad input: every problem with its line, nothing imported', () => {
  const problemsOf = (text: string, opts = {}): string[] => {
    try {
      parseShiviz(text, { file: 'bad.log', ...opts });
    } catch (err) {
      expect(err).toBeInstanceOf(LogFormatError);
      return (err as LogFormatError).problems.map(formatProblem);
    }
    throw new Error('expected a LogFormatError');
  };
  it('regex missing a required group', () => {
    expect(problemsOf('(?<host>\\S*) (?<clock>{.*})\n\na {"a":1}\nx\n')).toEqual(['bad.log:1: parser regex lacks the named group (?<event>…)']);
    expect(problemsOf('a {"a":1}\nx\n', { regex: '(?<host>\\S*) (?<event>.*)' })).toEqual([
      'bad.log (--regex): parser regex lacks the named group (?<clock>…)',
    ]);
  });
  it('invalid regex', () => {
    expect(problemsOf('(?<host>[) (?<clock>{.*})\n\nx')[0]).toMatch(/^bad\.log:1: invalid parser regex: /);
  });
  it('clock that is not JSON', () => {
    expect(problemsOf('a {"a":1}\nok\na {a:2}\nbad\n')).toEqual([expect.stringMatching(/^bad\.log:3: clock is not JSON \(.*\): \{a:2\}$/)]);
  });
  it('host missing from its own clock', () => {
    expect(problemsOf('a {"a":1}\nok\nb {"a":1}\nbad\n')).toEqual(['bad.log:3: host "b" is missing from its own clock {"a":1}']);
  });
  it('a counter that skips, and a clock entry for a missing event', () => {
    expect(problemsOf('a {"a":1}\nx\na {"a":3}\ny\n')).toEqual([
      'bad.log:3: clock for host "a" goes from 1 to 3 (line 1): own counter must run 1, 2, 3…',
    ]);
    expect(problemsOf('a {"a":2}\nx\n')).toEqual(['bad.log:1: clock for host "a" must start at 1, but its first event has 2']);
    expect(problemsOf('a {"a":1, "b":2}\nx\nb {"b":1}\ny\n')).toEqual(['bad.log:1: clock refers to b:2, an event that does not exist (b logs 1 events)']);
    expect(problemsOf('a {"a":1, "c":1}\nx\n')).toEqual(['bad.log:1: clock names host "c", which logs no events']);
  });
  it('several problems are all reported', () => {
    expect(problemsOf('a {"a":1}\nok\na {a:2}\nbad\nb {"a":1}\nbad too\n')).toHaveLength(2);
  });
  it('not a log at all, empty, binary', () => {
    expect(problemsOf('Dear diary,\ntoday nothing happened.\n')).toEqual([
      'bad.log:1: the parser regex matches no event in the log (not a log in this format?)',
    ]);
    expect(problemsOf('')).toEqual(['bad.log:1: empty file: no log to import']);
    expect(problemsOf('  \n\n')).toEqual(['bad.log:1: empty file: no log to import']);
    expect(problemsOf('\u0089PNG\r\n\u001a\n\u0000\u0000')).toEqual(['bad.log:3: not a text log (binary data)']);
  });
  it('clocks that are inconsistent (a cycle) name the line', () => {
    expect(problemsOf('a {"a":1, "b":1}\nx\nb {"b":1, "a":1}\ny\n')[0]).toMatch(/^bad\.log:\d: .*each claim to have seen the other/);
  });
});

describe('ShiViz line ends', () => {
  it('CRLF files parse the same, with the same line numbers', () => {
    const crlf = fixture('rpc-client-server.log').replace(/\n/g, '\r\n');
    const runs = parseShiviz(crlf);
    expect(analyzeRun(runs[0].events)).toMatchObject({ events: 10, messages: 4, hb_pairs: 43 });
    expect(() => parseShiviz('a {"a":1}\r\nok\r\na {a:2}\r\nbad\r\n', { file: 'w.log' })).toThrow(/^w\.log:3: clock is not JSON/);
  });
});
