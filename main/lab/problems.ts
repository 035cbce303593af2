/** Checks of an experiment that only the runtime can make (it knows the scenarios). */
import type { Experiment } from '../../shared/experiment';
import { findScenario, SCENARIOS } from '../../shared/scenarios';
import { leaseRunProblems } from '../lease/run-checks';
import { LAB_NODE } from './recorder';

/** One line per problem; empty when the runtime can run `exp`. */
export function runtimeProblems(exp: Experiment): string[] {
  const out: string[] = [];
  const sc = findScenario(exp.scenario);
  if (!sc) out.push(`scenario: unknown scenario '${exp.scenario}' (known: ${Object.keys(SCENARIOS).join(', ')})`);
  else if (sc.nodeCount != null && exp.nodes.length !== sc.nodeCount) out.push(`nodes: scenario '${exp.scenario}' needs exactly ${sc.nodeCount} nodes, got ${exp.nodes.length}`);
  if (exp.nodes.includes(LAB_NODE)) out.push(`nodes: the name '${LAB_NODE}' is reserved for the lab's own events`);
  out.push(...leaseRunProblems(exp));
  return out;
}
