/** Chromium for the browser tests: Debian's binary (PADDOCK_CHROMIUM), headless, a fresh profile. */
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Opens a headless Chromium whose profile lives in `profileDir` (a fresh folder each run). */
export function launchChromium(executablePath: string, profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
