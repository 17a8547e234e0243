/** Debian's Chromium, headless, through playwright-core (no browser download). */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Null when Chromium is installed; else why not. In CI a missing browser is a failure. */
export function chromiumUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `${CHROMIUM} is not installed (apt-get install -y chromium)`;
  if (process.env['CI']) throw new Error(`${reason}; CI must run the browser tests.`);
  console.warn(`skipping browser tests: ${reason}`);
  return reason;
}

/** Launches Chromium (in a fresh temporary profile) with the flags that keep it off the network on its own account. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
