/**
 * Orderings view bench (issue 9): a 1,000,000-event, 16-node run in a temp
 * database, served by `coordlab serve`, opened in Debian's Chromium with
 * playwright-core. Measures time to the first screen (cold: the run has never
 * been opened; warm: a second open; restarted: a new serve process, the run's
 * whole-axis bins kept in the database), then frame times measured in
 * the page with requestAnimationFrame while zooming with the wheel and panning by
 * drag, the time until single events show after zooming in, and the first switch
 * to the causal axis (which fills the causal-past table once).
 *
 *   npx tsx bench/ui-orderings.ts [--events 1000000] [--nodes 16] [--db FILE] [--json]
 *
 * Targets: first screen ≤ 2000 ms; pan/zoom ≥ 30 fps (frame p95 ≤ 33.3 ms).
 * Rewrites bench/ui.md with the figures (unless --events differs from 1M).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Store } from '../main/store';
import { launchChromium } from '../test/helpers/browser';
import { REPO, startCli, stopChild } from '../test/helpers/cli';
import { generateRun } from './analyze-gen';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const EVENTS = Number(opt('events', '1000000'));
const NODES = Number(opt('nodes', '16'));
const JSON_OUT = args.includes('--json');
const FIRST_SCREEN_MS = 2000;
const FRAME_MS = 1000 / 30;

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  fps: number;
  over33: number;
  drawP95: number;
  drawMax: number;
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function stats(intervals: number[], draws: number[]): FrameStats {
  const total = intervals.reduce((a, b) => a + b, 0);
  return {
    frames: intervals.length,
    p50: pct(intervals, 50),
    p95: pct(intervals, 95),
    p99: pct(intervals, 99),
    max: Math.max(...intervals),
    fps: intervals.length / (total / 1000),
    over33: intervals.filter((x) => x > FRAME_MS).length,
    drawP95: pct(draws, 95),
    drawMax: draws.length ? Math.max(...draws) : NaN,
  };
}

function log(msg: string): void {
  if (!JSON_OUT) console.log(msg);
}

/** Records rAF intervals and the diagram's own draw times in the page until stopped. */
async function startFrames(page: Page): Promise<void> {
  // A string, so the bundler's name helpers do not leak into the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__coordlabDrawMs = [];
    window.__stop = false;
    window.__long = [];
    if (!window.__longObs) {
      window.__longObs = new PerformanceObserver((l) => { for (const e of l.getEntries()) (window.__long || []).push(e.duration); });
      window.__longObs.observe({ type: 'longtask', buffered: false });
    }
    let last = 0;
    function loop(t) {
      if (last) window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(loop);
    }
    requestAnimationFrame(loop);
  })()`);
}

async function stopFrames(page: Page): Promise<{ frames: number[]; draws: number[]; long: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __coordlabDrawMs: number[]; __stop: boolean; __long: number[] };
    w.__stop = true;
    return { frames: w.__frames, draws: w.__coordlabDrawMs, long: w.__long };
  });
}

/** Opens the orderings view; ms from navigation start (in the page) until the diagram shows data. */
async function firstScreen(page: Page, url: string): Promise<{ ms: number; mode: string }> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-test=diagram]')?.getAttribute('data-mode');
    return m === 'bins' || m === 'events';
  }, null, { timeout: 60_000, polling: 'raf' });
  const ms = await page.evaluate(() => performance.now());
  const mode = (await page.locator('[data-test=diagram]').getAttribute('data-mode')) ?? '';
  return { ms, mode };
}

async function main(): Promise<void> {
  const given = opt('db', '');
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'coordlab-ui-bench-'));
  const db = given || join(dir!, 'bench.db');
  let run: string;
  let genMs = 0;
  const s = new Store(db);
  const existing = s.listRuns({ search: 'ui-bench' }).find((r) => r.events === EVENTS && r.nodes.length === NODES);
  if (existing) {
    run = existing.run;
    log(`reusing run ${run} in ${db}`);
    // Measure the first open and the causal axis from scratch every time.
    s.db.prepare(`DELETE FROM event_past WHERE run = ?`).run(run);
    s.db.prepare(`DELETE FROM axis_bins WHERE run = ?`).run(run);
  } else {
    const t0 = performance.now();
    log(`generating ${EVENTS.toLocaleString()} events on ${NODES} nodes…`);
    const events = generateRun(EVENTS, NODES, 'ui-bench');
    const nodes = Array.from({ length: NODES }, (_, i) => `n${i + 1}`);
    run = s.createRun({ scenario: 'ui-bench', label: `ui-bench ${EVENTS} events`, nodes }).run;
    for (let i = 0; i < events.length; i += 20_000) {
      s.appendEvents(run, events.slice(i, i + 20_000).map(({ run: _r, id: _id, ...e }) => e));
    }
    s.finishRun(run, 'done');
    genMs = performance.now() - t0;
    log(`  stored in ${(genMs / 1000).toFixed(1)} s (${db})`);
  }
  s.close();

  let served = await startCli(['serve', '--db', db, '--json'], /^(\{.*\})$/m, { timeoutMs: 120_000 });
  let url = `${JSON.parse(served.match[1]).url as string}#/runs/${run}/orderings`;
  const { browser, close } = await launchChromium();
  const shots = join(REPO, 'docs', 'screenshots');
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    log(`load average (1 min) at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    const cold = await firstScreen(page, url);
    log(`first screen (cold): ${cold.ms.toFixed(0)} ms (${cold.mode})`);
    const warm = await firstScreen(page, url);
    log(`first screen (warm): ${warm.ms.toFixed(0)} ms (${warm.mode})`);
    // A restarted lab: a new serve process, the run's whole-axis bins read back from axis_bins.
    await stopChild(served.child);
    served = await startCli(['serve', '--db', db, '--json'], /^(\{.*\})$/m, { timeoutMs: 120_000 });
    url = `${JSON.parse(served.match[1]).url as string}#/runs/${run}/orderings`;
    const restarted = await firstScreen(page, url);
    log(`first screen (new serve process, bins kept in the database): ${restarted.ms.toFixed(0)} ms (${restarted.mode})`);
    if (!existsSync(shots)) mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'orderings-1m-overview.png') });

    const canvas = page.locator('[data-test=diagram] canvas');
    const box = (await canvas.boundingBox())!;
    const cx = box.x + box.width / 2;

    // Zoom in with the wheel around a point, pan by dragging, zoom back out.
    await startFrames(page);
    const t0 = await page.evaluate(() => performance.now());
    await page.mouse.move(cx, box.y + box.height * 0.4);
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -120);
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(cx, box.y + box.height * 0.8);
      await page.mouse.down();
      await page.mouse.move(cx, box.y + box.height * 0.2, { steps: 30 });
      await page.mouse.up();
    }
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 120);
    for (let k = 0; k < 2; k++) {
      await page.mouse.move(cx, box.y + box.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(cx, box.y + box.height * 0.8, { steps: 30 });
      await page.mouse.up();
    }
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 200);
    const t1 = await page.evaluate(() => performance.now());
    const panZoom = await stopFrames(page);
    const pz = stats(panZoom.frames, panZoom.draws);
    log(`  long tasks: ${panZoom.long.length} (${panZoom.long.map((x) => x.toFixed(0)).join(' ')})`);
    log(`pan/zoom: ${pz.frames} frames over ${((t1 - t0) / 1000).toFixed(1)} s: ${pz.fps.toFixed(1)} fps, frame p50 ${pz.p50.toFixed(1)} p95 ${pz.p95.toFixed(1)} p99 ${pz.p99.toFixed(1)} max ${pz.max.toFixed(1)} ms; ${pz.over33} frames > 33 ms; draw p95 ${pz.drawP95.toFixed(1)} max ${pz.drawMax.toFixed(1)} ms`);

    // Zoom far in: how long until single events are drawn.
    await page.mouse.move(cx, box.y + box.height * 0.5);
    // Wheel in notch by notch until the diagram switches from density bins to single events.
    let notches = 0;
    for (; notches < 200; notches++) {
      const mode = await page.locator('[data-test=diagram]').getAttribute('data-mode');
      if (mode === 'events') break;
      await page.mouse.wheel(0, -150);
      // Let the window for this zoom land before deciding on the next notch.
      await page.waitForFunction(() => document.querySelector('section.orderings')?.getAttribute('data-fetching') === 'false', null, { timeout: 20_000, polling: 'raf' });
    }
    // Then time it from density: zoom out 8 notches (back to bins) and in again.
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 150);
    await page.waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === 'bins', null, { timeout: 60_000, polling: 'raf' });
    const z0 = await page.evaluate(() => performance.now());
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -150);
    // The view may land a hair wider than before: a few more notches if still dense.
    for (let i = 0; i < 20; i++) {
      const ok = await page
        .waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === 'events', null, { timeout: 5_000, polling: 'raf' })
        .then(() => true, () => false);
      if (ok) break;
      await page.mouse.wheel(0, -150);
    }
    await page.waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === 'events', null, { timeout: 60_000, polling: 'raf' });
    const z1 = await page.evaluate(() => performance.now());
    const shown = Number(await page.locator('[data-test=diagram]').getAttribute('data-visible'));
    log(`zoomed in ${notches} notches until single events show (${shown} drawn); from density to events after 8 notches in: ${(z1 - z0).toFixed(0)} ms`);
    // Frames while panning through single events.
    await startFrames(page);
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(cx, box.y + box.height * 0.8);
      await page.mouse.down();
      await page.mouse.move(cx, box.y + box.height * 0.2, { steps: 30 });
      await page.mouse.up();
    }
    const detailPan = await stopFrames(page);
    const dp = stats(detailPan.frames, detailPan.draws);
    log(`pan through single events: ${dp.fps.toFixed(1)} fps, frame p95 ${dp.p95.toFixed(1)} max ${dp.max.toFixed(1)} ms; draw p95 ${dp.drawP95.toFixed(1)} ms`);
    // Let the order lists catch up with the last pan before the picture.
    await page.locator('[data-test=order-wall] li').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await page.screenshot({ path: join(shots, 'orderings-1m-zoomed.png') });

    // First switch to the causal axis: fills the causal-past table once, with progress.
    const c0 = await page.evaluate(() => performance.now());
    await page.locator('[data-test=axis-causal]').click();
    await page.waitForFunction(() => {
      const d = document.querySelector('[data-test=diagram]');
      return d?.getAttribute('data-axis') === 'causal' && (d.getAttribute('data-mode') === 'bins' || d.getAttribute('data-mode') === 'events');
    }, null, { timeout: 180_000, polling: 100 });
    const causalMs = (await page.evaluate(() => performance.now())) - c0;
    log(`first switch to the causal axis (computes it once): ${(causalMs / 1000).toFixed(1)} s`);
    await page.screenshot({ path: join(shots, 'orderings-1m-causal.png') });
    const again = await page.evaluate(() => performance.now());
    await page.locator('[data-test=axis-lamport]').click();
    await page.waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-axis') === 'lamport' && document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') !== 'none');
    await page.locator('[data-test=axis-causal]').click();
    await page.waitForFunction(() => {
      const d = document.querySelector('[data-test=diagram]');
      return d?.getAttribute('data-axis') === 'causal' && (d.getAttribute('data-mode') === 'bins' || d.getAttribute('data-mode') === 'events');
    }, null, { timeout: 60_000, polling: 'raf' });
    const causalWarmMs = (await page.evaluate(() => performance.now())) - again;
    log(`lamport → causal again (computed): ${causalWarmMs.toFixed(0)} ms`);

    const result = {
      load_avg_1m: Number(loadavg()[0].toFixed(2)),
      events: EVENTS,
      nodes: NODES,
      generate_ms: Math.round(genMs),
      first_screen_cold_ms: Math.round(cold.ms),
      first_screen_warm_ms: Math.round(warm.ms),
      first_screen_restarted_ms: Math.round(restarted.ms),
      first_screen_mode: cold.mode,
      pan_zoom: pz,
      to_single_events_ms: Math.round(z1 - z0),
      single_events_drawn: shown,
      pan_single_events: dp,
      causal_first_ms: Math.round(causalMs),
      causal_again_ms: Math.round(causalWarmMs),
      targets: {
        first_screen_ok: Math.max(cold.ms, warm.ms, restarted.ms) <= FIRST_SCREEN_MS,
        pan_zoom_ok: pz.p95 <= FRAME_MS && dp.p95 <= FRAME_MS,
      },
    };
    if (JSON_OUT) console.log(JSON.stringify(result));
    else log(`targets: first screen ≤ ${FIRST_SCREEN_MS} ms: ${result.targets.first_screen_ok ? 'met' : 'MISSED'}; pan/zoom p95 ≤ 33.3 ms: ${result.targets.pan_zoom_ok ? 'met' : 'MISSED'}`);
    if (EVENTS === 1_000_000 && NODES === 16) writeFileSync(join(REPO, 'bench', 'results', 'ui-orderings.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await close();
    await stopChild(served.child);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
