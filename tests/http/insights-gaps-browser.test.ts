/// <reference lib="dom" />
/**
 * What a team lead reads on the insights page, in a real headless Chromium: refusals split into
 * content gaps ("Taiwan": the article lacks it) and the rest (the bot's own misses on words the
 * article has, off-topic chat, another language, typos, one-word messages); the most-asked
 * questions, answered ones too; every article in an overview with its id beside its title (two
 * articles here share a title); and seven days as the default period.
 *
 * The log is a real SQLite file filled through the log's own sink with the reports the core
 * makes, so the page's judgement is tested against the real library whatever the core answers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { QuestionEvent } from '../../src/core/types.js';
import { createInsightsHandler } from '../../src/http/insights.js';
import { gapJudge, heldBy } from '../../src/store/gap-kinds.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import { CONTENT_DIR } from '../helpers.js';
import { chromiumUnavailable, launchChromium } from './browser.js';

const TOKEN = 'test-insights-token-0123456789';
const ARTICLE = 'chinese-tech-going-global';
const missing = chromiumUnavailable();
let dir: string;
let log: SqlQuestionLog;
let server: Server;
let base: string;
let chrome: { browser: Browser; close(): Promise<void> } | undefined;

/** One report as the core makes it: `missing` lists every word when the library holds each. */
function report(question: string, status: QuestionEvent['status'], missingWords: string[], n: number, article = ARTICLE): QuestionEvent {
  const words = (question.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 3 || missingWords.includes(w));
  return {
    at: new Date(Date.now() - n * 60_000),
    conversationId: `slack:T:C:${n}`,
    userId: `U${n % 4}`,
    articleId: article,
    status,
    question,
    terms: words,
    missing: status === 'not_covered' ? missingWords : [],
    citations: status === 'answered' ? [{ articleId: article, paragraph: 1, excerpt: 'First, South Korea’s Samsung Electronics has signed…' }] : [],
  };
}

beforeAll(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-insights-gaps-'));
  const content = join(dir, 'content');
  mkdirSync(content);
  copyFileSync(join(CONTENT_DIR, `${ARTICLE}.md`), join(content, `${ARTICLE}.md`));
  // A second article with the same title: only the id tells them apart.
  writeFileSync(join(content, 'copy-of-the-editorial.md'), readFileSync(join(CONTENT_DIR, `${ARTICLE}.md`), 'utf8'));
  const bot = await Pilcrow.fromDirectory(content);
  log = await SqlQuestionLog.open({ location: { kind: 'sqlite', file: join(dir, 'log.sqlite') }, pruneEveryMs: 0 });
  let n = 0;
  const add = (times: number, ...args: [string, QuestionEvent['status'], string[]]) => {
    for (let i = 0; i < times; i++) log.question(report(...args, ++n));
  };
  add(3, 'What does the article say about Taiwan?', 'not_covered', ['taiwan']);
  add(2, 'Samsung and YMTC: so what?', 'not_covered', ['samsung', 'ymtc']);
  add(1, "What's the weather in Paris today?", 'not_covered', ['paris', 'today', 'weather']);
  add(1, 'Was sagt der Autor über die Chipindustrie in Deutschland?', 'not_covered', ['autor', 'chipindustrie', 'deutschland', 'sagt']);
  add(1, 'hmm', 'not_covered', ['hmm']);
  add(1, 'What about the semicondcutors?', 'not_covered', ['semicondcutors']);
  add(4, 'What did Samsung sign with YMTC?', 'answered', []);
  add(1, 'what did samsung sign with ymtc', 'answered', []);
  log.question(report('Which Swedish company failed?', 'answered', [], ++n, 'copy-of-the-editorial'));
  // Older than a week: shown for 30 days, not by default.
  log.question({ ...report('What does the article say about Vietnam?', 'not_covered', ['vietnam'], ++n), at: new Date(Date.now() - 12 * 86_400_000) });
  await log.flush();
  const handler = createInsightsHandler({
    token: TOKEN,
    log,
    articles: bot.library.articles.map((a) => ({ info: a.info, paragraphs: a.paragraphs })),
    retainDays: 30,
    judge: () => gapJudge(heldBy((t) => bot.library.has(t))),
  });
  server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  chrome = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await log?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('the insights page a lead can act on (Chromium)', () => {
  it('splits gaps from the rest, lists the most-asked questions and every article with its id, over 7 days by default', async () => {
    const context = await chrome!.browser.newContext({ viewport: { width: 1200, height: 900 }, extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    const res = await page.goto(`${base}/insights`);
    expect(res?.status()).toBe(200);
    const rows = (selector: string) => page.locator(`${selector} tbody tr`).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));

    // Content gaps: only what the article lacks.
    const gaps = await rows('#gaps');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toContain('taiwan');
    expect(gaps[0]).toContain('3');

    // The rest, each with why.
    const unclear = await page.locator('#unclear tbody tr').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), (e as HTMLElement).innerText]));
    const kindOf = (words: string) => unclear.find(([, text]) => text!.includes(words))?.[0];
    expect(kindOf('samsung ymtc')).toBe('not_understood');
    expect(kindOf('paris today weather')).toBe('off_topic');
    expect(kindOf('chipindustrie')).toBe('other_language');
    expect(kindOf('hmm')).toBe('too_short');
    expect(kindOf('semicondcutors')).toBe('not_understood');
    expect(unclear.some(([, text]) => text!.includes('taiwan'))).toBe(false);

    // Most asked, answered ones too, the two spellings of one question grouped.
    const asked = await rows('#most-asked');
    expect(asked[0]).toMatch(/What did Samsung sign with YMTC\?\s+5\s+5/);
    expect(asked.some((r) => r.includes('Taiwan'))).toBe(true);

    // The overview: both articles, same title, told apart by their ids.
    const articles = await rows('#articles');
    expect(articles).toHaveLength(2);
    expect(articles.find((r) => r.includes(`(${ARTICLE})`))).toMatch(/\t14\t5\t9\t/);
    expect(articles.some((r) => r.includes('(copy-of-the-editorial)'))).toBe(true);
    expect(await page.locator('select[name="article"] option').allTextContents()).toContain(
      `Chinese technology going global more than just a commercial triumph: Global Times editorial (copy-of-the-editorial)`,
    );

    // Seven days by default: the 12-day-old question is not in it; 30 days shows it.
    expect(await page.locator('select[name="days"] option[selected]').textContent()).toBe('last 7 days');
    expect(await page.locator('#totals').innerText()).toContain('15');
    await page.goto(`${base}/insights?days=30`);
    expect(await page.locator('#gaps').innerText()).toContain('vietnam');

    // One article: its paragraphs shaded, no overview.
    await page.goto(`${base}/insights?article=${ARTICLE}`);
    expect(await page.locator('#article .para').count()).toBeGreaterThan(0);
    expect(await page.locator('#articles').count()).toBe(0);
    await context.close();
  }, 60_000);
});
