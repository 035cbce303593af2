import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateExperiment, type Experiment } from '../../../shared/experiment';

function errorsOf(input: unknown): string[] {
  const r = validateExperiment(input);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.experiment)}`);
  return r.errors;
}

function ok(input: unknown): Experiment {
  const r = validateExperiment(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.experiment;
}

describe('validateExperiment', () => {
  it('fills the defaults: n1..n3, seed, 10 s, fair-loss, no loss, uniform 1-5 ms, async, FIFO, crash-recovery', () => {
    expect(ok({ scenario: 'causality' })).toEqual({
      scenario: 'causality',
      nodes: ['n1', 'n2', 'n3'],
      seed: 1,
      durationMs: 10_000,
      model: { link: 'fair-loss', loss: 0, dup: 0, delay: { kind: 'uniform', minMs: 1, maxMs: 5 }, timing: { kind: 'async' }, reorder: false },
      clocks: {},
      faults: [],
      failures: 'crash-recovery',
      options: {},
    });
    expect(validateExperiment({ scenario: 'x' }, { defaultSeed: 99 })).toMatchObject({ ok: true, experiment: { seed: 99 } });
  });

  it('takes a node count or node names, and fills partial clocks', () => {
    const e = ok({ scenario: 'clocks', nodes: ['a', 'b'], clocks: { b: { driftPpm: -30 } } });
    expect(e.nodes).toEqual(['a', 'b']);
    expect(e.clocks).toEqual({ b: { offsetMs: 0, driftPpm: -30, steps: [], jitterMs: 0 } });
    expect(ok({ scenario: 'x', nodes: 64 }).nodes).toHaveLength(64);
  });

  it("refuses the issue's bad inputs with one line each, naming the field", () => {
    const errors = errorsOf({
      scenario: 'raft',
      nodes: 5,
      model: { delay: { kind: 'constant', ms: -5 }, loss: 1.5 },
      clocks: { n3: { driftPpm: 1e9 } },
      faults: [{ kind: 'crash', node: 'n1', atMs: 1000 }, { kind: 'crash', node: 'n2', atMs: 1000 }, { kind: 'partition', groups: [['n1'], ['n9']], atMs: 0, untilMs: null }],
    });
    expect(errors).toEqual([
      'model.loss: must be between 0 and 1, got 1.5',
      'model.delay: negative delay -5ms',
      'clocks.n3.driftPpm: 1e9 ppm is beyond ±100000 ppm',
      'faults[2]: partition names unknown node n9',
    ]);
    expect(errorsOf({ scenario: 'x', nodes: 65 })).toEqual(['nodes: 65 nodes, at most 64']);
    // the four at once: each is still its own line
    expect(errorsOf({ scenario: 'x', nodes: 65, model: { delay: { kind: 'constant', ms: -5 } }, clocks: { n3: { driftPpm: 1e9 } }, faults: [{ kind: 'partition', groups: [['n1'], ['n99']], atMs: 0, untilMs: null }] })).toEqual([
      'nodes: 65 nodes, at most 64',
      'model.delay: negative delay -5ms',
      'clocks.n3.driftPpm: 1e9 ppm is beyond ±100000 ppm',
      'faults[0]: partition names unknown node n99',
    ]);
    expect(errorsOf({ scenario: 'x', nodes: ['a', 'a'], faults: [{ kind: 'crash', node: 'b', atMs: 0 }] })).toEqual(['nodes[1]: a appears twice', 'faults[0]: crash names unknown node b']);
    expect(errorsOf({ scenario: 'x', nodes: 0 })).toEqual(['nodes: 0 nodes, at least 1']);
  });

  it("reserves the names the lab uses itself: 'leader' and 'lab'", () => {
    expect(errorsOf({ scenario: 'x', nodes: ['n1', 'lab'] })).toEqual(["nodes[1]: lab is reserved for the lab's own events"]);
    expect(errorsOf({ scenario: 'x', nodes: ['leader', 'n2'] })).toEqual(['nodes[0]: leader is reserved for "whichever node leads"']);
  });

  it('every error is one line', () => {
    const errors = errorsOf({ scenario: '', nodes: ['a', 'a', 'leader', 'x y'], seed: -1, durationMs: 0, failures: 'byzantine', model: 'fast', clocks: 3, faults: {}, options: [], label: 3, extra: true });
    expect(errors.length).toBeGreaterThanOrEqual(10);
    for (const e of errors) {
      expect(e).not.toContain('\n');
      expect(e).toMatch(/^[\w.[\]-]+: /);
    }
    expect(errors).toContain('nodes[1]: a appears twice');
    expect(errors).toContain('extra: unknown field (known: scenario, nodes, seed, durationMs, model, clocks, faults, failures, options, label)');
  });

  it('checks the model: link, probabilities, distributions, timing', () => {
    expect(errorsOf({ scenario: 'x', model: { link: 'carrier-pigeon' } })).toEqual(['model.link: unknown link model "carrier-pigeon"; use fair-loss, reliable, authenticated']);
    expect(errorsOf({ scenario: 'x', model: { dup: -0.1 } })).toEqual(['model.dup: must be between 0 and 1, got -0.1']);
    expect(errorsOf({ scenario: 'x', model: { delay: { kind: 'uniform', minMs: 50, maxMs: 5 } } })).toEqual(['model.delay: uniform min 50ms is above max 5ms']);
    expect(errorsOf({ scenario: 'x', model: { delay: { kind: 'pareto', scaleMs: 0, shape: 1.5 } } })).toEqual(['model.delay: pareto scale must be above 0ms']);
    expect(errorsOf({ scenario: 'x', model: { delay: { kind: 'gamma' } } })[0]).toMatch(/^model\.delay: unknown delay kind "gamma"/);
    expect(errorsOf({ scenario: 'x', model: { timing: { kind: 'sync', boundMs: 0 } } })).toEqual(['model.timing: delay bound must be above 0ms']);
    expect(errorsOf({ scenario: 'x', model: { timing: { kind: 'partial', gstMs: -1, boundMs: 50 } } })).toEqual(['model.timing: gst must be a run time ≥ 0 ms, got -1ms']);
    expect(ok({ scenario: 'x', model: { timing: { kind: 'partial', gstMs: 5000, boundMs: 50 }, reorder: true } }).model).toMatchObject({ reorder: true, timing: { kind: 'partial' } });
  });

  it('checks clocks: unknown nodes, limits, steps', () => {
    expect(errorsOf({ scenario: 'x', clocks: { n9: { offsetMs: 5 } } })).toEqual(['clocks.n9: unknown node n9 (nodes: n1, n2, n3)']);
    expect(errorsOf({ scenario: 'x', clocks: { n1: { jitterMs: -1, steps: [{ atMs: -5, byMs: 3 }] } } })).toEqual([
      'clocks.n1.jitterMs: must be a number of ms ≥ 0, got -1',
      'clocks.n1.steps[0]: at must be a run time ≥ 0 ms, got -5ms',
    ]);
    const steps = ok({ scenario: 'x', clocks: { n1: { steps: [{ atMs: 5, byMs: 1 }, { atMs: 2, byMs: -1 }] } } }).clocks.n1.steps;
    expect(steps.map((s) => s.atMs)).toEqual([2, 5]);
  });

  it('checks faults: kinds, nodes (leader allowed), times in the run, order of crash and restart', () => {
    const base = { scenario: 'raft', nodes: 3, durationMs: 10_000 };
    expect(ok({ ...base, faults: [{ kind: 'crash', node: 'leader', atMs: 3000 }, { kind: 'restart', node: 'leader', atMs: 6000 }] }).faults).toHaveLength(2);
    expect(errorsOf({ ...base, faults: [{ kind: 'crash', node: 'n1', atMs: 12_000 }] })).toEqual(['faults[0]: crash at 12s is after the run ends at 10s']);
    expect(errorsOf({ ...base, faults: [{ kind: 'explode', node: 'n1', atMs: 1 }] })[0]).toMatch(/^faults\[0\]: unknown fault kind "explode"/);
    expect(errorsOf({ ...base, faults: [{ kind: 'restart', node: 'n1', atMs: 1000 }] })).toEqual(['faults[0]: restart n1 at 1s, but n1 is not crashed then']);
    expect(errorsOf({ ...base, failures: 'crash-stop', faults: [{ kind: 'crash', node: 'n1', atMs: 1000 }, { kind: 'restart', node: 'n1', atMs: 2000 }] })).toEqual([
      'faults[1]: restart n1 under crash-stop failures (crashed nodes never come back); use failures crash-recovery',
    ]);
    expect(errorsOf({ ...base, faults: [{ kind: 'pause', node: 'n2', atMs: 1000, forMs: 0 }] })).toEqual(['faults[0]: pause length must be above 0 ms, got 0ms']);
    expect(errorsOf({ ...base, faults: [{ kind: 'delay-spike', from: 'n1', to: '*', atMs: 3000, untilMs: 2000, extraMs: 5 }] })).toEqual(['faults[0]: delay-spike ends at 2s, not after it starts at 3s']);
    expect(errorsOf({ ...base, faults: [{ kind: 'forge', to: 'n2', claimFrom: 'mallory', atMs: 1 }] })).toEqual(['faults[0]: forge names unknown node mallory']);
  });

  it('checks partitions: disjoint groups, one-way has two sides, cuts something', () => {
    const base = { scenario: 'x', nodes: 3 };
    const part = (groups: unknown, extra: object = {}) => ({ ...base, faults: [{ kind: 'partition', groups, atMs: 0, untilMs: 1000, ...extra }] });
    expect(errorsOf(part([['n1', 'n2'], ['n2', 'n3']]))).toEqual(['faults[0]: partition puts n2 in two groups']);
    expect(errorsOf(part([['n1', 'n2', 'n3']]))).toEqual(['faults[0]: partition cuts nothing: every node is in one group']);
    expect(errorsOf(part([['n1'], ['n2'], ['n3']], { oneWay: true }))).toEqual(['faults[0]: one-way partition needs exactly two groups (from, to), got 3']);
    expect(errorsOf(part([['n1', '*']]))).toEqual(['faults[0]: partition group ["n1","*"]: * stands alone in its group']);
    expect(ok(part([['n1']])).faults[0]).toEqual({ kind: 'partition', groups: [['n1']], atMs: 0, untilMs: 1000 });
    expect(ok(part([['leader'], ['*']], { oneWay: true })).faults[0]).toMatchObject({ oneWay: true });
  });

  it('checks the known options and passes the others through', () => {
    const e = ok({ scenario: 'raft', options: { electionTimeoutMs: { minMs: 150, maxMs: 300 }, heartbeatMs: 50, prevote: true, custom: { a: 1 } } });
    expect(e.options).toEqual({ electionTimeoutMs: { minMs: 150, maxMs: 300 }, heartbeatMs: 50, prevote: true, custom: { a: 1 } });
    expect(errorsOf({ scenario: 'raft', options: { heartbeatMs: 200, electionTimeoutMs: { minMs: 150, maxMs: 300 } } })).toEqual([
      'options.heartbeatMs: heartbeat 200ms must be shorter than the election timeout 150ms',
    ]);
    expect(errorsOf({ scenario: 'fd', options: { detectors: ['ping', 'oracle'], ntp: ['lab', 'time.example:123', 'nonsense'] } })).toEqual([
      'options.ntp: "nonsense" is not lab, off or HOST:PORT',
      'options.detectors: "oracle" is not a detector (ping, heartbeat, phi)',
    ]);
  });

  it('a valid experiment survives a JSON round trip unchanged (it is stored with the run)', () => {
    const e = ok({ scenario: 'raft', nodes: 5, clocks: { n2: { offsetMs: -250 } }, faults: [{ kind: 'partition', groups: [['n1'], ['n2']], atMs: 10, untilMs: null, oneWay: true }] });
    expect(ok(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });
});

describe('validateExperiment on arbitrary input (property)', () => {
  it('never throws; fails with one-line "field: problem" errors, or returns a complete experiment', () => {
    const field = fc.constantFrom('scenario', 'nodes', 'seed', 'durationMs', 'model', 'clocks', 'faults', 'failures', 'options', 'label');
    const input = fc.oneof(fc.anything(), fc.dictionary(field, fc.anything()), fc.record({ scenario: fc.constant('x'), faults: fc.array(fc.dictionary(fc.constantFrom('kind', 'node', 'atMs', 'groups', 'untilMs', 'oneWay'), fc.anything())) }));
    fc.assert(
      fc.property(input, (x) => {
        const r = validateExperiment(x);
        if (r.ok) {
          expect(Object.keys(r.experiment).sort()).toEqual(expect.arrayContaining(['clocks', 'durationMs', 'failures', 'faults', 'model', 'nodes', 'options', 'scenario', 'seed']));
          // stored as JSON, it validates to the same experiment (options are the scenario's own data)
          const again = validateExperiment(JSON.parse(JSON.stringify({ ...r.experiment, options: {} })));
          expect(again).toEqual({ ok: true, experiment: { ...r.experiment, options: {} } });
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e).not.toMatch(/[\n\r]/);
            expect(e).toMatch(/^(experiment|scenario|nodes|seed|durationMs|model|clocks|faults|failures|options|label|"[^"]*"|[\w$*.-]+)[^\n]*?: ./);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
