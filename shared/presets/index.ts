/** Ready experiments, one per claim of the chapter, for the Experiments gallery. */
export type { Preset, PresetVariant, PresetView } from './types';
export { PRESETS, findPresetVariant, cloneExperiment } from './catalog';
