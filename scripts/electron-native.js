#!/usr/bin/env node
// Best effort: fetch better-sqlite3 built for Electron's ABI into .electron-native/,
// so one node_modules serves both Node (tests, CLI) and Electron (the desktop app
// opens the database with better-sqlite3's `nativeBinding` option). Offline, or
// where no prebuilt binary exists, this says so in one line and exits 0.
'use strict';
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const target = join(root, '.electron-native', 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version;
const pkgDir = join(root, 'node_modules', 'better-sqlite3');
const work = mkdtempSync(join(tmpdir(), 'coordlab-native-'));
try {
  cpSync(pkgDir, work, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release')}`) });
  const bin = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  const r = spawnSync(process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], { cwd: work, encoding: 'utf8', timeout: 120000 });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status === 0 && existsSync(built)) {
    mkdirSync(join(root, '.electron-native'), { recursive: true });
    copyFileSync(built, target);
    console.log(`coordlab: better-sqlite3 for Electron ${electronVersion} saved in .electron-native/`);
  } else {
    const why = ((r.stderr || '') + (r.error ? r.error.message : '')).trim().split('\n').pop() || `exit ${r.status}`;
    console.log(`coordlab: skipped better-sqlite3 for Electron ${electronVersion} (${why}); the desktop app needs it, the CLI and 'npm run serve' do not`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
