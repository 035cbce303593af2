import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Store } from '../../main/store';
import { launchChromium, shotsDir } from '../helpers/browser';
import { startCli, stopChild } from '../helpers/cli';
import { ev } from '../helpers/events';
import { tempDir } from '../helpers/tmp';

/** Opens a WebSocket with the given headers; resolves 'open' or the HTTP status it was refused with. */
function tryWs(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', (e) => resolve(`error ${e.message}`));
  });
}

describe('coordlab serve in Chromium', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let child: ChildProcess;
  let url: string;
  let port: number;
  let token: string;

  beforeAll(async () => {
    const s = new Store(db);
    const run = s.createRun({ scenario: 'causality', label: 'vector clock example', nodes: ['n1', 'n2', 'n3'] }).run;
    s.appendEvents(run, [ev('n1', 1), ev('n2', 1), ev('n3', 1)]);
    s.finishRun(run, 'done');
    s.close();
    const started = await startCli(['serve', '--db', db, '--json'], /^(\{.*\})$/m);
    child = started.child;
    ({ url, port } = JSON.parse(started.match[1]));
    token = new URL(url).searchParams.get('token')!;
  });
  afterAll(async () => {
    await stopChild(child);
    t.cleanup();
  });

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses HTTP requests without the token or with a wrong one', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/?token=${'0'.repeat(48)}`)).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/assets/none.js`)).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses WebSocket upgrades without the token or from a foreign Origin', async () => {
    const ok = `ws://127.0.0.1:${port}/lab?token=${token}`;
    const origin = `http://127.0.0.1:${port}`;
    expect(await tryWs(ok, { Origin: origin })).toBe('open');
    expect(await tryWs(`ws://127.0.0.1:${port}/lab`, { Origin: origin })).toBe('403');
    expect(await tryWs(ok, { Origin: 'http://evil.example' })).toBe('403');
    expect(await tryWs(ok, {})).toBe('403');
  });

  it('shows the runs list read through LabApi, opens a run, and saves a screenshot', async () => {
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      await page.goto(url);
      const row = page.locator('[data-test=run-row]');
      await row.first().waitFor({ timeout: 15_000 });
      expect(await row.count()).toBe(1);
      await expect.poll(() => row.first().innerText()).toContain('vector clock example');
      expect(await row.first().innerText()).toContain('causality');
      expect(await page.locator('[data-test=version]').innerText()).toMatch(/^v\d+\.\d+\.\d+ · serve$/);
      await page.screenshot({ path: join(shotsDir(), 'runs.png') });
      await row.first().locator('a').click();
      await page.locator('[data-test=run-title]').waitFor();
      expect(await page.locator('[data-test=run-title]').innerText()).toBe('vector clock example');
      expect(await page.locator('[data-test=events-table] tbody tr').count()).toBe(3);
      await page.screenshot({ path: join(shotsDir(), 'run.png') });
    } finally {
      await close();
    }
  });

  it('tells a new user what to do when there are no runs', async () => {
    const t2 = tempDir();
    const started = await startCli(['serve', '--db', join(t2.dir, 'empty.db'), '--json'], /^(\{.*\})$/m);
    let close = async () => {};
    try {
      const launched = await launchChromium();
      close = launched.close;
      const page = await launched.browser.newPage();
      await page.goto(JSON.parse(started.match[1]).url);
      const empty = page.locator('[data-test=runs-empty]');
      await empty.waitFor({ timeout: 15_000 });
      expect(await empty.innerText()).toContain('coordlab import');
    } finally {
      await stopChild(started.child);
      await close();
      t2.cleanup();
    }
  });
});
