/**
 * Validate an Experiment given as JSON (a config file, a stored run, the UI) and
 * fill in its defaults. One clear line per problem, each naming its field.
 */
import { defaultNodeNames } from './defaults';
import { DEFAULT_DURATION_MS, DEFAULT_NODE_COUNT, DEFAULT_SEED, LAB_NODE, LEADER, MAX_DURATION_MS, MAX_NODES, NODE_NAME_RE } from './limits';
import { Problems, isFiniteNumber, isRecord, show, showMs, showNumber, unknownFields } from './problems';
import type { Experiment, ExperimentResult } from './types';
import { validateClocks } from './validate-clocks';
import { validateFaults } from './validate-faults';
import { validateModel } from './validate-model';
import { validateOptions } from './validate-options';

/** Options of `validateExperiment`. */
export interface ValidateOptions {
  /** Seed to use when the input has none (default DEFAULT_SEED). */
  defaultSeed?: number;
}

const FIELDS = ['scenario', 'nodes', 'seed', 'durationMs', 'model', 'clocks', 'faults', 'failures', 'options', 'label'] as const;

/**
 * Check `input` and fill defaults (nodes n1..n3, seed, 10 s, fair-loss, no loss,
 * uniform 1–5 ms, async, FIFO, crash-recovery). `nodes` may be a count or a list of
 * names. Returns the complete Experiment, or every problem found as
 * `field: what is wrong` lines.
 */
export function validateExperiment(input: unknown, opts: ValidateOptions = {}): ExperimentResult {
  const p = new Problems();
  if (!isRecord(input)) {
    p.add('experiment', `must be a JSON object, got ${show(input)}`);
    return { ok: false, errors: p.lines };
  }
  unknownFields(input, FIELDS, '', p);

  let scenario = '';
  if (typeof input.scenario === 'string' && input.scenario.trim() !== '') scenario = input.scenario.trim();
  else p.add('scenario', `required: a scenario name such as causality, got ${show(input.scenario)}`);

  const nodes = validateNodes(input.nodes, p);
  const seed = validateSeed(input.seed, opts.defaultSeed ?? DEFAULT_SEED, p);

  let durationMs = DEFAULT_DURATION_MS;
  if (input.durationMs !== undefined) {
    const d = input.durationMs;
    if (!isFiniteNumber(d) || d <= 0) p.add('durationMs', `must be a number of ms above 0, got ${showMs(d)}`);
    else if (d > MAX_DURATION_MS) p.add('durationMs', `${showMs(d)} is longer than the ${showMs(MAX_DURATION_MS)} limit`);
    else durationMs = d;
  }

  let failures: Experiment['failures'] = 'crash-recovery';
  if (input.failures !== undefined) {
    if (input.failures === 'crash-stop' || input.failures === 'crash-recovery') failures = input.failures;
    else p.add('failures', `must be crash-stop or crash-recovery, got ${show(input.failures)}`);
  }

  const model = validateModel(input.model, p);
  const clocks = validateClocks(input.clocks, nodes, p);
  const faults = validateFaults(input.faults, nodes, durationMs, failures, p);
  const options = validateOptions(input.options, p, nodes ?? undefined);

  let label: string | undefined;
  if (input.label !== undefined) {
    if (typeof input.label === 'string') label = input.label;
    else p.add('label', `must be a string, got ${show(input.label)}`);
  }

  if (!p.empty || nodes === null) return { ok: false, errors: p.lines };
  const experiment: Experiment = { scenario, nodes, seed, durationMs, model, clocks, faults, failures, options };
  if (label !== undefined) experiment.label = label;
  return { ok: true, experiment };
}

/**
 * Node count or names. After reporting a problem it still returns the names it can
 * (65 nodes → n1..n65), so faults and clocks are checked against them too; null
 * when there are none to check against.
 */
function validateNodes(raw: unknown, p: Problems): string[] | null {
  if (raw === undefined) return defaultNodeNames(DEFAULT_NODE_COUNT);
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) p.add('nodes', `must be a whole number of nodes, got ${raw}`);
    else if (raw < 1) p.add('nodes', `${raw} nodes, at least 1`);
    else if (raw > MAX_NODES) {
      p.add('nodes', `${showNumber(raw)} nodes, at most ${MAX_NODES}`);
      return raw <= 100_000 ? defaultNodeNames(raw) : null;
    } else return defaultNodeNames(raw);
    return null;
  }
  if (!Array.isArray(raw)) {
    p.add('nodes', `must be a node count or a list of names, got ${show(raw)}`);
    return null;
  }
  const before = p.lines.length;
  if (raw.length < 1) p.add('nodes', '0 nodes, at least 1');
  if (raw.length > MAX_NODES) p.add('nodes', `${raw.length} nodes, at most ${MAX_NODES}`);
  const seen = new Set<string>();
  raw.forEach((n: unknown, i) => {
    if (typeof n !== 'string' || !NODE_NAME_RE.test(n)) p.add(`nodes[${i}]`, `bad node name ${show(n)}: a letter, then letters, digits, _ or - (at most 32)`);
    else if (n === LEADER) p.add(`nodes[${i}]`, `${LEADER} is reserved for "whichever node leads"`);
    else if (n === LAB_NODE) p.add(`nodes[${i}]`, `${LAB_NODE} is reserved for the lab's own events`);
    else if (seen.has(n)) p.add(`nodes[${i}]`, `${n} appears twice`);
    else seen.add(n);
  });
  return p.lines.length === before || seen.size > 0 ? [...seen] : null;
}

function validateSeed(raw: unknown, fallback: number, p: Problems): number {
  if (raw === undefined) return fallback;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw + 0; // -0 → 0
  p.add('seed', `must be a non-negative whole number, got ${show(raw)}`);
  return fallback;
}
