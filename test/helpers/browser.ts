import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO, startServe, stopChild } from './cli';

/**
 * Where the e2e tests save their screenshots: docs/screenshots (the pictures
 * docs/guide.md shows, retaken by every run in real Chromium). `COORDLAB_SHOTS=DIR`
 * saves them elsewhere, e.g. to keep a working tree clean while iterating.
 */
export function shotsDir(): string {
  const wanted = process.env.COORDLAB_SHOTS ?? join('docs', 'screenshots');
  const dir = isAbsolute(wanted) ? wanted : join(REPO, wanted);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const CHROMIUM = process.env.COORDLAB_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with no background traffic. playwright-core's
 * launch() gives every browser a fresh temporary --user-data-dir of its own.
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/** `coordlab serve` on a database, with Chromium and a page open on it. */
export interface ServedUi {
  child: ChildProcess;
  url: string;
  browser: Browser;
  page: Page;
  /** Closes the browser and stops the server. */
  close: () => Promise<void>;
}

/** Starts `coordlab serve` on `db` and Chromium with one page of `viewport`; nothing is left running if a step fails. */
export async function serveInChromium(db: string, viewport = { width: 1440, height: 900 }): Promise<ServedUi> {
  const { child, url } = await startServe(db);
  let closeBrowser: (() => Promise<void>) | null = null;
  try {
    const launched = await launchChromium();
    closeBrowser = launched.close;
    const page = await launched.browser.newPage({ viewport });
    return {
      child, url, browser: launched.browser, page,
      close: async () => {
        await launched.close();
        await stopChild(child);
      },
    };
  } catch (e) {
    await closeBrowser?.();
    await stopChild(child);
    throw e;
  }
}
