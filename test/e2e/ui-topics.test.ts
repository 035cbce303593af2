/**
 * The topic views of recorded runs in Debian's Chromium through `coordlab serve`: Raft
 * (split votes, the leader per term, the election benchmark), failure detection (QoS
 * against a crash and a pause), clocks (a real run with offset, drift, a step and NTP)
 * and leases (a paused leader with and without fencing). Each step asserts what the
 * page shows; screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../shared/events';
import { Store } from '../../main/store';
import { serveInChromium, shotsDir, type ServedUi } from '../helpers/browser';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { fdRun, leaseRun, raftRun } from './ui-topics-fixtures';

const SHOTS = shotsDir();

/** Terms (in order) with their leader, and the split ones, straight from the events. */
function raftTruth(events: readonly LabEvent[]): { leaders: Map<number, string>; splits: number[] } {
  const leaders = new Map<number, string>();
  const candidates = new Map<number, Set<string>>();
  for (const e of events) {
    if (e.kind !== 'state' || typeof e.data?.term !== 'number') continue;
    const term = e.data.term as number;
    if (e.data.role === 'leader' && !leaders.has(term)) leaders.set(term, e.node);
    if (e.data.role === 'candidate') {
      if (!candidates.has(term)) candidates.set(term, new Set());
      candidates.get(term)!.add(e.node);
    }
  }
  const splits = [...candidates].filter(([t, c]) => c.size >= 2 && !leaders.has(t)).map(([t]) => t).sort((a, b) => a - b);
  return { leaders, splits };
}

describe('topic views in Chromium', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let ui: ServedUi;
  let url: string;
  let page: Page;
  let raft: { run: string; events: readonly LabEvent[] };
  let fd: { run: string; events: readonly LabEvent[] };
  let leaseOff: string;
  let leaseOn: string;
  let clocksRun: string;

  beforeAll(async () => {
    const s = new Store(db);
    raft = raftRun(s, 1);
    fd = fdRun(s);
    leaseOff = leaseRun(s, false).run;
    leaseOn = leaseRun(s, true).run;
    s.close();
    // A real run on node processes: n3 40 ms behind, n2 300 ppm fast, n1 stepped back 50 ms at 1.5 s; NTP against the lab server.
    const r = cli(['run', 'raft', '--nodes', '3', '--duration', '3s', '--db', db, '--json', '--offset', 'n3=-40ms', '--drift', 'n2=+300ppm', '--step', 'n1@1500ms-50ms', '--ntp', 'lab'], { timeoutMs: 90_000 });
    if (r.code !== 0) throw new Error(`coordlab run failed (${r.code}): ${r.stderr}`);
    clocksRun = JSON.parse(r.stdout).run;
    ui = await serveInChromium(db, { width: 1400, height: 900 });
    ({ url, page } = ui);
  }, 180_000);
  afterAll(async () => {
    await ui?.close();
    t.cleanup();
  });

  /** Opens the run page and follows its link to a topic view; returns the links offered. */
  async function openTopic(run: string, topic: string): Promise<string[]> {
    await page.goto(`${url}#/runs/${run}`);
    await page.locator('[data-test=topic-links]').waitFor({ timeout: 15_000 });
    const links = await page.locator('[data-test=topic-links] a').evaluateAll((as) => as.map((a) => a.getAttribute('data-test')!.replace('open-', '')));
    await page.locator(`[data-test=open-${topic}]`).click();
    await page.locator(`section[data-topic=${topic}]`).waitFor({ timeout: 15_000 });
    return links;
  }

  it('Raft: lanes by role, the split votes and the leader of each term', async () => {
    const truth = raftTruth(raft.events);
    expect(truth.splits.length).toBeGreaterThanOrEqual(2);
    expect(truth.leaders.size).toBeGreaterThanOrEqual(2);
    const links = await openTopic(raft.run, 'raft');
    expect(links).toEqual(['raft']);
    const timeline = page.locator('[data-test=raft-timeline]');
    await timeline.waitFor({ timeout: 15_000 });
    expect(await timeline.getAttribute('data-leaders')).toBe([...truth.leaders].map(([term, n]) => `${term}:${n}`).join(' '));
    expect(await timeline.getAttribute('data-split')).toBe(truth.splits.join(','));
    expect(await page.locator('[data-test=raft-splits]').innerText()).toBe(String(truth.splits.length));
    for (const [term, leader] of truth.leaders) {
      const row = page.locator(`[data-test=raft-terms-table] tr[data-term="${term}"]`);
      expect(await row.getAttribute('data-leader')).toBe(leader);
      expect(await row.innerText()).toContain(`${leader} at`);
    }
    const firstSplit = page.locator(`[data-test=raft-terms-table] tr[data-term="${truth.splits[0]}"]`);
    expect(await firstSplit.innerText()).toContain('split vote');
    // The crashed leader's lane shows it down; votes and requests are drawn.
    expect(await page.locator('[data-test=raft-timeline] rect[data-role=down]').count()).toBe(1);
    expect(await page.locator('[data-test=raft-timeline] [data-test=vote][data-granted=true]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test=raft-timeline] [data-test=vote-request]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test=raft-violations]').innerText()).toBe('0');
    await timeline.screenshot({ path: join(SHOTS, 'raft-lanes.png') });
    await page.screenshot({ path: join(SHOTS, 'raft.png') });
  });

  it('Raft: follows the replay cursor (later terms dimmed) and runs the election benchmark with progress', async () => {
    await page.locator('[data-test=replay-start]').click();
    await expect.poll(() => page.locator('[data-test=raft-terms-table] tr.future').count()).toBe(raft.events.length ? await page.locator('[data-test=raft-terms-table] tbody tr').count() : 0);
    expect(await page.locator('[data-test=raft-timeline] rect.future').count()).toBe(1);
    // Halfway through the recording: the terms that began later are dimmed, the earlier ones are not.
    const half = Math.floor(raft.events.length / 2);
    await page.locator('[data-test=replay-scrub]').fill(String(half));
    const rows = page.locator('[data-test=raft-terms-table] tbody tr');
    const total = await rows.count();
    await expect.poll(() => page.locator('[data-test=raft-terms-table] tr.future').count()).toBeGreaterThan(0);
    const dimmed = await page.locator('[data-test=raft-terms-table] tr.future').count();
    expect(dimmed).toBeLessThan(total);
    const began = await rows.evaluateAll((trs) => trs.map((tr) => tr.classList.contains('future')));
    expect(began.indexOf(true)).toBe(total - dimmed); // one cut: everything after it is dimmed
    expect(await page.locator('[data-test=raft-timeline] rect.future').count()).toBe(1);
    await page.locator('[data-test=raft-timeline]').screenshot({ path: join(SHOTS, 'raft-replay.png') });
    await page.locator('[data-test=replay-end]').click();
    await expect.poll(() => page.locator('[data-test=raft-timeline] rect.future').count()).toBe(0);
    expect(await page.locator('[data-test=raft-terms-table] tr.future').count()).toBe(0);

    await page.locator('[data-test=bench-trials]').fill('10');
    await page.locator('[data-test=bench-run]').click();
    const bench = page.locator('[data-test=election-bench]');
    await page.waitForFunction(() => document.querySelector('[data-test=election-bench]')?.getAttribute('data-done') === 'true', null, { timeout: 120_000 });
    expect(await bench.getAttribute('data-curves')).toBe('10');
    expect(await bench.locator('path[data-range]').count()).toBe(11); // 150-300 is in both graphs
    expect(await bench.locator('[data-test=paper-mark]').count()).toBe(5); // the paper's five stated figures
    const paper = await page.locator('[data-test=bench-paper] tbody tr').allInnerTexts();
    expect(paper).toHaveLength(5);
    for (const row of paper) expect(row).toMatch(/\d+ ms\s*$/);
    expect(paper[0]).toContain('150-150');
    await bench.screenshot({ path: join(SHOTS, 'raft-election-bench.png') });
  }, 150_000);

  it('Failure detection: suspicion against the crash and the pause, and the QoS table', async () => {
    const links = await openTopic(fd.run, 'detectors');
    expect(links).toEqual(['detectors']);
    await page.locator('[data-test=qos-table]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-test=qos-table] tbody tr').count()).toBe(12);
    // n1's heartbeat detector saw n3's crash at 2 s: detected within its timeout plus an interval, no mistake.
    const n3 = page.locator('[data-test=qos-table] tr[data-row="n1:heartbeat:n3"]');
    const det = Number(await n3.getAttribute('data-detection'));
    expect(det).toBeGreaterThan(300);
    expect(det).toBeLessThan(600);
    expect(await n3.getAttribute('data-mistakes')).toBe('0');
    expect(await n3.innerText()).toContain(`${Math.round(det)} ms`);
    // Suspecting n2 while it was paused is a mistake (slow, not dead).
    const n2 = page.locator('[data-test=qos-table] tr[data-row="n1:heartbeat:n2"]');
    expect(Number(await n2.getAttribute('data-mistakes'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-test=fd-chart] g[data-target=n3] rect[data-fault=crash]').count()).toBe(1);
    expect(await page.locator('[data-test=fd-chart] g[data-target=n2] rect[data-fault=pause]').count()).toBe(1);
    expect(await page.locator('[data-test=fd-chart] rect[data-mistake=true]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-test=fd-chart] [data-test=phi-line]').count()).toBe(6);
    await page.screenshot({ path: join(SHOTS, 'detectors.png'), fullPage: true });
  });

  it('Clocks: a real run with an offset, a drift, a step and NTP', async () => {
    const links = await openTopic(clocksRun, 'clocks');
    expect(links).toEqual(['raft', 'clocks']);
    await page.locator('[data-test=clock-table]').waitFor({ timeout: 15_000 });
    const s = new Store(db, { readonly: true });
    const ntp = s.events(clocksRun, { kinds: ['ntp'], limit: 10000 }).events.filter((e) => typeof e.data?.offset_ms === 'number');
    s.close();
    for (const n of ['n1', 'n2', 'n3']) {
      expect(await page.locator(`[data-test=clock-table] tr[data-node=${n}]`).getAttribute('data-ntp')).toBe(String(ntp.filter((e) => e.node === n).length));
    }
    expect(ntp.length).toBeGreaterThanOrEqual(3);
    expect(Number(await page.locator('[data-test=clock-table] tr[data-node=n1]').getAttribute('data-steps'))).toBeGreaterThanOrEqual(1);
    const n3max = Number(await page.locator('[data-test=clock-table] tr[data-node=n3]').getAttribute('data-max'));
    expect(n3max).toBeGreaterThan(35);
    expect(n3max).toBeLessThan(80);
    expect(await page.locator('[data-test=clock-table] tr[data-node=n2] [data-test=injected-drift]').innerText()).toBe('+300.0 ppm');
    expect(await page.locator('[data-test=clock-chart] [data-test=offset-line]').count()).toBe(3);
    expect(await page.locator('[data-test=clock-chart] [data-test=ntp-mark]').count()).toBe(ntp.length);
    expect(await page.locator('[data-test=clock-chart] [data-test=step-mark]').count()).toBeGreaterThanOrEqual(1);
    // The runtime stamps ref_ms on arrival; where it records the true time of a reading (data.true_ms) that is preferred.
    expect(['true_ms', 'ref_ms']).toContain(await page.locator('[data-test=clock-truth]').getAttribute('data-truth'));
    await page.screenshot({ path: join(SHOTS, 'clocks.png'), fullPage: true });
  });

  it('Leases: a paused leader corrupts the data without fencing, and not with it', async () => {
    const links = await openTopic(leaseOff, 'leases');
    expect(links).toEqual(['leases']);
    const verdict = page.locator('[data-test=lease-verdict]');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.getAttribute('data-fencing')).toBe('false');
    expect(Number(await verdict.getAttribute('data-corruptions'))).toBeGreaterThanOrEqual(1);
    expect(await verdict.innerText()).toContain('Corruption');
    expect(await page.locator('[data-test=lease-chart] [data-test=corruption]').count()).toBe(Number(await verdict.getAttribute('data-corruptions')));
    expect(await page.locator('[data-test=lease-chart] [data-test=hazard]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-test=lease-chart] [data-test=belief]').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, 'leases-no-fencing.png'), fullPage: true });

    await openTopic(leaseOn, 'leases');
    await page.waitForFunction(() => document.querySelector('[data-test=lease-verdict]')?.getAttribute('data-fencing') === 'true', null, { timeout: 15_000 });
    expect(await verdict.getAttribute('data-corruptions')).toBe('0');
    expect(await verdict.innerText()).toContain('No corruption: fencing rejected');
    expect(await page.locator('[data-test=lease-chart] [data-test=corruption]').count()).toBe(0);
    expect(Number(await page.locator('[data-test=lease-rejected]').innerText())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-test=lease-chart] g[data-outcome=rejected]').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, 'leases-fencing.png'), fullPage: true });
  });
});
