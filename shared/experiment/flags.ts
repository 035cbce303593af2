/**
 * Build an Experiment from `coordlab run` flags (DESIGN.md "CLI"), merged over an
 * optional `--config` file's JSON. Flag syntax is in RUN_FLAGS (flag-spec.ts).
 */
import { RUN_FLAGS, RUNTIME_FLAGS, type RunFlagSpec } from './flag-spec';
import {
  FlagError, assignArg, delayArg, durationArg, forgeArg, listArg, nodeAtArg, nodesArg, onOffArg, partitionArg,
  pauseArg, ppmArg, probabilityArg, rangeArg, seedArg, signedDurationOrFail, spikeArg, stepArg, timingArg,
} from './flag-values';
import { LEADER } from './limits';
import { isRecord } from './problems';
import type { ExperimentResult, RunFlags } from './types';
import { validateExperiment, type ValidateOptions } from './validate';

type Raw = Record<string, unknown>;

/** The experiment under construction: the config's JSON, copied where flags write. */
interface Draft {
  top: Raw;
  model: Raw;
  clocks: Record<string, Raw>;
  faults: unknown[];
  options: Raw;
}

/**
 * Parse run flags (string values as typed) into a validated Experiment. `config`
 * is the parsed `--config` JSON (the caller reads the file): flags override its
 * scalar fields and add to its clocks, faults and options. Flag errors read
 * `--delay: ...`; errors in the merged experiment name the field (`faults[2]: ...`).
 * `db`, `json` and `config` are the CLI's own and ignored here.
 */
export function experimentFromFlags(scenario: string, flags: RunFlags, config?: unknown, opts: ValidateOptions = {}): ExperimentResult {
  const errors: string[] = [];
  if (config !== undefined && !isRecord(config)) {
    return { ok: false, errors: ['--config: the file must hold a JSON object (an experiment)'] };
  }
  const base: Raw = config ?? {};
  const draft: Draft = {
    top: { ...base },
    model: isRecord(base.model) ? { ...base.model } : {},
    clocks: copyClocks(base.clocks),
    faults: Array.isArray(base.faults) ? [...base.faults] : [],
    options: isRecord(base.options) ? { ...base.options } : {},
  };
  if (scenario !== '') draft.top.scenario = scenario;

  const byName = new Map(RUN_FLAGS.map((s) => [s.name, s]));
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    const name = kebab(key);
    if (RUNTIME_FLAGS.includes(name)) continue;
    const spec = byName.get(name);
    if (!spec) {
      errors.push(`--${name}: unknown flag`);
      continue;
    }
    const values = Array.isArray(value) ? (value as readonly string[]) : [value as string | boolean];
    if (!spec.repeatable && values.length > 1) {
      errors.push(`--${name}: given ${values.length} times; give it once`);
      continue;
    }
    for (const v of values) {
      try {
        applyFlag(spec, v, draft);
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        errors.push(`--${name}: ${e.message}`);
      }
    }
  }

  if (Object.keys(draft.model).length > 0 || base.model !== undefined) draft.top.model = draft.model;
  if (Object.keys(draft.clocks).length > 0 || base.clocks !== undefined) draft.top.clocks = draft.clocks;
  if (draft.faults.length > 0 || base.faults !== undefined) draft.top.faults = draft.faults;
  if (Object.keys(draft.options).length > 0 || base.options !== undefined) draft.top.options = draft.options;

  const result = validateExperiment(draft.top, opts);
  if (errors.length === 0) return result;
  return { ok: false, errors: result.ok ? errors : [...errors, ...result.errors] };
}

/** `electionTimeout` → `election-timeout`. */
function kebab(key: string): string {
  return key.replace(/^--/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function copyClocks(raw: unknown): Record<string, Raw> {
  const out: Record<string, Raw> = {};
  if (!isRecord(raw)) return out;
  for (const [node, c] of Object.entries(raw)) out[node] = isRecord(c) ? { ...c, ...(Array.isArray(c.steps) ? { steps: [...c.steps] } : {}) } : (c as Raw);
  return out;
}

function clock(d: Draft, node: string): Raw {
  if (!isRecord(d.clocks[node])) d.clocks[node] = {};
  return d.clocks[node];
}

function text(spec: RunFlagSpec, v: string | boolean): string {
  if (typeof v !== 'string') throw new FlagError(`needs a value: --${spec.name} ${spec.arg}`);
  return v;
}

/** Apply one flag value to the draft; throws FlagError on a bad value. */
function applyFlag(spec: RunFlagSpec, v: string | boolean, d: Draft): void {
  if (spec.kind === 'switch') {
    const on = onOffArg(v);
    if (spec.name === 'reorder') d.model.reorder = on;
    else if (spec.name === 'prevote') d.options.prevote = on;
    else if (spec.name === 'check-quorum') d.options.checkQuorum = on;
    return;
  }
  const s = text(spec, v);
  switch (spec.name) {
    case 'nodes': d.top.nodes = nodesArg(s); break;
    case 'duration': d.top.durationMs = durationArg(s); break;
    case 'seed': d.top.seed = seedArg(s); break;
    case 'label': d.top.label = s; break;
    case 'failures': d.top.failures = s; break;
    case 'offset': {
      const [node, val] = assignArg(s, 'NODE=±DURATION (e.g. n2=-250ms)');
      clock(d, node).offsetMs = signedDurationOrFail(val, 'offset');
      break;
    }
    case 'drift': {
      const [node, val] = assignArg(s, 'NODE=±PPM (e.g. n3=+200ppm)');
      clock(d, node).driftPpm = ppmArg(val);
      break;
    }
    case 'jitter': {
      const [node, val] = assignArg(s, 'NODE=DURATION (e.g. n1=2ms)');
      clock(d, node).jitterMs = durationArg(val, 'jitter');
      break;
    }
    case 'step': {
      const st = stepArg(s);
      if (st.node === LEADER) d.faults.push({ kind: 'clock-step', node: st.node, atMs: st.atMs, byMs: st.byMs });
      else {
        const c = clock(d, st.node);
        c.steps = [...(Array.isArray(c.steps) ? c.steps : []), { atMs: st.atMs, byMs: st.byMs }];
      }
      break;
    }
    case 'loss': d.model.loss = probabilityArg(s); break;
    case 'dup': d.model.dup = probabilityArg(s); break;
    case 'delay': d.model.delay = delayArg(s); break;
    case 'link': d.model.link = s; break;
    case 'timing': d.model.timing = timingArg(s); break;
    case 'crash':
    case 'restart': d.faults.push({ kind: spec.name, ...nodeAtArg(s) }); break;
    case 'pause': d.faults.push({ kind: 'pause', ...pauseArg(s) }); break;
    case 'partition': {
      const pa = partitionArg(s);
      const fault: Raw = { kind: 'partition', groups: pa.groups, atMs: pa.atMs, untilMs: pa.untilMs };
      if (pa.oneWay) fault.oneWay = true;
      d.faults.push(fault);
      break;
    }
    case 'delay-spike': d.faults.push({ kind: 'delay-spike', ...spikeArg(s) }); break;
    case 'forge': d.faults.push({ kind: 'forge', ...forgeArg(s) }); break;
    // `n1,n2=lab` is one per-node entry (shared/ntp/spec.ts); without `=`, a comma list of sources.
    case 'ntp': d.options.ntp = [...(Array.isArray(d.options.ntp) ? d.options.ntp : []), ...(s.includes('=') ? [s.trim()] : listArg(s))]; break;
    case 'detectors': d.options.detectors = listArg(s); break;
    case 'fencing': d.options.fencing = onOffArg(s); break;
    case 'store': d.options.store = s; break;
    case 'etcd': d.options.etcd = listArg(s); break;
    case 'ttl': d.options.ttlMs = durationArg(s, 'ttl'); break;
    case 'election-timeout': d.options.electionTimeoutMs = rangeArg(s); break;
    case 'heartbeat': d.options.heartbeatMs = durationArg(s, 'heartbeat'); break;
    default: throw new FlagError('is in the flag table but has no parser (a bug)');
  }
}
