import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, buildCausalIndex, happenedBeforeAt } from '../../../shared/causality';
import { parseJsonl, parseShiviz, toJsonl, toShiviz, withRunIds } from '../../../shared/formats';
import type { LabEvent } from '../../../shared/events';
import { arbHistory, stamp, PROP } from '../clocks/history';

/** The happened-before relation as a set of "node#seq<node#seq" strings. */
function hbRelation(events: readonly LabEvent[]): Set<string> {
  const idx = buildCausalIndex(events);
  const name = (p: number) => `${events[p].node}#${events[p].seq}`;
  const out = new Set<string>();
  for (let a = 0; a < events.length; a++) for (let b = 0; b < events.length; b++) if (happenedBeforeAt(idx, a, b)) out.add(`${name(a)}<${name(b)}`);
  return out;
}

const arbRun = arbHistory(5, 30).map((h) => {
  const ev = stamp(h, 'run-1');
  ev.forEach((e, k) => {
    e.wall_ms = 1_700_000_000_000 + k * 1.5;
    e.label = k % 3 === 0 ? `step "${k}", with, commas\nand a newline` : null;
    e.data = k % 2 === 0 ? { term: k, role: 'follower' } : null;
  });
  return ev;
});

describe('round trips preserve happened-before', () => {
  it('ShiViz: import(export(run)) has the same relation and clocks', () => {
    fc.assert(
      fc.property(arbRun, (ev) => {
        if (ev.length === 0) return true;
        const text = toShiviz([{ label: 'run 1 (seed 7)', events: ev }]);
        const runs = parseShiviz(text, { file: 'x.log' });
        if (runs.length !== 1 || runs[0].label !== 'run 1 (seed 7)') return false;
        const back = withRunIds(runs[0].events, 'b');
        if (back.some((e, k) => Math.abs((e.wall_ms as number) - (ev[k].wall_ms as number)) > 1e-6)) return false;
        const want = hbRelation(ev);
        const got = hbRelation(back);
        return got.size === want.size && [...want].every((r) => got.has(r)) && analyze(back).hb_pairs === analyze(ev).hb_pairs;
      }),
      PROP,
    );
  });

  it('JSONL: import(export(run)) gives back the same events', () => {
    fc.assert(
      fc.property(arbRun, (ev) => {
        if (ev.length === 0) return true;
        const runs = parseJsonl(toJsonl(ev));
        if (runs.length !== 1 || runs[0].label !== 'run-1') return false;
        const back = withRunIds(runs[0].events, 'run-1');
        expect(back).toEqual(ev);
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('several runs in one ShiViz file come back as several runs', () => {
    const a = stamp({ nodes: ['n1', 'n2'], events: [{ idx: 0, node: 'n1', seq: 1, kind: 'local', msg: null, peer: null }] });
    const text = toShiviz([{ label: 'A', events: a }, { label: 'B', events: a }]);
    expect(text.split('\n').slice(0, 3)).toEqual([String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`, '^=== (?<trace>.*) ===$', '=== A ===']);
    expect(parseShiviz(text).map((r) => r.label)).toEqual(['A', 'B']);
  });
});
