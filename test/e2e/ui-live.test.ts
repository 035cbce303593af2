import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveInChromium, shotsDir, type ServedUi } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';

const SHOTS = shotsDir();
const num = async (page: Page, test: string) => Number((await page.locator(`[data-test=${test}]`).innerText()).replace(/,/g, ''));
const nodeStatus = (page: Page, node: string) => page.locator(`[data-test=live-node][data-node=${node}]`).getAttribute('data-status');

/** Waits for a node's drawn state; on timeout says what the page showed (error banner, fault log). */
async function waitStatus(page: Page, node: string, want: string, timeout = 10_000): Promise<void> {
  try {
    await expect.poll(() => nodeStatus(page, node), { timeout }).toBe(want);
  } catch (e) {
    const banner = page.locator('[data-test=live-error]');
    const error = (await banner.count()) ? await banner.innerText() : 'none';
    throw new Error(`${node} is not ${want}: ${(e as Error).message}; error banner: ${error}; fault log: ${await page.locator('[data-test=live-faults]').innerText()}`);
  }
}

describe('experiments gallery, designer and live run in Chromium', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let ui: ServedUi;
  let url: string;
  let page: Page;
  let liveRun = '';

  beforeAll(async () => {
    ui = await serveInChromium(db, { width: 1440, height: 900 });
    ({ url, page } = ui);
  });
  afterAll(async () => {
    // A run left running by a failed test is stopped with the server.
    await ui?.close();
    t.cleanup();
  });

  it('shows one card per claim and runs a preset in one click, live until it is done', async () => {
    await page.goto(url);
    await page.locator('[data-test=nav-experiments]').click();
    const cards = page.locator('[data-test=preset-card]');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(7);
    const ntp = page.locator('[data-test=preset-card][data-preset=ntp-step-back]');
    expect(await ntp.innerText()).toContain('monotonic');
    expect(await ntp.innerText()).toContain('jump back in time');
    expect(await page.locator('[data-test=preset-card][data-preset=raft-split-votes] [data-test=run-preset]').allInnerTexts()).toEqual(['▶ Fixed 150 ms', '▶ Randomized 150–300 ms']);
    await page.screenshot({ path: join(SHOTS, 'experiments.png') });

    await page.locator('[data-test=run-preset][data-variant=vector-clock-figure]').click();
    await page.waitForURL(/#\/live\//, { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test=live-title]').innerText(), { timeout: 10_000 }).toBe('vector-clock figure (B → C, E ∥ C)');
    await expect.poll(() => page.locator('[data-test=live-node]').count(), { timeout: 10_000 }).toBe(3);
    // The figure's two messages: B → C and D → F, both delivered.
    await expect.poll(() => num(page, 'count-receives'), { timeout: 15_000 }).toBe(2);
    expect(await num(page, 'count-sends')).toBe(2);
    expect(await num(page, 'count-in-flight')).toBe(0);
    await expect.poll(() => page.locator('[data-test=live-status]').innerText(), { timeout: 20_000 }).toBe('done');
    expect(await page.locator('[data-test=stop-run]').isDisabled()).toBe(true);
  });

  it('opens a preset in the designer, shows invalid settings next to their fields, and starts the fixed experiment', async () => {
    await page.locator('[data-test=nav-experiments]').click();
    await page.locator('[data-test=edit-preset][data-variant=slow-crash-partition]').click();
    await page.locator('[data-test=designer-source]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-test=field-nodes]').inputValue()).toBe('n1, n2, n3, n4');
    expect(await page.locator('[data-test=fault-row]').count()).toBe(4);
    await expect.poll(() => page.locator('[data-test=field-scenario]').inputValue()).toBe('fd');
    expect(await page.locator('[data-test=designer-valid]').isVisible()).toBe(true);
    // The timeline draws the schedule: a pause bar, crash and restart markers, a partition bar.
    expect(await page.locator('[data-test=timeline-svg] .mark').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-kind')).sort())).toEqual(['crash', 'partition', 'pause', 'restart']);

    await page.locator('[data-test=field-loss]').fill('1.5');
    await page.locator('[data-test=fault-row]').nth(1).locator('[data-test=fault-at]').fill('12000');
    await page.locator('[data-test=clock-offset-n2]').fill('250');
    const lossErr = page.locator('[data-test=field-error][data-field="model.loss"]');
    await expect.poll(() => lossErr.innerText()).toBe('⚠ must be between 0 and 1, got 1.5'.replace('⚠ ', ''));
    expect(await page.locator('[data-test=field-error][data-field="faults[1]"]').innerText()).toContain('is after the run ends at 9s');
    expect(await page.locator('[data-test=start-experiment]').isDisabled()).toBe(true);
    expect(await page.locator('[data-test=designer-invalid]').innerText()).toMatch(/^2 problems/);
    await page.screenshot({ path: join(SHOTS, 'designer.png'), fullPage: true });

    // Fix it: no loss, and a run long enough to work with it live.
    await page.locator('[data-test=field-loss]').fill('0');
    await page.locator('[data-test=field-duration]').fill('120000');
    await page.locator('[data-test=fault-row]').nth(1).locator('[data-test=fault-at]').fill('3000');
    await page.locator('[data-test=designer-valid]').waitFor();
    await page.locator('[data-test=start-experiment]').click();
    await page.waitForURL(/#\/live\//, { timeout: 30_000 });
    liveRun = decodeURIComponent(page.url().split('#/live/')[1]);
    expect(liveRun).not.toBe('');
  });

  it('watches the run live: nodes, growing counters, its own faults, and faults injected by clicking nodes', async () => {
    expect(liveRun).not.toBe('');
    await expect.poll(() => page.locator('[data-test=live-node]').count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => nodeStatus(page, 'n1'), { timeout: 20_000 }).toBe('up');
    const first = await num(page, 'count-events');
    await expect.poll(() => num(page, 'count-events'), { timeout: 10_000 }).toBeGreaterThan(first);
    await expect.poll(() => num(page, 'count-receives'), { timeout: 10_000 }).toBeGreaterThan(0);
    // n2's clock was set 250 ms fast in the designer.
    const offset = await page.locator('[data-test=live-node-row][data-node=n2] td.mono').innerText();
    expect(Number.parseFloat(offset)).toBeGreaterThan(200);

    // The schedule's faults at 3 s: n2 paused, n3 crashed, n4 cut off.
    await expect.poll(() => nodeStatus(page, 'n3'), { timeout: 20_000 }).toBe('crashed');
    await expect.poll(() => page.locator('[data-test=live-faults]').innerText()).toContain('crash n3');

    // Crash n1 by clicking it.
    await page.locator('[data-test=live-node][data-node=n1]').click();
    expect(await page.locator('[data-test=fault-panel-node]').innerText()).toBe('n1');
    await page.locator('[data-test=inject-crash]').click();
    await waitStatus(page, 'n1', 'crashed');
    expect(await page.locator('[data-test=fault-panel-status]').innerText()).toBe('crashed');
    await expect.poll(() => page.locator('[data-test=live-faults]').innerText()).toContain('crash n1');
    expect(await page.locator('[data-test=live-injected]').innerText()).toMatch(/crash n1 @ \d+ ms/);

    // Restart it: starting, then up again as incarnation 1.
    await page.locator('[data-test=inject-restart]').click();
    await waitStatus(page, 'n1', 'up', 20_000);
    expect(await page.locator('[data-test=live-node-row][data-node=n1]').innerText()).toContain('#1');

    // Pause n4 for a minute, then resume it at once (LabApi.endFault).
    await page.locator('[data-test=live-node][data-node=n4]').click();
    await page.locator('[data-test=fault-panel] input').first().fill('60000');
    await page.locator('[data-test=inject-pause]').click();
    await waitStatus(page, 'n4', 'paused');
    await page.locator('[data-test=inject-resume]').click();
    await waitStatus(page, 'n4', 'up');

    // Cut n1 off from n4 until healed; then heal.
    await page.locator('[data-test=live-node][data-node=n1]').click();
    await page.locator('[data-test=fault-panel] select').selectOption('n4');
    await page.locator('[data-test=fault-panel] input').nth(2).fill('0');
    await page.locator('[data-test=inject-cut]').click();
    await expect.poll(() => page.locator('[data-test=live-partitions]').innerText(), { timeout: 10_000 }).toContain('n1 → n4');
    await expect.poll(() => page.locator('[data-test=live-partitions]').innerText(), { timeout: 10_000 }).toContain('n4 → n1');
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector('.content')?.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(SHOTS, 'live.png') });
    await page.locator('[data-test=heal-all]').click();
    await expect.poll(() => page.locator('[data-test=live-partitions]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-test=live-faults]').innerText()).toContain('heal partition');
  });

  it('finds the running run from the gallery, rejoins its live view with the counts so far, stops it and lists it as stopped', async () => {
    const before = await num(page, 'count-events');
    await page.locator('[data-test=nav-experiments]').click();
    const link = page.locator('[data-test=running-now] a', { hasText: 'slow vs crashed vs partitioned' });
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await page.waitForURL(new RegExp(`#/live/${liveRun}$`));
    // Rejoining catches up on what was recorded meanwhile: at least what the view had counted.
    await expect.poll(() => num(page, 'count-events'), { timeout: 15_000 }).toBeGreaterThanOrEqual(before);
    // n1's restart (its incarnation 1) and the faults so far are part of the history it caught up on.
    await expect.poll(() => page.locator('[data-test=live-node-row][data-node=n1]').innerText(), { timeout: 10_000 }).toContain('#1');
    expect(await page.locator('[data-test=live-faults]').innerText()).toContain('crash n1');
    await page.locator('[data-test=stop-run]').click();
    await expect.poll(() => page.locator('[data-test=live-status]').innerText(), { timeout: 20_000 }).toBe('stopped');
    await page.locator('[data-test=nav-runs]').click();
    const row = page.locator('[data-test=run-row]', { hasText: 'slow vs crashed vs partitioned' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.status').innerText()).toBe('stopped');
    const done = page.locator('[data-test=run-row]', { hasText: 'vector-clock figure' });
    expect(await done.locator('.status').innerText()).toBe('done');
  });

  it('shows Raft roles and terms live: one leader, the others its followers', async () => {
    await page.locator('[data-test=nav-experiments]').click();
    await page.locator('[data-test=run-preset][data-variant=raft-randomized]').click();
    await page.waitForURL(/#\/live\//, { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test=live-title]').innerText(), { timeout: 10_000 }).toBe('raft, randomized 150–300 ms election timeout');
    const leaders = page.locator('[data-test=live-node][data-role=leader]');
    await expect.poll(() => leaders.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-test=live-node][data-role=follower]').count(), { timeout: 10_000 }).toBe(4);
    const leader = await leaders.first().getAttribute('data-node');
    const row = await page.locator(`[data-test=live-node-row][data-node=${leader}]`).innerText();
    expect(row).toMatch(/leader\s*t\d+/);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector('.content')?.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(SHOTS, 'live-raft.png') });
    // The schedule crashes the leader at 2 s: a new one is elected in a later term.
    await expect.poll(() => page.locator('[data-test=live-faults]').innerText(), { timeout: 20_000 }).toMatch(/crash n\d/);
    await expect.poll(() => page.locator('[data-test=live-status]').innerText(), { timeout: 30_000 }).toBe('done');
  });
});
