import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faultTimeline, formatDurationMs, parseDurationMs, parseSignedDurationMs, type Fault } from '../../../shared/experiment';

describe('faultTimeline', () => {
  it('expands pauses, partitions and spikes into start and end actions, in time order', () => {
    const faults: Fault[] = [
      { kind: 'partition', groups: [['n1'], ['n2']], atMs: 2000, untilMs: 5000, oneWay: true },
      { kind: 'crash', node: 'n1', atMs: 3000 },
      { kind: 'pause', node: 'n2', atMs: 1000, forMs: 1000 },
      { kind: 'delay-spike', from: 'n1', to: '*', atMs: 500, untilMs: 4000, extraMs: 100 },
      { kind: 'partition', groups: [['n3']], atMs: 4000, untilMs: null },
    ];
    expect(faultTimeline(faults).map((a) => `${a.atMs} ${a.kind} #${a.fault}`)).toEqual([
      '500 spike-start #3',
      '1000 pause #2',
      '2000 resume #2', // an end comes before a start at the same instant
      '2000 partition #0',
      '3000 crash #1',
      '4000 spike-end #3',
      '4000 partition #4',
      '5000 heal #0',
    ]);
    expect(faultTimeline(faults)[3]).toEqual({ kind: 'partition', atMs: 2000, fault: 0, groups: [['n1'], ['n2']], oneWay: true, untilMs: 5000 });
  });

  it('is sorted and keeps schedule order for equal times (property)', () => {
    const fault = fc.record({ kind: fc.constant('crash' as const), node: fc.constantFrom('n1', 'n2'), atMs: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(fault, { maxLength: 30 }), (faults) => {
        const t = faultTimeline(faults);
        expect(t).toHaveLength(faults.length);
        for (let i = 1; i < t.length; i++) {
          expect(t[i].atMs).toBeGreaterThanOrEqual(t[i - 1].atMs);
          if (t[i].atMs === t[i - 1].atMs) expect(t[i].fault).toBeGreaterThan(t[i - 1].fault);
        }
      }),
    );
  });
});

describe('durations', () => {
  it('parses 10s, 250ms, 1.5s, 2m and refuses bare numbers and signs where unsigned', () => {
    expect(parseDurationMs('10s')).toBe(10_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('500us')).toBe(0.5);
    expect(parseDurationMs('10')).toBeNull();
    expect(parseDurationMs('-5ms')).toBeNull();
    expect(parseDurationMs('5 parsecs')).toBeNull();
    expect(parseSignedDurationMs('-250ms')).toBe(-250);
    expect(parseSignedDurationMs('+1.5s')).toBe(1500);
  });

  it('formats back to a form that parses to the same value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (ms) => {
        expect(parseSignedDurationMs(formatDurationMs(ms))).toBeCloseTo(ms, 6);
      }),
    );
  });
});
