/// <reference lib="dom" />
/**
 * The reader page in a real headless Chromium: a signed link opens at the cited paragraph (the
 * `#pN` target) with the excerpt marked and the page's own style applied under its CSP; article
 * text that looks like HTML is shown as text and runs nothing; the page fits a phone; a changed
 * link shows nothing of the article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumUnavailable, launchChromium } from './browser.js';
import { HOSTILE, LAST_PARAGRAPH, startReader, type ReaderRig } from './reader-fixture.js';

const missing = chromiumUnavailable();
let r: ReaderRig;
let chrome: { browser: Browser; close(): Promise<void> } | undefined;

beforeAll(async () => {
  if (missing) return;
  r = await startReader();
  chrome = await launchChromium();
}, 60_000);
afterAll(async () => {
  await chrome?.close();
  await r?.close();
});

/** A fresh page that records every request, dialog and CSP complaint. */
async function newPage(options: Parameters<Browser['newContext']>[0] = { viewport: { width: 1200, height: 800 } }) {
  const context = await chrome!.browser.newContext(options);
  const page = await context.newPage();
  const seen = { requests: [] as string[], dialogs: [] as string[], console: [] as string[] };
  page.on('request', (req) => void seen.requests.push(req.url()));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => void seen.console.push(message.text()));
  return { page, seen, close: () => context.close() };
}

/** What the page shows of its `:target` and the `<mark>`. */
function anchored(page: Page) {
  return page.evaluate(() => {
    const target = document.querySelector(':target');
    const mark = document.querySelector('mark');
    const box = target?.getBoundingClientRect();
    return {
      hash: location.hash,
      target: target?.id,
      targetCited: target?.classList.contains('cited') ?? false,
      markInTarget: mark !== null && target?.contains(mark) === true,
      mark: mark?.textContent,
      marks: document.querySelectorAll('mark').length,
      inView: box !== undefined && box.top >= 0 && box.top < window.innerHeight,
      markBackground: mark ? getComputedStyle(mark).backgroundColor : '',
      citedBorder: target ? getComputedStyle(target).borderLeftWidth : '',
    };
  });
}

describe.skipIf(missing !== null)('reader page in Chromium', () => {
  it('opens a signed link at the cited paragraph, the excerpt marked, its style allowed by the CSP', async () => {
    const { page, seen, close } = await newPage();
    // The last paragraph is well below the first screen, so seeing it means the fragment worked.
    const citation = r.citation(LAST_PARAGRAPH, 10, 40);
    const url = r.link(citation)!;
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'];
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-/);

    const seenPage = await anchored(page);
    const p = `p${LAST_PARAGRAPH}`;
    expect(seenPage).toMatchObject({ hash: `#${p}`, target: p, targetCited: true, markInTarget: true, mark: citation.excerpt, marks: 1, inView: true });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // The inline style ran: it is allowed by its hash, not by 'unsafe-inline'.
    expect(seenPage.markBackground).not.toBe('rgba(0, 0, 0, 0)');
    expect(seenPage.citedBorder).toBe('4px');
    expect(seen.console.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
    expect(await page.title()).toBe(`Batteries <em>and</em> the grid — ¶${LAST_PARAGRAPH}`);
    expect(seen.requests).toEqual([url.replace(/#.*$/, '')]);
    await close();
  }, 60_000);

  it('shows HTML-like article text as visible text, runs no script and loads no image', async () => {
    const { page, seen, close } = await newPage();
    const response = await page.goto(r.link(r.citation(3, 0, HOSTILE.indexOf(' into')))!);
    expect(response?.status()).toBe(200);
    const paragraph = page.locator('#p3');
    expect(await paragraph.isVisible()).toBe(true);
    expect(await paragraph.innerText()).toContain(HOSTILE);
    expect(await page.locator('mark').textContent()).toBe(HOSTILE.slice(0, HOSTILE.indexOf(' into')));
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      images: document.images.length,
      bold: document.querySelectorAll('article b, h1 em').length,
    }));
    expect(dom).toEqual({ scripts: 0, images: 0, bold: 0 });
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests).toHaveLength(1);
    await close();
  }, 60_000);

  it('fits a phone screen: no sideways scrolling, readable text, the cited paragraph in view', async () => {
    const { page, close } = await newPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(r.link(r.citation(4, 0, 20))!);
    const fit = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      font: parseFloat(getComputedStyle(document.querySelector('#p4')!).fontSize),
    }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.width);
    expect(fit.font).toBeGreaterThanOrEqual(16);
    expect(await anchored(page)).toMatchObject({ target: 'p4', targetCited: true, inView: true });
    await close();
  }, 60_000);

  it('shows a changed link a 403 page with nothing of the article', async () => {
    const { page, close } = await newPage();
    const url = r.link(r.citation(2))!.replace('#p2', '');
    const changed = url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A');
    const response = await page.goto(`${changed}#p2`);
    expect(response?.status()).toBe(403);
    const text = await page.locator('body').innerText();
    expect(text).toContain('not valid');
    for (const word of ['Batteries', 'lithium', 'Gazette', 'Critics']) expect(text).not.toContain(word);
    expect(await page.title()).not.toContain('Batteries');
    await close();
  }, 60_000);
});
