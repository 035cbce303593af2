/**
 * Where nodes keep their durable state during a run: one folder per run under the
 * system temp folder, removed when the run stops. Folders a crashed lab left behind
 * are removed once they are a day old.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(tmpdir(), 'coordlab-durable');
const DAY_MS = 24 * 3_600_000;

/** Creates the run's durable-state folder (and sweeps day-old leftovers). */
export function makeDurableDir(run: string): string {
  try {
    for (const name of readdirSync(ROOT)) {
      const p = join(ROOT, name);
      if (Date.now() - statSync(p).mtimeMs > DAY_MS) rmSync(p, { recursive: true, force: true });
    }
  } catch {
    // No folder yet, or someone else swept it.
  }
  const dir = join(ROOT, run);
  mkdirSync(dir, { recursive: true });
  return dir;
}
