/**
 * `npx tsx scripts/reader-screenshot.ts`: makes docs/reader.png, a phone-sized picture of the
 * reader page. The real core answers a question on the bundled article (read only), the reader
 * routes are served on 127.0.0.1 with a throwaway secret, and Debian's headless Chromium opens
 * the first citation's signed link.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { addReaderRoutes } from '../src/http/reader.js';
import { readerLinks, ReaderSigner } from '../src/http/reader-link.js';
import { RouteTable } from '../src/http/routes.js';
import { createHttpServer } from '../src/http/server.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/reader.png');
const QUESTION = 'What did Samsung sign with YMTC?';

async function main(): Promise<void> {
  const bot = await Pilcrow.fromDirectory(join(ROOT, 'content'));
  const reply = await bot.handle({ conversationId: 'screenshot', userId: 'screenshot', command: { kind: 'text', text: QUESTION } });
  const citation = reply.citations[0];
  if (!citation) throw new Error(`the bundled article gave no citation for "${QUESTION}"`);

  const secret = randomBytes(32).toString('hex');
  const signer = new ReaderSigner(secret, 3_600_000);
  const routes = new RouteTable();
  addReaderRoutes(routes, { signer, articles: () => bot.library.articles });
  const server = createHttpServer({ routes, port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${await server.start()}`;
  const link = readerLinks({ publicUrl: base, secret, ttlHours: 1 }, signer)(citation)!;

  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' });
    await page.goto(link);
    await page.screenshot({ path: OUT, fullPage: false });
    console.log(`wrote ${OUT} (${citation.label} of "${reply.article?.title ?? citation.articleId}")`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
