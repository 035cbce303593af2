import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import { generateRun } from '../../bench/analyze-gen';
import { serveInChromium, shotsDir, type ServedUi } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';

const EVENTS = 20_000;
const NODES = 8;
const diagram = (page: Page) => page.locator('[data-test=diagram]');
const mode = (page: Page) => diagram(page).getAttribute('data-mode');

/** Wheel notches at the canvas centre until the diagram is in the wanted mode (bounded). */
async function wheelUntil(page: Page, want: 'bins' | 'events', deltaY: number): Promise<void> {
  const box = (await diagram(page).locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 80 && (await mode(page)) !== want; i++) {
    await page.mouse.wheel(0, deltaY);
    // Give the window request a chance to land before the next notch.
    await page.waitForFunction((w) => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === w, want, { timeout: 300 }).catch(() => undefined);
  }
  await page.waitForFunction((w) => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === w, want, { timeout: 10_000 });
}

describe('orderings level of detail on a 20,000-event run', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let ui: ServedUi;
  let url: string;
  let run: string;
  let browser: Browser;

  beforeAll(async () => {
    const s = new Store(db);
    const events = generateRun(EVENTS, NODES, 'ui-detail');
    run = s.createRun({ scenario: 'generated', label: 'generated 20k', nodes: Array.from({ length: NODES }, (_, i) => `n${i + 1}`) }).run;
    s.appendEvents(run, events.map(({ run: _r, id: _id, ...e }) => e));
    s.finishRun(run, 'done');
    s.close();
    ui = await serveInChromium(db);
    ({ url, browser } = ui);
  });
  afterAll(async () => {
    await ui?.close();
    t.cleanup();
  });

  it('shows density first, single events when zoomed in, and the selected cone as lane bands when zoomed out', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(`${url}#/runs/${run}/orderings`);
    await page.waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-mode') === 'bins', null, { timeout: 15_000 });
    expect(await page.locator('[data-test=density-note]').innerText()).toMatch(/20,000 events in view/);
    expect(await diagram(page).getAttribute('data-visible')).toBe('0');

    await wheelUntil(page, 'events', -300);
    const visible = Number(await diagram(page).getAttribute('data-visible'));
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThanOrEqual(2500);
    // Closer still, until few enough are drawn for the page to list their positions.
    for (let i = 0; i < 20 && !(await diagram(page).getAttribute('data-points')); i++) await page.mouse.wheel(0, -300);
    await page.waitForFunction(() => !!document.querySelector('[data-test=diagram]')?.getAttribute('data-points'), null, { timeout: 10_000 });

    // Select the event nearest the centre of the canvas.
    const box = (await diagram(page).locator('canvas').boundingBox())!;
    const points = (await diagram(page).getAttribute('data-points'))!.split(' ').map((p) => {
      const [id, xy] = p.split('@');
      const [x, y] = xy.split(',').map(Number);
      return { id, x, y };
    });
    points.sort((a, b) => Math.hypot(a.x - box.width / 2, a.y - box.height / 2) - Math.hypot(b.x - box.width / 2, b.y - box.height / 2));
    await diagram(page).locator('canvas').click({ position: { x: points[0].x, y: points[0].y } });
    await expect.poll(() => page.locator('[data-test=cone-event]').innerText()).toBe(`event ${points[0].id}`);
    await page.locator('[data-test=cone-past]').waitFor();
    const count = async (name: string) => Number((await page.locator(`[data-test=cone-${name}]`).innerText()).replace(/,/g, ''));
    const [past, future, concurrent] = [await count('past'), await count('future'), await count('concurrent')];
    expect(past + future + concurrent).toBe(EVENTS - 1);
    expect(past).toBeGreaterThan(0);
    expect(future).toBeGreaterThan(0);
    // Every drawn event got a relation; the drawn past is a subset of the whole past.
    expect((await diagram(page).getAttribute('data-past'))!.split(',').filter(Boolean).length).toBeLessThanOrEqual(past);

    await wheelUntil(page, 'bins', 400);
    await expect.poll(() => diagram(page).getAttribute('data-cone-bands')).toBe(String(NODES));
    await page.screenshot({ path: join(shotsDir(), 'orderings-cone-zoomed-out.png') });

    // Replay zoomed out: the cursor line moves down the wall axis as the cursor moves on.
    await page.locator('[data-test=cone-clear]').click();
    await page.locator('[data-test=zoom-fit]').click();
    await expect.poll(() => page.locator('[data-test=density-note]').innerText()).toMatch(/20,000 events in view/);
    const cursorY = async (at: number) => {
      await page.locator('[data-test=replay-scrub]').fill(String(at));
      await expect.poll(() => page.locator('[data-test=replay-position]').getAttribute('data-cursor')).toBe(String(at));
      await page.waitForFunction(() => document.querySelector('[data-test=diagram]')?.getAttribute('data-cursor-y') !== '', null, { timeout: 10_000 });
      const first = Number(await diagram(page).getAttribute('data-cursor-y'));
      // Settle: the y for this cursor once its lookup has landed.
      await expect.poll(async () => Number(await diagram(page).getAttribute('data-cursor-y')), { timeout: 10_000 }).not.toBe(Number.NaN);
      return Number(await diagram(page).getAttribute('data-cursor-y')) || first;
    };
    const y1 = await cursorY(4_000);
    const y2 = await cursorY(16_000);
    // Wall time grows with recording order here: a fifth and four fifths of the way down.
    expect(y2).toBeGreaterThan(y1 + 200);
    expect(y1).toBeGreaterThan(28);
    expect(y2).toBeLessThan(box.height);
    await page.screenshot({ path: join(shotsDir(), 'orderings-replay-density.png') });
    await page.locator('[data-test=replay-end]').click();
    await expect.poll(() => diagram(page).getAttribute('data-cursor-y')).toBe('');
    await page.close();
  }, 90_000);
});
