import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO } from './cli';

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
