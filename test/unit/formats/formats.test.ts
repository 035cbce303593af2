import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/causality';
import { formatProblem, LogFormatError, msToUnixNs, parseGoVector, parseJsonl, parseShiviz, toCsv, toJsonl, toPerfetto, toShiviz, withRunIds, ExportError } from '../../../shared/formats';
import type { LabEvent } from '../../../shared/events';
import { fixture } from './fixtures';

const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (err) {
    if (err instanceof LogFormatError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a LogFormatError');
};

describe('GoVector raw logs', () => {
  const client = [
    '1700000000000000000 client {"client":1}', 'Initialization Complete',
    '1700000000001000000 client {"client":2}', 'Making RPC call',
    '1700000000003500000 client {"client":3, "server":3}', 'Received RPC Call response from server',
  ].join('\n') + '\n';
  const server = [
    '1700000000000200000 server {"server":1}', 'Initialization Complete',
    '1700000000002000000 server {"client":2, "server":2}', 'Received RPC request',
    '1700000000002500000 server {"client":2, "server":3}', 'Sending response to RPC request',
  ].join('\n') + '\n';

  it('merges per-process files into one run; ns timestamps become wall_ms', () => {
    const runs = parseGoVector([{ name: 'logs/client-Log.txt', text: client }, { name: 'server-Log.txt', text: server }]);
    expect(runs).toHaveLength(1);
    expect(runs[0].label).toBe('client-Log.txt + server-Log.txt');
    const ev = withRunIds(runs[0].events, 'g');
    expect(ev.map((e) => e.wall_ms)).toEqual([1700000000000, 1700000000001, 1700000000003.5, 1700000000000.2, 1700000000002, 1700000000002.5]);
    expect(analyze(ev)).toMatchObject({ events: 6, nodes: 2, messages: 2, hb_pairs: 13, wall_inversions: 0 });
  });

  it('AppendLog executions become separate runs', () => {
    const a = ' \n=== Execution #Mon Jan  1 00:00:00 UTC 2024  ===\na {"a":1}\nx\n \n=== Execution #Tue Jan  2 00:00:00 UTC 2024  ===\na {"a":1}\ny\n';
    const runs = parseGoVector([{ name: 'a-Log.txt', text: a }]);
    expect(runs.map((r) => [r.label, r.events.length])).toEqual([['Mon Jan  1 00:00:00 UTC 2024', 1], ['Tue Jan  2 00:00:00 UTC 2024', 1]]);
  });

  it('reports problems per file and line; a missing peer file leaves dangling references', () => {
    expect(problems(() => parseGoVector([{ name: 'client-Log.txt', text: client }]))).toEqual([
      'client-Log.txt:5: clock names host "server", which logs no events',
    ]);
    expect(problems(() => parseGoVector([{ name: 'x-Log.txt', text: 'hello\n' }, { name: 'e-Log.txt', text: '' }]))).toEqual([
      'e-Log.txt:1: empty file: no log to import',
      'x-Log.txt:1: no GoVector entries ("pid {clock}" line, then the event line): not a GoVector log',
    ]);
  });
});

describe('JSONL', () => {
  it('groups by run and validates fields with line numbers', () => {
    const ok = '{"run":"a","id":2,"node":"n1","seq":2,"kind":"local","lamport":2,"vclock":{"n1":2}}\n\n{"run":"a","id":1,"node":"n1","seq":1,"kind":"local","lamport":1,"vclock":{"n1":1}}\n{"run":"b","node":"n1","seq":1,"kind":"local","lamport":1,"vclock":{"n1":1}}\n';
    const runs = parseJsonl(ok);
    expect(runs.map((r) => [r.label, r.events.map((e) => e.seq)])).toEqual([['a', [1, 2]], ['b', [1]]]);
    expect(runs[0].events[0]).toMatchObject({ wall_ms: null, msg: null, data: null });
    expect(problems(() => parseJsonl('{"node":"n1","seq":0,"kind":"local","lamport":1,"vclock":{"n1":1}}\nnot json\n', { file: 'e.jsonl' }))).toEqual([
      'e.jsonl:1: "seq" must be an integer ≥ 1',
      expect.stringMatching(/^e\.jsonl:2: not a JSON object \(/),
    ]);
    expect(problems(() => parseJsonl('{"node":"n1","seq":1,"kind":"local","lamport":1,"vclock":{"n1":1}}\n{"node":"n1","seq":3,"kind":"local","lamport":1,"vclock":{"n1":3}}\n', { file: 'e.jsonl' }))).toEqual([
      'e.jsonl:2: the event on line 2 on n1 has seq 3; n1 has 2 events, so seq must run 1..2',
    ]);
    expect(problems(() => parseJsonl('', { file: 'e.jsonl' }))).toEqual(['e.jsonl:1: empty file: no events to import']);
    expect(problems(() => parseJsonl('\nhost {"a":1}\nevent\nhost {"a":2}\n', { file: 'e.jsonl' }))).toEqual([
      expect.stringMatching(/^e\.jsonl:2: not coordlab JSONL: the first line is not JSON \(/),
    ]);
  });
});

const base = { run: 'r1', mono_ns: null, ref_ms: null, label: null, data: null } as const;
const sample: LabEvent[] = [
  { ...base, id: 1, node: 'n1', seq: 1, kind: 'send', wall_ms: 1000, lamport: 1, vclock: { n1: 1 }, msg: 'm1', peer: 'n2', label: 'say "hi", twice' },
  { ...base, id: 2, node: 'n2', seq: 1, kind: 'receive', wall_ms: 990, lamport: 2, vclock: { n1: 1, n2: 1 }, msg: 'm1', peer: 'n1', data: { ok: true } },
  { ...base, id: 3, node: 'n2', seq: 2, kind: 'local', wall_ms: 995, lamport: 3, vclock: { n1: 1, n2: 2 }, msg: null, peer: null },
];

describe('exporters', () => {
  it('CSV quotes per RFC 4180 and writes clocks as JSON', () => {
    const lines = toCsv(sample).split('\r\n');
    expect(lines[0]).toBe('run,id,node,seq,kind,wall_ms,mono_ns,ref_ms,lamport,vclock,msg,peer,label,data');
    expect(lines[1]).toBe('r1,1,n1,1,send,1000,,,1,"{""n1"":1}",m1,n2,"say ""hi"", twice",');
    expect(lines[2]).toBe('r1,2,n2,1,receive,990,,,2,"{""n1"":1,""n2"":1}",m1,n1,,"{""ok"":true}"');
    expect(lines).toHaveLength(5);
  });

  it('JSONL keeps the schema field order', () => {
    expect(Object.keys(JSON.parse(toJsonl(sample).split('\n')[0]))).toEqual(['run', 'id', 'node', 'seq', 'kind', 'wall_ms', 'mono_ns', 'ref_ms', 'lamport', 'vclock', 'msg', 'peer', 'label', 'data']);
  });

  it('ShiViz export writes own host first and refuses node names ShiViz cannot parse', () => {
    const text = toShiviz([{ label: 'r1', events: sample }]);
    expect(text.split('\n').slice(0, 7)).toEqual([
      String.raw`(?<timestamp>\d+) (?<host>\S*) (?<clock>{.*})\n(?<event>.*)`, '^=== (?<trace>.*) ===$', '=== r1 ===',
      '1000000000 n1 {"n1":1}', 'send m1 → n2: say "hi", twice', '990000000 n2 {"n2":1,"n1":1}', 'receive m1 ← n1',
    ]);
    const back = parseShiviz(text)[0].events;
    expect(back.map((e) => e.wall_ms)).toEqual([1000, 990, 995]);
    expect(analyze(withRunIds(back, 'b')).wall_inversions).toBe(1);
    // Without wall readings: GoVector's plain layout.
    const plain = toShiviz([{ label: 'r1', events: sample.map((e) => ({ ...e, wall_ms: null })) }]);
    expect(plain.split('\n')[3]).toBe('n1 {"n1":1}');
    expect(() => toShiviz([{ label: 'x', events: [{ ...sample[0], node: 'node one', vclock: { 'node one': 1 } }] }])).toThrow(ExportError);
  });

  it('msToUnixNs keeps every digit a double holds, without 2^53 overflow', () => {
    expect(msToUnixNs(1700000000123.5)).toBe('1700000000123500000');
    expect(msToUnixNs(1700000000123.25)).toBe('1700000000123250000');
    expect(msToUnixNs(0.5)).toBe('500000');
    expect(msToUnixNs(999.9999999)).toBe('1000000000');
  });

  it('Perfetto: a named track per node, a slice per event, a flow per message', () => {
    const trace = JSON.parse(toPerfetto(sample)) as { traceEvents: { ph: string; name: string; tid: number; ts: number; id?: number; args?: { name?: string } }[] };
    const ev = trace.traceEvents;
    expect(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name)).toEqual(['n1', 'n2']);
    const slices = ev.filter((e) => e.ph === 'X');
    expect(slices.map((e) => e.ts)).toEqual([10000, 0, 5000]);
    const s = ev.filter((e) => e.ph === 's');
    const f = ev.filter((e) => e.ph === 'f');
    expect(s).toHaveLength(1);
    expect(f).toMatchObject([{ id: s[0].id, tid: 2, ts: 0, bp: 'e' }]);
    // Without wall readings, Lamport time; imported logs get flows from clock edges.
    const rpc = withRunIds(parseShiviz(fixture('rpc-client-server.log'))[0].events, 'rpc');
    const t2 = JSON.parse(toPerfetto(rpc)) as { traceEvents: { ph: string }[]; otherData: { time_base: string } };
    expect(t2.traceEvents.filter((e) => e.ph === 's')).toHaveLength(4);
    expect(t2.otherData.time_base).toMatch(/lamport/);
  });
});
