import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ScenarioInfo } from '../../../shared/api';
import type { RunSummary } from '../../../shared/events';
import { defaultNodeNames, defaultSystemModel, perfectClock, type Experiment } from '../../../shared/experiment';
import { cloneExperiment, findPresetVariant } from '../../../shared/presets';
import { lab } from '../api';
import { checkExperiment, compactClocks, parseNodes } from '../lib/experiment-form';

/** A blank experiment: three causality nodes for ten seconds. */
function blank(): Experiment {
  return { scenario: 'causality', nodes: defaultNodeNames(3), seed: 7, durationMs: 10_000, model: defaultSystemModel(), clocks: {}, faults: [], failures: 'crash-recovery', options: {} };
}

/**
 * The experiment designer's draft and the scenario list: a thin store. Validation
 * and the form logic are pure (lib/experiment-form, shared/experiment).
 */
export const useExperimentsStore = defineStore('experiments', () => {
  const draft = ref<Experiment>(blank());
  /** Nodes as the user typed them (a count or names). */
  const nodesText = ref(draft.value.nodes.join(', '));
  /** Scenario options as JSON text; null options when it does not parse. */
  const optionsText = ref('{}');
  /** The preset variant the draft came from, if any. */
  const source = ref<string | null>(null);
  const scenarios = ref<ScenarioInfo[]>([]);
  const starting = ref(false);
  const startError = ref<string | null>(null);

  /** Node names the draft has now (names typed, or n1..nN for a count). */
  const nodeNames = computed<string[]>(() => {
    const n = parseNodes(nodesText.value);
    return typeof n === 'number' ? (n >= 1 && n <= 64 ? defaultNodeNames(n) : []) : n;
  });

  const optionsParse = computed<{ ok: true; value: Record<string, unknown> } | { ok: false; error: string }>(() => {
    try {
      const v = JSON.parse(optionsText.value || '{}') as unknown;
      return { ok: true, value: v as Record<string, unknown> };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  });

  /** The experiment the form describes, as JSON for validateExperiment. */
  const input = computed(() => {
    const nodes = parseNodes(nodesText.value);
    const names = nodeNames.value;
    const clocks = Object.fromEntries(Object.entries(compactClocks(draft.value.clocks)).filter(([n]) => names.includes(n)));
    return { ...draft.value, nodes, clocks, options: optionsParse.value.ok ? optionsParse.value.value : {} };
  });

  const check = computed(() => {
    const c = checkExperiment(input.value, scenarios.value);
    if (!optionsParse.value.ok) return { result: c.result, problems: [...c.problems, { path: 'options', message: `not JSON: ${optionsParse.value.error}` }] };
    return c;
  });
  const valid = computed(() => check.value.result.ok && check.value.problems.length === 0);

  async function loadScenarios(): Promise<void> {
    if (scenarios.value.length) return;
    try {
      scenarios.value = await lab().listScenarios();
    } catch (e) {
      startError.value = (e as Error).message;
    }
  }

  function setDraft(e: Experiment, from: string | null): void {
    const copy = cloneExperiment(e);
    for (const n of copy.nodes) copy.clocks[n] ??= perfectClock();
    draft.value = copy;
    nodesText.value = copy.nodes.join(', ');
    optionsText.value = JSON.stringify(copy.options, null, 1).replace(/\n\s*/g, ' ');
    source.value = from;
    startError.value = null;
  }

  /** Loads a preset variant into the designer. */
  function loadPreset(id: string): boolean {
    const found = findPresetVariant(id);
    if (!found) return false;
    setDraft(found.variant.experiment, id);
    return true;
  }

  function reset(): void {
    setDraft(blank(), null);
  }

  /** Keeps one clock row per node as the node list changes. */
  function syncClocks(): void {
    for (const n of nodeNames.value) draft.value.clocks[n] ??= perfectClock();
  }

  /** Starts an experiment (the draft when none is given); resolves with the run. */
  async function start(experiment?: Experiment): Promise<RunSummary | null> {
    startError.value = null;
    let toRun: Experiment;
    if (experiment) toRun = experiment;
    else {
      const r = check.value.result;
      if (!r.ok || !valid.value) {
        startError.value = 'Fix the marked fields first.';
        return null;
      }
      toRun = r.experiment;
    }
    starting.value = true;
    try {
      return await lab().startExperiment(toRun);
    } catch (e) {
      startError.value = (e as Error).message;
      return null;
    } finally {
      starting.value = false;
    }
  }

  return { draft, nodesText, optionsText, source, scenarios, starting, startError, nodeNames, check, valid, input, loadScenarios, setDraft, loadPreset, reset, syncClocks, start };
});
