/**
 * Scale: how fast node processes are ready (bundled entry vs tsx per child vs a bare
 * `node -e` that only says ready), 32 nodes ready through the lab, and a 64-node run.
 * Run: npx tsx bench/runtime-scale.ts
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { perfectClock } from '../shared/experiment';
import { nodeEntryBundle, REPO_ROOT } from '../main/lab/bundle';
import { Lab } from '../main/lab/lab';
import { encodeLine, type NodeInit } from '../main/node/wire';
import { exp, fmt, loadLine, tempStore } from './runtime-util';

/** Starts `n` processes with `args`, sends each an init line, resolves when all said ready: ms. */
function readyAll(n: number, args: string[]): Promise<number> {
  const t0 = performance.now();
  let ready = 0;
  return new Promise((resolve) => {
    for (let i = 0; i < n; i++) {
      const c = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
      const ch = c.stdio[3] as Socket;
      const node = `n${i + 1}`;
      const init: NodeInit = { run: 'bench', node, nodes: [node], scenario: 'causality', seed: 1, options: {}, model: { link: 'fair-loss' }, clock: perfectClock(), durablePath: '/dev/null', incarnation: 0, resume: null, linkKeyHex: '00', windowEvents: 1000, heartbeatMs: 1000, ntpSources: [], ntpPollMs: 1000 };
      ch.write(encodeLine({ t: 'init', ...init }));
      ch.once('data', () => {
        ch.destroy();
        c.kill('SIGKILL');
        if (++ready === n) resolve(performance.now() - t0);
      });
    }
  });
}

const BARE = `const s = new (require('net').Socket)({ fd: 3 }); s.once('data', () => s.write('{"t":"ready"}\\n'));`;

async function main(): Promise<void> {
  const bundle = nodeEntryBundle().path;
  const bare8 = await readyAll(8, ['-e', BARE]);
  const bundled8 = await readyAll(8, [bundle]);
  const tsx8 = await readyAll(8, ['--require', 'tsx/cjs', join(REPO_ROOT, 'main', 'node', 'entry.ts')]);
  const bare32 = await readyAll(32, ['-e', BARE]);

  const readyMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = tempStore();
    const lab = await Lab.start({ store: t.store, experiment: exp({ scenario: 'causality', nodes: 32, durationMs: 500 }) });
    readyMs.push((await lab.done).readyMs);
    t.done();
  }

  const t = tempStore();
  const lab = await Lab.start({ store: t.store, experiment: exp({ scenario: 'causality', nodes: 64, durationMs: 4000 }) });
  const r64 = await lab.done;
  const perNode = t.store.db.prepare(`SELECT node, count(*) AS c FROM events WHERE run = ? AND node != 'lab' GROUP BY node`).all(r64.run) as Array<{ node: string; c: number }>;
  t.done();

  console.log(`scale; ${loadLine()}`);
  console.log(`  8 children ready : bare node -e ${fmt(bare8)} ms, bundled entry ${fmt(bundled8)} ms, tsx per child ${fmt(tsx8)} ms (bundle ${(tsx8 / bundled8).toFixed(1)}× faster than tsx)`);
  console.log(`  32 ready         : through the lab ${readyMs.map(fmt).join(' / ')} ms (3 runs; target ≤ 3000), bare node -e baseline ${fmt(bare32)} ms, ratio ${(Math.min(...readyMs) / bare32).toFixed(2)}×`);
  console.log(`  64-node run      : status ${r64.status}, ready in ${fmt(r64.readyMs)} ms, ${fmt(r64.events)} events, ${perNode.length}/64 nodes recorded events (min ${Math.min(...perNode.map((p) => p.c))} each), ${r64.crashed.length} crashed, ${fmt(r64.network.delivered)} messages delivered`);
  console.log(JSON.stringify({ bench: 'runtime-scale', bare8, bundled8, tsx8, bare32, ready32: readyMs, run64: { status: r64.status, readyMs: r64.readyMs, events: r64.events, nodesWithEvents: perNode.length, crashed: r64.crashed } }));
}

void main();
