import { describe, expect, it } from 'vitest';
import { NtpSync, ntpSourcesPerNode, parseNtpEntry, parseNtpSource, sourceKey, type NtpEntry, type NtpSample } from '../../../shared/ntp';

describe('--ntp values (shared/ntp/spec.ts)', () => {
  it('parses the contract forms and the lab variants', () => {
    expect(parseNtpSource('lab')).toEqual({ kind: 'lab', key: 'lab', offsetMs: 0, fault: null });
    expect(parseNtpSource('off')).toEqual({ kind: 'off' });
    expect(parseNtpSource('time.example:123')).toEqual({ kind: 'host', host: 'time.example', port: 123 });
    expect(parseNtpSource('[::1]:1230')).toEqual({ kind: 'host', host: '::1', port: 1230 });
    expect(parseNtpSource('lab:+2s')).toMatchObject({ kind: 'lab', offsetMs: 2000, fault: null });
    expect(parseNtpSource('lab:-300ms')).toMatchObject({ kind: 'lab', offsetMs: -300 });
    expect(parseNtpSource('lab:stratum16')).toMatchObject({ kind: 'lab', offsetMs: 0, fault: 'stratum16' });
    for (const bad of ['nonsense', 'lab:300ms', 'lab:nope', 'host:0', 'host:99999', '']) expect(parseNtpSource(bad), bad).toBeNull();
    expect(parseNtpEntry('n1,n2=lab')).toEqual({ nodes: ['n1', 'n2'], source: parseNtpSource('lab') });
    expect(parseNtpEntry('=lab')).toBeNull();
    expect(parseNtpEntry('n1=nonsense')).toBeNull();
  });

  it('gives each node its sources: per-node entries win, off clears, duplicates merge', () => {
    const e = (s: string): NtpEntry => parseNtpEntry(s)!;
    const keys = (m: Map<string, { kind: string }[]>, n: string) => m.get(n)!.map((s) => sourceKey(s as never));
    const m = ntpSourcesPerNode([e('lab'), e('lab'), e('n2=lab:+2s'), e('n2=lab'), e('n3=off')], ['n1', 'n2', 'n3']);
    expect(keys(m, 'n1')).toEqual(['lab']);
    expect(keys(m, 'n2')).toEqual(['lab:+2s', 'lab']);
    expect(keys(m, 'n3')).toEqual([]);
    const off = ntpSourcesPerNode([e('lab'), e('off'), e('n1=lab')], ['n1', 'n2']);
    expect(keys(off, 'n1')).toEqual(['lab']);
    expect(keys(off, 'n2')).toEqual([]);
  });
});

describe('NtpSync.onRound', () => {
  const sample = (source: string, offsetMs: number, atMs: number): NtpSample => ({
    source, offsetMs, delayMs: 0.2, dispersionMs: 0.01, rootDelayMs: 0, rootDispersionMs: 0.01, stratum: 1, referenceId: 0, precisionLog2: -20,
    atMs, t1Ms: atMs - 0.2, t2Ms: atMs - 0.1 + offsetMs, t3Ms: atMs - 0.1 + offsetMs, t4Ms: atMs,
  });

  it('a falseticker answering first is not selected alone: the round is judged as a whole', () => {
    const t = 1_000_000;
    const round = [sample('liar', 2000, t), sample('a', -300, t), sample('b', -300.1, t)];
    const sync = new NtpSync();
    const updates = sync.onRound(round.map((s) => ({ sample: s, rawAtT4Ms: s.t4Ms })), t);
    expect(updates.map((u) => u.selection.chosen?.source)).toEqual(['a', 'a', 'a']);
    expect(updates[0].selection.falsetickers.map((c) => c.source)).toEqual(['liar']);
    expect(updates[0].action).toBeNull();
    expect(updates[1].action).toMatchObject({ kind: 'step' });
    expect(sync.disciplinedMs(t) - t).toBeCloseTo(-300, 3);
    // Fed one by one (the old way), the liar's lone answer would have stepped the clock +2 s.
    const naive = new NtpSync();
    expect(naive.onSample(round[0], t).action).toMatchObject({ kind: 'step', stepMs: 2000 });
  });
});
