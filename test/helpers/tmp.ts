import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary folder; call the returned cleanup in afterEach/afterAll.
 * `COORDLAB_KEEP_TMP=1` keeps the folders (and their run databases) to look at a failure.
 */
export function tempDir(prefix = 'coordlab-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const keep = process.env.COORDLAB_KEEP_TMP === '1';
  return { dir, cleanup: () => (keep ? process.stderr.write(`kept ${dir}\n`) : rmSync(dir, { recursive: true, force: true })) };
}
