/** Helpers for the lab runtime tests: build experiments from run flags, read events back. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { experimentFromFlags, type Experiment, type RunFlags } from '../../shared/experiment';
import type { LabEvent } from '../../shared/events';
import { Store } from '../../main/store';
import { tempDir } from '../helpers/tmp';

/**
 * A fresh SQLite run database in a temp folder for each test (beforeEach/afterEach);
 * read it with `store()` inside the test.
 */
export function freshStorePerTest(): { store: () => Store; dir: () => string } {
  let t: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    t = tempDir();
    store = new Store(join(t.dir, 'lab.db'));
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });
  return { store: () => store, dir: () => t.dir };
}

/** A validated experiment from `coordlab run` flags; throws with the problems otherwise. */
export function experiment(scenario: string, flags: RunFlags): Experiment {
  const r = experimentFromFlags(scenario, flags);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.experiment;
}

/** Every event of a run. */
export function eventsOf(store: Store, run: string): LabEvent[] {
  return store.allEvents(run);
}

/** Events of one node, in seq order. */
export function nodeEvents(events: LabEvent[], node: string): LabEvent[] {
  return events.filter((e) => e.node === node).sort((a, b) => a.seq - b.seq);
}

/** Pids of live processes whose parent is `ppid` (Linux /proc). */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(d));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** True while `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `cond` every 20 ms until it holds or `deadlineMs` passes; returns its last value. */
export async function until(cond: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = performance.now() + deadlineMs;
  for (;;) {
    if (cond()) return true;
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
