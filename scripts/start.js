#!/usr/bin/env node
// `npm start`: opens the desktop app. Where Electron's binary is missing it runs
// Electron's own installer first (works wherever its download host is reachable);
// where that fails, one line says why and the same UI starts in the browser
// (`npm run serve`) instead.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');

function electronPath() {
  try {
    return require('electron'); // the binary's path; throws when the binary is missing
  } catch {
    return null;
  }
}

function fallbackToServe(why) {
  console.error(`coordlab: the desktop app cannot start: ${why}. Run 'npm run serve' for the same lab in your browser; starting it now.`);
  const r = spawnSync('npm', ['run', 'serve'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

let exe = electronPath();
if (!exe) {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, env, encoding: 'utf8', timeout: 300000 });
  exe = electronPath();
  if (!exe) {
    const lines = ((r.stderr || '') + (r.error ? r.error.message : '')).split('\n').map((l) => l.trim()).filter(Boolean);
    const detail = lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) || lines[0] || `installer exit ${r.status}`;
    fallbackToServe(`Electron's binary is missing and its download failed (${detail})`);
  }
}
if (!exe) process.exit(1);
spawnSync(process.execPath, [join(__dirname, 'electron-native.js')], { cwd: root, stdio: 'inherit' });
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(exe, [root], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
