import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import { serveInChromium, shotsDir, type ServedUi } from '../helpers/browser';
import { REPO } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { vectorClockExample } from './ui-fixtures';

const SHOTS = shotsDir();
const attr = (page: Page, name: string) => page.locator('[data-test=diagram]').getAttribute(name);

/** Waits until the diagram's attribute equals the value (deadline, no sleeps). */
async function waitAttr(page: Page, name: string, value: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([n, v]) => document.querySelector('[data-test=diagram]')?.getAttribute(n) === v,
    [name, value] as const,
    { timeout },
  ).catch(async (e) => {
    throw new Error(`diagram ${name} is ${JSON.stringify(await attr(page, name))}, wanted ${JSON.stringify(value)}: ${(e as Error).message}`);
  });
}

/** Clicks the drawn event with this label (positions come from the diagram's data-points). */
async function clickEvent(page: Page, label: string): Promise<void> {
  const points = (await attr(page, 'data-points')) ?? '';
  const hit = points.split(' ').find((p) => p.startsWith(`${label}@`));
  if (!hit) throw new Error(`event ${label} is not drawn (points: ${points})`);
  const [x, y] = hit.slice(label.length + 1).split(',').map(Number);
  await page.locator('[data-test=diagram] canvas').click({ position: { x, y } });
}

describe('orderings view in Chromium', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let ui: ServedUi;
  let url: string;
  let run: string;
  let page: Page;

  beforeAll(async () => {
    const s = new Store(db);
    run = vectorClockExample(s);
    s.close();
    ui = await serveInChromium(db, { width: 1400, height: 800 });
    ({ url, page } = ui);
  });
  afterAll(async () => {
    await ui?.close();
    t.cleanup();
  });

  it('opens from the run page and draws the example by node wall clock, with the inversion flagged', async () => {
    await page.goto(`${url}#/runs/${run}`);
    await page.locator('[data-test=events-table] tbody tr').nth(5).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-test=export] button').allInnerTexts()).toEqual(['JSONL', 'CSV', 'ShiViz', 'Perfetto']);
    await page.screenshot({ path: join(SHOTS, 'run-page.png') });
    await page.locator('[data-test=open-orderings]').click();
    await waitAttr(page, 'data-mode', 'events');
    expect(await attr(page, 'data-axis')).toBe('wall');
    // n3's clock runs slow: E reads before B, and F (receiving D) reads before D was sent.
    await waitAttr(page, 'data-order', 'A,E,B,C,F,D');
    expect(await attr(page, 'data-inversions')).toBe('1');
    expect(await attr(page, 'data-arrows')).toBe('2');
    const wallList = page.locator('[data-test=order-wall] li');
    await expect.poll(() => wallList.count()).toBe(6);
    expect(await page.locator('[data-test=order-wall] li[data-violation=true]').innerText()).toContain('F');
    expect(await page.locator('[data-test=orders]').getAttribute('data-disagreements')).toBe('2');
    await page.screenshot({ path: join(SHOTS, 'orderings-wall.png') });
  }, 90_000);

  it('switching the axis to Lamport and to causal reorders the events', async () => {
    await page.locator('[data-test=axis-lamport]').click();
    await waitAttr(page, 'data-axis', 'lamport');
    await waitAttr(page, 'data-order', 'A,E,B,C,D,F');
    await page.screenshot({ path: join(SHOTS, 'orderings-lamport.png') });
    await page.locator('[data-test=axis-causal]').click();
    await waitAttr(page, 'data-axis', 'causal');
    await waitAttr(page, 'data-order', 'A,E,B,C,D,F');
    // On the causal axis F sits at its causal-past size, 5: below D (3) with a gap.
    const points = (await attr(page, 'data-points'))!;
    const y = (l: string) => Number(points.split(' ').find((p) => p.startsWith(`${l}@`))!.split(',')[1]);
    expect(y('F') - y('D')).toBeGreaterThan(1.5 * (y('D') - y('C')));
    await page.screenshot({ path: join(SHOTS, 'orderings-causal.png') });
    await page.locator('[data-test=axis-wall]').click();
    await waitAttr(page, 'data-order', 'A,E,B,C,F,D');
  }, 90_000);

  it('clicking C highlights its causal past A, B, its future D, F and E as concurrent', async () => {
    await clickEvent(page, 'C');
    await waitAttr(page, 'data-past', 'A,B');
    expect(await attr(page, 'data-future')).toBe('F,D');
    expect(await attr(page, 'data-concurrent')).toBe('E');
    await expect.poll(() => page.locator('[data-test=cone-past]').innerText()).toBe('2');
    expect(await page.locator('[data-test=cone-future]').innerText()).toBe('2');
    expect(await page.locator('[data-test=cone-concurrent]').innerText()).toBe('1');
    expect(await page.locator('[data-test=cone-event]').innerText()).toBe('C');
    await page.screenshot({ path: join(SHOTS, 'orderings-cone.png') });
    // E has no causes; its only effect is F, the next event on n3; it is concurrent with A, B, C and D.
    await clickEvent(page, 'E');
    await waitAttr(page, 'data-concurrent', 'A,B,C,D');
    expect(await attr(page, 'data-past')).toBe('');
    expect(await attr(page, 'data-future')).toBe('F');
  }, 90_000);

  it('replays the run: back to the start, step event by event, then play to the end', async () => {
    await page.locator('[data-test=cone-clear]').click();
    await page.locator('[data-test=replay-start]').click();
    await waitAttr(page, 'data-visible', '0');
    expect(await attr(page, 'data-dimmed')).toBe('6');
    for (let i = 0; i < 3; i++) await page.locator('[data-test=replay-step]').click();
    // Recorded order: A, B, E first.
    await waitAttr(page, 'data-visible', '3');
    expect(await attr(page, 'data-order')).toBe('A,E,B');
    expect(await page.locator('[data-test=replay-position]').getAttribute('data-cursor')).toBe('3');
    expect(await page.locator('[data-test=orders]').innerText()).toContain('3 not yet replayed');
    await page.screenshot({ path: join(SHOTS, 'orderings-replay.png') });
    await page.locator('[data-test=replay-back]').click();
    await waitAttr(page, 'data-visible', '2');
    await page.locator('[data-test=replay-speed]').selectOption('100');
    await page.locator('[data-test=replay-play]').click();
    await waitAttr(page, 'data-visible', '6');
    await expect.poll(() => page.locator('[data-test=replay-play]').getAttribute('data-playing')).toBe('false');
    expect(await page.locator('[data-test=replay-position]').getAttribute('data-cursor')).toBe('6');
  }, 90_000);

  it('zooms with the wheel and pans with a drag', async () => {
    const canvas = page.locator('[data-test=diagram] canvas');
    const box = (await canvas.boundingBox())!;
    const before = (await attr(page, 'data-visible'))!;
    expect(before).toBe('6');
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await page.waitForFunction(() => Number(document.querySelector('[data-test=diagram]')?.getAttribute('data-visible')) < 6, null, { timeout: 10_000 });
    const zoomed = await attr(page, 'data-order');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((z) => document.querySelector('[data-test=diagram]')?.getAttribute('data-order') !== z, zoomed, { timeout: 10_000 });
  }, 90_000);
});

describe('runs library in Chromium: import, export, delete', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let ui: ServedUi;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const s = new Store(db);
    vectorClockExample(s);
    s.close();
    ui = await serveInChromium(db);
    ({ url, browser } = ui);
  });
  afterAll(async () => {
    await ui?.close();
    t.cleanup();
  });

  it('imports the ShiViz fixture, draws it on the Lamport axis with its clock-implied arrows, exports it and deletes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 }, acceptDownloads: true });
    await page.goto(url);
    const rows = page.locator('[data-test=run-row]');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBe(1);
    await page.locator('[data-test=import-file]').setInputFiles(join(REPO, 'test', 'fixtures', 'shiviz', 'rpc-client-server.log'));
    await expect.poll(() => page.locator('[data-test=import-done]').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Imported 1 run (10 events)');
    await expect.poll(() => rows.count()).toBe(2);
    const row = rows.filter({ hasText: 'rpc-client-server.log' });
    expect(await row.innerText()).toContain('imported');
    await page.screenshot({ path: join(SHOTS, 'runs-library.png') });
    // Search narrows the list to the imported run and back.
    await page.locator('[data-test=runs-search]').fill('rpc-client');
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('[data-test=runs-search]').fill('');
    await expect.poll(() => rows.count()).toBe(2);

    // Export as JSONL: the browser saves a file with one line per event.
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-test=export-jsonl]').click()]);
    const saved = join(t.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const lines = readFileSync(saved, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(JSON.parse(lines[0]).node).toBeDefined();
    const [shiviz] = await Promise.all([page.waitForEvent('download'), row.locator('[data-test=export-shiviz]').click()]);
    expect(shiviz.suggestedFilename()).toMatch(/\.log$/);

    await row.locator('[data-test=open-orderings]').click();
    await page.locator('[data-test=diagram][data-mode=events]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-test=diagram]').getAttribute('data-axis')).toBe('lamport');
    expect(await page.locator('[data-test=axis-wall]').isDisabled()).toBe(true);
    expect(await page.locator('[data-test=diagram]').getAttribute('data-visible')).toBe('10');
    // The log has no message ids: the four request/reply arrows come from the vector clocks.
    expect(await page.locator('[data-test=diagram]').getAttribute('data-arrows')).toBe('4');
    await expect.poll(() => page.locator('[data-test=order-lamport] li').count()).toBe(10);
    await page.screenshot({ path: join(SHOTS, 'orderings-import.png') });

    await page.goto(url);
    await rows.nth(1).waitFor();
    page.once('dialog', (d) => void d.accept());
    await rows.filter({ hasText: 'rpc-client-server.log' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('vector clock example');
    await page.close();
  }, 90_000);

  it('shows a parse problem of a bad log next to the picker', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('[data-test=run-row]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-test=import-file]').setInputFiles({ name: 'bad.jsonl', mimeType: 'text/plain', buffer: Buffer.from('{"node": 3}\nnot json\n') });
    await expect.poll(() => page.locator('[data-test=import-error]').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/bad\.jsonl:\d+/);
    expect(await page.locator('[data-test=run-row]').count()).toBe(1);
    await page.close();
  }, 90_000);
});
