/// <reference lib="dom" />
/**
 * The insights page in a real headless Chromium: a person signs in with the form, sees the chart
 * and the article shaded by citations for a seeded log, on a phone-sized screen too, and the page
 * requests nothing from anywhere but the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumUnavailable, launchChromium } from './browser.js';
import { startSeeded, TOKEN, type Seeded } from './seed.js';

const missing = chromiumUnavailable();
let s: Seeded;
let chrome: { browser: Browser; close(): Promise<void> } | undefined;

beforeAll(async () => {
  if (missing) return;
  s = await startSeeded();
  chrome = await launchChromium();
}, 60_000);
afterAll(async () => {
  await chrome?.close();
  await s?.close();
});

describe.skipIf(missing !== null)('insights page in Chromium', () => {
  it('signs in, shows the chart and the shaded article, and requests nothing outside the bot', async () => {
    const context = await chrome!.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    const first = await page.goto(`${s.base}/insights`);
    expect(first?.status()).toBe(401);
    await page.fill('input[name="token"]', TOKEN);
    await Promise.all([page.waitForURL(`${s.base}/insights`), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Pilcrow insights');

    // The chart: bars for answered and not-covered questions today.
    await expect.poll(() => page.locator('#chart').isVisible()).toBe(true);
    expect(await page.locator('#chart rect.answered').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart rect.not-covered').count()).toBeGreaterThan(0);

    // The article: every paragraph shown; cited ones shaded, the most cited darkest.
    const paras = await page
      .locator('#article .para')
      .evaluateAll((els) => els.map((e) => ({ cited: Number(e.getAttribute('data-cited')), bg: getComputedStyle(e).backgroundColor })));
    expect(paras.length).toBe(s.bot.articles[0]!.paragraphCount);
    const alpha = (bg: string) => Number(/rgba?\([^)]*,\s*([\d.]+)\)/.exec(bg)?.[1] ?? (bg.startsWith('rgb(') ? 1 : 0));
    const cited = paras.filter((p) => p.cited > 0);
    expect(cited.length).toBeGreaterThan(0);
    for (const p of cited) expect(alpha(p.bg)).toBeGreaterThan(0);
    for (const p of paras.filter((q) => q.cited === 0)) expect(alpha(p.bg)).toBe(0);
    const top = cited.reduce((a, b) => (b.cited > a.cited ? b : a));
    expect(Math.max(...cited.map((p) => alpha(p.bg)))).toBe(alpha(top.bg));

    // Gaps and voted-down answers are there.
    expect(await page.locator('#gaps').textContent()).toContain('india');
    expect(await page.locator('#downvoted .answer').count()).toBeGreaterThan(0);

    // The session also opens the JSON (the cookie's path covers /insights.json).
    const json = await page.goto(`${s.base}/insights.json?days=7`);
    expect(json?.status()).toBe(200);

    // Nothing but the bot was asked for.
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(`${s.base}/`)).toBe(true);
    await context.close();
  }, 60_000);

  it('fits a phone screen without sideways scrolling', async () => {
    const context = await chrome!.browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` },
    });
    const page = await context.newPage();
    const res = await page.goto(`${s.base}/insights?days=7`);
    expect(res?.status()).toBe(200);
    const { scroll, width, chart } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      chart: document.querySelector('#chart')!.getBoundingClientRect().width,
    }));
    expect(scroll).toBeLessThanOrEqual(width);
    expect(chart).toBeGreaterThan(200);
    expect(chart).toBeLessThanOrEqual(width);
    await context.close();
  }, 60_000);
});
