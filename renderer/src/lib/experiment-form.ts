/**
 * The designer's form logic, pure: the experiment a form describes, its problems
 * (validateExperiment plus the checks only the scenario list can make), and the
 * problems mapped to the fields that show them.
 */
import type { ScenarioInfo } from '../../../shared/api';
import { validateExperiment, type Experiment, type ExperimentResult } from '../../../shared/experiment';
import type { ClockFault, Fault } from '../../../shared/experiment/types';

/** One problem: the field path validateExperiment names, and what is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** `field: message` → {path, message}; a line without a path belongs to `experiment`. */
export function parseProblem(line: string): FieldProblem {
  const m = /^([A-Za-z_][\w.[\]*-]*): (.*)$/s.exec(line);
  return m ? { path: m[1], message: m[2] } : { path: 'experiment', message: line };
}

/** Problems at exactly this path. */
export function problemsAt(problems: readonly FieldProblem[], path: string): string[] {
  return problems.filter((p) => p.path === path).map((p) => p.message);
}

/** Problems at this path or inside it (`clocks.n2` covers `clocks.n2.offsetMs`). */
export function problemsUnder(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** Nodes as typed: a count (`5`) or names (`n1, n2, store`). */
export function parseNodes(text: string): number | string[] {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return t === '' ? [] : t.split(/[\s,]+/).filter(Boolean);
}

/** Clock steps as typed: `4000:-1500, 6000:+200` (run time ms : step ms). NaN marks what does not parse. */
export function parseSteps(text: string): Array<{ atMs: number; byMs: number }> {
  const t = text.trim();
  if (!t) return [];
  return t.split(/\s*,\s*/).map((part) => {
    const m = /^(-?[\d.]+)\s*:\s*([+-]?[\d.]+)$/.exec(part);
    return m ? { atMs: Number(m[1]), byMs: Number(m[2]) } : { atMs: Number.NaN, byMs: Number.NaN };
  });
}

/** Steps back as text. */
export function formatSteps(steps: ReadonlyArray<{ atMs: number; byMs: number }>): string {
  return steps.map((s) => `${s.atMs}:${s.byMs >= 0 ? '+' : ''}${s.byMs}`).join(', ');
}

/** Partition groups as typed: `n1,n2|n3` (or `n1,n2>n3` one-way). */
export function parseGroups(text: string): { groups: string[][]; oneWay: boolean } {
  const oneWay = text.includes('>');
  const groups = text
    .split(oneWay ? '>' : '|')
    .map((g) => g.split(/[\s,]+/).filter(Boolean))
    .filter((g) => g.length > 0);
  return { groups, oneWay };
}

/** Groups back as text. */
export function formatGroups(groups: readonly string[][], oneWay = false): string {
  return groups.map((g) => g.join(',')).join(oneWay ? '>' : '|');
}

/** Clock entries that differ from a perfect clock (the rest are left out of the experiment). */
export function compactClocks(clocks: Readonly<Record<string, ClockFault>>): Record<string, ClockFault> {
  const out: Record<string, ClockFault> = {};
  for (const [n, c] of Object.entries(clocks)) {
    if (c.offsetMs !== 0 || c.driftPpm !== 0 || c.jitterMs !== 0 || c.steps.length > 0) out[n] = c;
  }
  return out;
}

/**
 * Validate what the form describes the way the lab will (startExperiment), before
 * starting: every line names its field.
 */
export function checkExperiment(input: unknown, scenarios: readonly ScenarioInfo[]): { result: ExperimentResult; problems: FieldProblem[] } {
  const result = validateExperiment(input);
  const lines = result.ok ? [] : [...result.errors];
  const exp = input as Partial<Experiment> | null;
  const name = typeof exp?.scenario === 'string' ? exp.scenario : '';
  const known = scenarios.find((s) => s.name === name);
  if (name && scenarios.length && !known) lines.push(`scenario: unknown scenario '${name}' (known: ${scenarios.map((s) => s.name).join(', ')})`);
  const count = typeof exp?.nodes === 'number' ? exp.nodes : Array.isArray(exp?.nodes) ? exp.nodes.length : null;
  if (known?.nodeCount != null && count !== null && count !== known.nodeCount) lines.push(`nodes: scenario '${name}' needs exactly ${known.nodeCount} nodes, got ${count}`);
  if (Array.isArray(exp?.nodes) && exp.nodes.includes('lab')) lines.push("nodes: the name 'lab' is reserved for the lab's own events");
  const problems = lines.map(parseProblem);
  return { result: lines.length && result.ok ? { ok: false, errors: lines } : result, problems };
}

/** Where a fault sits on the timeline: [start, end] run times (end = start for instants). */
export function faultSpan(f: Fault, durationMs: number): { startMs: number; endMs: number } {
  switch (f.kind) {
    case 'pause':
      return { startMs: f.atMs, endMs: f.atMs + f.forMs };
    case 'partition':
      return { startMs: f.atMs, endMs: f.untilMs ?? durationMs };
    case 'delay-spike':
      return { startMs: f.atMs, endMs: f.untilMs };
    default:
      return { startMs: f.atMs, endMs: f.atMs };
  }
}

/** The nodes a fault touches, for drawing it on their lanes (`*`, `leader` and implicit groups resolved against `nodes`). */
export function faultNodes(f: Fault, nodes: readonly string[]): string[] {
  switch (f.kind) {
    case 'partition': {
      const named = new Set(f.groups.flat());
      if (named.has('*')) return [...nodes];
      return nodes.filter((n) => named.has(n));
    }
    case 'delay-spike':
      return f.from === '*' ? [...nodes] : nodes.filter((n) => n === f.from);
    case 'forge':
      return nodes.filter((n) => n === f.to);
    default:
      return f.node === 'leader' ? [] : nodes.filter((n) => n === f.node);
  }
}

/** A new fault of this kind at `atMs` on `node`, with sensible lengths. */
export function newFault(kind: Fault['kind'], node: string, atMs: number, nodes: readonly string[]): Fault {
  switch (kind) {
    case 'crash':
    case 'restart':
      return { kind, node, atMs };
    case 'pause':
      return { kind, node, atMs, forMs: 1000 };
    case 'clock-step':
      return { kind, node, atMs, byMs: -1000 };
    case 'partition':
      return { kind, groups: [[node]], atMs, untilMs: atMs + 2000 };
    case 'delay-spike':
      return { kind, from: node, to: '*', atMs, untilMs: atMs + 2000, extraMs: 200 };
    case 'forge':
      return { kind, to: node, atMs, claimFrom: nodes.find((n) => n !== node) ?? node };
  }
}
