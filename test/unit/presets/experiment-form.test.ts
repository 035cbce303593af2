import { describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../../shared/api';
import { findPresetVariant } from '../../../shared/presets';
import {
  checkExperiment, compactClocks, faultNodes, faultSpan, formatGroups, formatSteps, newFault, parseGroups, parseNodes, parseProblem, parseSteps, problemsAt, problemsUnder,
} from '../../../renderer/src/lib/experiment-form';

const SCENARIOS: ScenarioInfo[] = [
  { name: 'causality', description: '', nodeCount: null },
  { name: 'vclock-figure', description: '', nodeCount: 3 },
];

describe('designer form logic', () => {
  it('maps validateExperiment lines to the fields they name', () => {
    const exp = { ...findPresetVariant('slow-crash-partition')!.variant.experiment };
    const bad = { ...exp, model: { ...exp.model, loss: 1.5 }, faults: [...exp.faults, { kind: 'crash', node: 'n9', atMs: 20_000 }], clocks: { n2: { offsetMs: 'x' } } };
    const { result, problems } = checkExperiment(bad, SCENARIOS);
    expect(result.ok).toBe(false);
    expect(problemsAt(problems, 'model.loss')).toEqual(['must be between 0 and 1, got 1.5']);
    expect(problemsAt(problems, 'faults[4]').join(' ')).toMatch(/after the run ends/);
    expect(problemsUnder(problems, 'clocks.n2').map((p) => p.path)).toEqual(['clocks.n2.offsetMs']);
    expect(problemsUnder(problems, 'model').length).toBe(1);
    // Every line lands on some field path.
    expect(problems.every((p) => p.path !== 'experiment')).toBe(true);
  });

  it('adds the checks only the scenario list can make', () => {
    const fig = { ...findPresetVariant('vector-clock-figure')!.variant.experiment, nodes: ['n1', 'n2'] };
    expect(problemsAt(checkExperiment(fig, SCENARIOS).problems, 'nodes')).toEqual(["scenario 'vclock-figure' needs exactly 3 nodes, got 2"]);
    expect(problemsAt(checkExperiment({ ...fig, nodes: 3, scenario: 'nope' }, SCENARIOS).problems, 'scenario')[0]).toMatch(/unknown scenario 'nope'/);
    expect(problemsAt(checkExperiment({ scenario: 'causality', nodes: ['n1', 'lab'] }, SCENARIOS).problems, 'nodes')[0]).toMatch(/reserved/);
    expect(checkExperiment({ scenario: 'causality', nodes: 4 }, SCENARIOS).result.ok).toBe(true);
  });

  it('parses what the user types, and formats it back', () => {
    expect(parseProblem('faults[2]: pause length must be above 0 ms, got 0ms')).toEqual({ path: 'faults[2]', message: 'pause length must be above 0 ms, got 0ms' });
    expect(parseProblem('no field here')).toEqual({ path: 'experiment', message: 'no field here' });
    expect(parseNodes(' 5 ')).toBe(5);
    expect(parseNodes('n1, n2 store')).toEqual(['n1', 'n2', 'store']);
    expect(parseSteps('4000:-1500, 6000:+200')).toEqual([{ atMs: 4000, byMs: -1500 }, { atMs: 6000, byMs: 200 }]);
    expect(formatSteps(parseSteps('4000:-1500, 6000:+200'))).toBe('4000:-1500, 6000:+200');
    expect(parseSteps('soon').every((s) => Number.isNaN(s.atMs))).toBe(true);
    expect(parseGroups('n1,n2|n3')).toEqual({ groups: [['n1', 'n2'], ['n3']], oneWay: false });
    expect(parseGroups('n1>n2')).toEqual({ groups: [['n1'], ['n2']], oneWay: true });
    expect(formatGroups([['n1'], ['n2']], true)).toBe('n1>n2');
    expect(Object.keys(compactClocks({ n1: { offsetMs: 0, driftPpm: 0, steps: [], jitterMs: 0 }, n2: { offsetMs: 5, driftPpm: 0, steps: [], jitterMs: 0 } }))).toEqual(['n2']);
  });

  it('places faults on the timeline', () => {
    const nodes = ['n1', 'n2', 'n3'];
    expect(faultSpan({ kind: 'pause', node: 'n1', atMs: 1000, forMs: 500 }, 9000)).toEqual({ startMs: 1000, endMs: 1500 });
    expect(faultSpan({ kind: 'partition', groups: [['n1']], atMs: 1000, untilMs: null }, 9000)).toEqual({ startMs: 1000, endMs: 9000 });
    expect(faultNodes({ kind: 'partition', groups: [['n1'], ['n3']], atMs: 0, untilMs: 1 }, nodes)).toEqual(['n1', 'n3']);
    expect(faultNodes({ kind: 'crash', node: 'leader', atMs: 0 }, nodes)).toEqual([]);
    for (const kind of ['crash', 'restart', 'pause', 'partition', 'clock-step', 'delay-spike', 'forge'] as const) {
      const f = newFault(kind, 'n2', 1000, nodes);
      expect(f.kind).toBe(kind);
      expect(checkExperiment({ scenario: 'causality', nodes, faults: kind === 'restart' ? [{ kind: 'crash', node: 'n2', atMs: 500 }, f] : [f] }, SCENARIOS).result.ok, kind).toBe(true);
    }
  });
});
