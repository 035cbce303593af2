import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '../store';

/** The checkout's root folder (main/serve/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Folder of the built renderer. Builds it with vite when it is missing (a fresh
 * checkout), so `coordlab serve` works right after `npm install`.
 */
export function rendererRoot(log: (s: string) => void): string {
  const root = join(REPO_ROOT, 'out', 'renderer');
  if (existsSync(join(root, 'index.html'))) return root;
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new LabError(`the UI is not built (${root} is missing) and vite is not installed: run 'npm install' first`);
  log('coordlab serve: building the UI once (vite build)…');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(REPO_ROOT, 'vite.renderer.config.ts'), '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(join(root, 'index.html'))) throw new LabError(`building the UI failed: ${(r.stderr || '').trim().split('\n').pop()}`);
  return root;
}
