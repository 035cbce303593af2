/**
 * Scenario cores the lab can run, and the pieces their drivers share.
 * To add a scenario: write a `ScenarioDef` (see types.ts) and list it in SCENARIOS.
 */
import { causalityScenario } from './causality';
import type { ScenarioDef } from './types';
import { vclockFigureScenario } from './vclock-figure';
import { floodScenario } from './flood';
import { raftScenario } from './raft';
import { fdScenario } from './fd';
import { leaseScenario } from './lease';
import { clocksScenario } from './clocks';

export type { CoreEvent, CoreInit, CoreOutput, CoreSend, NodeCore, NodeNow, ScenarioDef } from './types';
export { EMPTY_OUTPUT } from './types';
export { Stamper, type LogicalStamp, type MessageStamp } from './stamper';
export { causalityScenario, createCausalityCore, type CausalityBody, type CausalityDurable } from './causality';
export { vclockFigureScenario, VCLOCK_FIGURE_EXPECTED } from './vclock-figure';
export { nodeSeed } from './seed';
export { floodScenario } from './flood';
export { raftScenario } from './raft';
export { fdScenario, type FdBody } from './fd';
export { leaseScenario } from './lease';
export { clocksScenario, type ClocksBody } from './clocks';

/** Every scenario by name. */
export const SCENARIOS: Readonly<Record<string, ScenarioDef>> = {
  [causalityScenario.name]: causalityScenario,
  [vclockFigureScenario.name]: vclockFigureScenario,
  [floodScenario.name]: floodScenario,
  [raftScenario.name]: raftScenario,
  [fdScenario.name]: fdScenario,
  [leaseScenario.name]: leaseScenario,
  [clocksScenario.name]: clocksScenario,
};

/** The scenario called `name`, or null. */
export function findScenario(name: string): ScenarioDef | null {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name) ? SCENARIOS[name] : null;
}
export { scenarioSimProgram, type ScenarioSimMessage, type ScenarioSimOptions } from './sim-program';
