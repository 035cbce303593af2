import { describe, expect, it } from 'vitest';
import { experimentFromFlags, flagsFromArgv, RUN_FLAGS, type Experiment, type RunFlags } from '../../../shared/experiment';

function argv(line: string): RunFlags {
  const r = flagsFromArgv(line.split(' ').filter((s) => s !== ''));
  expect(r.errors).toEqual([]);
  return r.flags;
}

function build(line: string, config?: unknown): Experiment {
  const r = experimentFromFlags('raft', argv(line), config);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.experiment;
}

function errorsOf(line: string, config?: unknown): string[] {
  const r = experimentFromFlags('raft', argv(line), config);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.experiment)}`);
  return r.errors;
}

describe('experimentFromFlags', () => {
  it("parses DESIGN.md's run flags into an Experiment", () => {
    const e = build(
      '--nodes 5 --duration 10s --seed 7 --offset n2=-250ms --drift n3=+200ppm --step n1@4s-1.5s --loss 0.1 --dup 0.05 ' +
        '--delay uniform:5ms..50ms --link reliable --timing sync:100ms --crash n1@3s --restart n1@6s --pause n2@2s+1500ms ' +
        '--partition n1,n2|n3,n4,n5@2s..5s --election-timeout 150-300ms --heartbeat 50ms --prevote --check-quorum ' +
        '--ntp lab --ntp time.example:123 --detectors ping,heartbeat,phi --fencing on --store etcd --etcd http://a:2379,http://b:2379',
    );
    expect(e.nodes).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(e.seed).toBe(7);
    expect(e.durationMs).toBe(10_000);
    expect(e.clocks).toEqual({
      n2: { offsetMs: -250, driftPpm: 0, steps: [], jitterMs: 0 },
      n3: { offsetMs: 0, driftPpm: 200, steps: [], jitterMs: 0 },
      n1: { offsetMs: 0, driftPpm: 0, steps: [{ atMs: 4000, byMs: -1500 }], jitterMs: 0 },
    });
    expect(e.model).toEqual({ link: 'reliable', loss: 0.1, dup: 0.05, delay: { kind: 'uniform', minMs: 5, maxMs: 50 }, timing: { kind: 'sync', boundMs: 100 }, reorder: false });
    expect(e.faults).toEqual([
      { kind: 'crash', node: 'n1', atMs: 3000 },
      { kind: 'restart', node: 'n1', atMs: 6000 },
      { kind: 'pause', node: 'n2', atMs: 2000, forMs: 1500 },
      { kind: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']], atMs: 2000, untilMs: 5000 },
    ]);
    expect(e.options).toEqual({
      electionTimeoutMs: { minMs: 150, maxMs: 300 },
      heartbeatMs: 50,
      prevote: true,
      checkQuorum: true,
      ntp: ['lab', 'time.example:123'],
      detectors: ['ping', 'heartbeat', 'phi'],
      fencing: true,
      store: 'etcd',
      etcd: ['http://a:2379', 'http://b:2379'],
    });
  });

  it('parses every delay and timing form', () => {
    const delay = (s: string) => build(`--delay ${s}`).model.delay;
    expect(delay('constant:10ms')).toEqual({ kind: 'constant', ms: 10 });
    expect(delay('exp:20ms')).toEqual({ kind: 'exponential', meanMs: 20 });
    expect(delay('normal:20ms,5ms')).toEqual({ kind: 'normal', meanMs: 20, stdMs: 5 });
    expect(delay('pareto:5ms,1.5')).toEqual({ kind: 'pareto', scaleMs: 5, shape: 1.5 });
    expect(delay('uniform:1s..1.5s')).toEqual({ kind: 'uniform', minMs: 1000, maxMs: 1500 });
    const timing = (s: string) => build(`--timing ${s}`).model.timing;
    expect(timing('async')).toEqual({ kind: 'async' });
    expect(timing('partial:gst=5s,bound=50ms')).toEqual({ kind: 'partial', gstMs: 5000, boundMs: 50 });
    expect(build('--reorder').model.reorder).toBe(true);
    expect(build('--reorder=off').model.reorder).toBe(false);
    expect(build('--loss 10%').model.loss).toBeCloseTo(0.1);
  });

  it('parses partitions: symmetric, isolate one, one-way, open-ended, start+length, leader and *', () => {
    const p = (s: string) => build(`--nodes 5 --partition ${s}`).faults[0];
    expect(p('n1@2s..5s')).toEqual({ kind: 'partition', groups: [['n1']], atMs: 2000, untilMs: 5000 });
    expect(p('n1,n2>n3@2s+1s')).toEqual({ kind: 'partition', groups: [['n1', 'n2'], ['n3']], atMs: 2000, untilMs: 3000, oneWay: true });
    expect(p('n1|n2|n3,n4,n5@1.5s')).toEqual({ kind: 'partition', groups: [['n1'], ['n2'], ['n3', 'n4', 'n5']], atMs: 1500, untilMs: null });
    expect(p('leader>*@3s..')).toEqual({ kind: 'partition', groups: [['leader'], ['*']], atMs: 3000, untilMs: null, oneWay: true });
  });

  it('parses the other faults: leader clock step, delay spike, forge, jitter', () => {
    const e = build('--step leader@2s+500ms --delay-spike n1>*=+200ms@2s..4s --forge n1>n2@3s --jitter n2=2ms --crash leader@1s');
    expect(e.faults).toEqual([
      { kind: 'clock-step', node: 'leader', atMs: 2000, byMs: 500 },
      { kind: 'delay-spike', from: 'n1', to: '*', extraMs: 200, atMs: 2000, untilMs: 4000 },
      { kind: 'forge', claimFrom: 'n1', to: 'n2', atMs: 3000 },
      { kind: 'crash', node: 'leader', atMs: 1000 },
    ]);
    expect(e.clocks.n2.jitterMs).toBe(2);
  });

  it('refuses bad flag values, one line each, naming the flag', () => {
    expect(errorsOf('--nodes 65')).toEqual(['nodes: 65 nodes, at most 64']);
    expect(errorsOf('--duration 10')).toEqual(['--duration: duration "10" is not a duration (e.g. 10s, 250ms, 1.5s, 2m)']);
    expect(errorsOf('--delay constant:-5ms')).toEqual(['model.delay: negative delay -5ms']);
    expect(errorsOf('--delay gamma:3ms')[0]).toMatch(/^--delay: unknown distribution "gamma"; use constant:10ms/);
    expect(errorsOf('--timing sync')[0]).toMatch(/^--timing: unknown timing model "sync"/);
    expect(errorsOf('--drift n3=1e9ppm')).toEqual(['clocks.n3.driftPpm: 1e9 ppm is beyond ±100000 ppm']);
    expect(errorsOf('--drift n3=fast')).toEqual(['--drift: drift "fast" is not a ppm value (e.g. +200ppm, -50ppm)']);
    expect(errorsOf('--partition n1,n2|n9@2s..5s')).toEqual(['faults[0]: partition names unknown node n9']);
    expect(errorsOf('--partition n1|n2>n3@2s')[0]).toMatch(/^--partition: "n1\|n2>n3" mixes \| and >/);
    expect(errorsOf('--step n1@4s')).toEqual(['--step: "n1@4s" must look like NODE@TIME±STEP (e.g. n1@4s-1.5s)']);
    expect(errorsOf('--pause n2@2s')).toEqual(['--pause: "n2@2s" must look like NODE@TIME+LENGTH (e.g. n2@2s+1500ms)']);
    expect(errorsOf('--loss 0.1 --loss 0.2')).toEqual(['--loss: given 2 times; give it once']);
    expect(errorsOf('--loss 1.5')).toEqual(['model.loss: must be between 0 and 1, got 1.5']);
    expect(errorsOf('--fencing maybe')).toEqual(['--fencing: "maybe" must be on or off']);
    expect(errorsOf('--warp 9')).toEqual(['--warp: unknown flag']);
    expect(errorsOf('--offset n2')).toEqual(['--offset: "n2" must look like NODE=±DURATION (e.g. n2=-250ms)']);
  });

  it('accepts commander camelCase keys and ignores the CLI-owned flags', () => {
    const r = experimentFromFlags('raft', { electionTimeout: '150-300ms', checkQuorum: true, db: '/tmp/x.db', json: true, config: 'exp.json' });
    expect(r).toMatchObject({ ok: true, experiment: { options: { electionTimeoutMs: { minMs: 150, maxMs: 300 }, checkQuorum: true } } });
  });

  it('merges --config under the flags: flags override scalars and add clocks, faults and options', () => {
    const config = {
      scenario: 'causality',
      nodes: 4,
      seed: 3,
      durationMs: 20_000,
      model: { loss: 0.2, delay: { kind: 'constant', ms: 7 } },
      clocks: { n1: { offsetMs: 100, steps: [{ atMs: 1000, byMs: 5 }] } },
      faults: [{ kind: 'crash', node: 'n4', atMs: 1000 }],
      options: { detectors: ['ping'], custom: 1 },
    };
    const e = build('--seed 9 --loss 0.01 --drift n1=-20ppm --step n1@2s+1ms --crash n3@2s --detectors phi', config);
    expect(e.scenario).toBe('raft');
    expect(e.nodes).toHaveLength(4);
    expect(e.seed).toBe(9);
    expect(e.durationMs).toBe(20_000);
    expect(e.model).toMatchObject({ loss: 0.01, delay: { kind: 'constant', ms: 7 } });
    expect(e.clocks.n1).toEqual({ offsetMs: 100, driftPpm: -20, steps: [{ atMs: 1000, byMs: 5 }, { atMs: 2000, byMs: 1 }], jitterMs: 0 });
    expect(e.faults).toEqual([{ kind: 'crash', node: 'n4', atMs: 1000 }, { kind: 'crash', node: 'n3', atMs: 2000 }]);
    expect(e.options).toEqual({ detectors: ['phi'], custom: 1 });
    expect(config.clocks.n1.steps).toHaveLength(1); // the config object is not modified
    expect(experimentFromFlags('raft', {}, [1, 2])).toEqual({ ok: false, errors: ['--config: the file must hold a JSON object (an experiment)'] });
  });

  it('every flag in the table has a parser', () => {
    const sample: Record<string, string> = {
      nodes: '3', duration: '1s', seed: '1', label: 'x', offset: 'n1=1ms', drift: 'n1=1ppm', step: 'n1@1ms+1ms', jitter: 'n1=1ms',
      ntp: 'off', loss: '0', dup: '0', delay: 'constant:1ms', link: 'fair-loss', timing: 'async', failures: 'crash-recovery',
      crash: 'n1@1ms', restart: 'n1@2ms', pause: 'n2@1ms+1ms', partition: 'n1@1ms..2ms', 'delay-spike': 'n1>n2=+1ms@1ms..2ms',
      forge: 'n1>n2@1ms', detectors: 'ping', fencing: 'off', store: 'embedded', etcd: 'http://x:1', ttl: '1s', 'election-timeout': '150-300ms', heartbeat: '50ms',
    };
    for (const spec of RUN_FLAGS) {
      const value = spec.kind === 'switch' ? true : sample[spec.name];
      expect(value, spec.name).toBeDefined();
      const needsCrash = spec.name === 'restart' ? { crash: 'n1@1ms' } : {}; // a restart needs a crashed node
      const r = experimentFromFlags('raft', { ...needsCrash, [spec.name]: value });
      expect(r.ok ? [] : r.errors, spec.name).toEqual([]);
    }
  });
});

describe('flagsFromArgv', () => {
  it('splits values, =values, switches, --no- switches, repeats and positionals', () => {
    expect(flagsFromArgv(['raft', '--crash', 'n1@3s', '--crash=n2@4s', '--prevote', '--no-check-quorum', '--offset', 'n2=-250ms', '--json'])).toEqual({
      flags: { crash: ['n1@3s', 'n2@4s'], prevote: true, 'check-quorum': false, offset: 'n2=-250ms', json: true },
      positional: ['raft'],
      errors: [],
    });
    expect(flagsFromArgv(['--seed']).errors).toEqual(['--seed: needs a value']);
  });
});
