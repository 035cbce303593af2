import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogFormatError, parseGoVector, parseJsonl, parseShiviz, toJsonl, toShiviz } from '../../../shared/formats';
import { arbHistory, stamp } from '../clocks/history';

/** Runs a parser; anything but success or a LogFormatError is a bug. */
function parsesOrExplains(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (err) {
    if (!(err instanceof LogFormatError)) throw err;
    return err.problems.length > 0 && err.problems.every((p) => p.problem.length > 0 && (p.line === null || p.line >= 1));
  }
}

/** A valid log with one random edit: a character replaced, a line dropped or duplicated. */
const arbEdited = (render: (ev: ReturnType<typeof stamp>) => string) =>
  fc.tuple(arbHistory(3, 12), fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })).map(([h, at, how, s]) => {
    const text = render(stamp(h));
    const lines = text.split('\n');
    const k = at % Math.max(1, lines.length);
    if (how === 0) lines.splice(k, 1);
    else if (how === 1) lines.splice(k, 0, lines[k] ?? '');
    else if (how === 2) lines[k] = (lines[k] ?? '') + s;
    else {
      const pos = at % Math.max(1, text.length);
      return text.slice(0, pos) + s + text.slice(pos + 1);
    }
    return lines.join('\n');
  });

describe('parsers never crash: a result or a LogFormatError with lines', () => {
  it('ShiViz on edited logs and on arbitrary text', () => {
    fc.assert(fc.property(arbEdited((ev) => toShiviz([{ label: 'x', events: ev }])), (t) => parsesOrExplains(() => parseShiviz(t))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => parsesOrExplains(() => parseShiviz(t))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (r, t) => parsesOrExplains(() => parseShiviz(t, { regex: r }))), { numRuns: 200 });
  });

  it('JSONL and GoVector on edited logs', () => {
    fc.assert(fc.property(arbEdited((ev) => toJsonl(ev)), (t) => parsesOrExplains(() => parseJsonl(t))), { numRuns: 300 });
    const gv = (ev: ReturnType<typeof stamp>) => ev.map((e) => `${e.node} ${JSON.stringify(e.vclock)}\n${e.kind}`).join('\n');
    fc.assert(fc.property(arbEdited(gv), (t) => parsesOrExplains(() => parseGoVector([{ name: 'a-Log.txt', text: t }]))), { numRuns: 300 });
  });

  it('a regex that can match the empty string does not loop', () => {
    expect(parsesOrExplains(() => parseShiviz('a {"a":1}\nx\n', { regex: '(?<host>a?)(?<clock>)(?<event>)' }))).toBe(true);
  });
});
