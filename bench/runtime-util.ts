/** Shared bits of the runtime benchmarks: a temp store, experiments from JSON, formatting. */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateExperiment, type Experiment } from '../shared/experiment';
import { Store } from '../main/store';

/** A fresh store in a temp folder; `done()` closes and deletes it. */
export function tempStore(): { store: Store; dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'coordlab-bench-'));
  const store = new Store(join(dir, 'lab.db'));
  return { store, dir, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** A validated experiment; throws with the problems. */
export function exp(input: Record<string, unknown>): Experiment {
  const r = validateExperiment(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.experiment;
}

/** `12 345` style integer. */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');

/** One line about the machine's load, for the report. */
export function loadLine(): string {
  return `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared with other work)`;
}
