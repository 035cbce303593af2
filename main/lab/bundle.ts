/**
 * The node entry, bundled once into plain JS. Starting a child through tsx costs
 * ~0.5 s of CPU each; a bundled child starts like plain `node` (see bench/runtime.md).
 * The bundle is cached under a hash of every source it may include, so an edit to
 * main/node or shared/ rebuilds it and nothing else does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is main/lab/bundle.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(REPO_ROOT, 'main', 'node', 'entry.ts');
/** Everything the entry can pull in: the node runtime, main/ntp (its NTP poller), main/lease (the etcd-backed store node), shared/, and the locked packages. */
const SOURCE_DIRS = [join(REPO_ROOT, 'main', 'node'), join(REPO_ROOT, 'main', 'ntp'), join(REPO_ROOT, 'main', 'lease'), join(REPO_ROOT, 'shared')];
const SOURCE_FILES = [join(REPO_ROOT, 'package-lock.json')];

function listSources(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listSources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
}

/** Hash of the sources the bundle is built from. */
export function sourceHash(): string {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) listSources(d, files);
  for (const f of SOURCE_FILES) if (existsSync(f)) files.push(f);
  const h = createHash('sha256');
  for (const f of files) h.update(f.slice(REPO_ROOT.length)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** Folder of the bundle cache (`COORDLAB_CACHE` overrides). */
export function cacheDir(): string {
  return process.env.COORDLAB_CACHE ?? join(REPO_ROOT, 'node_modules', '.cache', 'coordlab');
}

/**
 * Path of the bundled node entry, building it if the sources changed. Safe when
 * several labs build at once (each writes its own temp file and renames it).
 */
export function nodeEntryBundle(): { path: string; hash: string; builtMs: number } {
  // A packaged app ships the entry prebuilt (no esbuild, no sources): point at it.
  const prebuilt = process.env.COORDLAB_NODE_ENTRY;
  if (prebuilt) return { path: prebuilt, hash: 'prebuilt', builtMs: 0 };
  const t0 = performance.now();
  const hash = sourceHash();
  const dir = cacheDir();
  const path = join(dir, `node-${hash}.cjs`);
  if (existsSync(path)) return { path, hash, builtMs: 0 };
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: tmp, logLevel: 'error', sourcemap: false });
  renameSync(tmp, path);
  prune(dir, path);
  return { path, hash, builtMs: performance.now() - t0 };
}

/** Bundles unused for a day go (a running lab may still restart nodes from its own). */
function prune(dir: string, keep: string): void {
  const dayAgoMs = Date.now() - 24 * 3_600_000;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (p === keep || !/^node-[0-9a-f]+\.cjs/.test(name)) continue;
    try {
      if (statSync(p).atimeMs < dayAgoMs) rmSync(p, { force: true });
    } catch {
      // Someone else pruned it.
    }
  }
}
