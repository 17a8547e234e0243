/**
 * `npm run screenshot:insights`: makes docs/insights.png, the README's picture of the insights
 * page. A throwaway SQLite log is filled by asking the real core a fortnight of questions (some
 * the article cannot answer, some voted down), the page is served on 127.0.0.1, and Debian's
 * headless Chromium photographs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import type { QuestionLogSink } from '../src/core/types.js';
import { createInsightsHandler } from '../src/http/insights.js';
import { SqlQuestionLog } from '../src/store/sql/question-log.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/insights.png');
const TOKEN = 'screenshot-token-0123456789';
const DAY = 86_400_000;

const ANSWERABLE = [
  'What did Samsung sign with YMTC?',
  'What generation of chips is the hybrid bonding for?',
  'Which Swedish company failed?',
  'What is FEB?',
  'Who supports the battery plant?',
  'Why does the editorial call it more than a commercial triumph?',
  'What technology does YMTC own?',
  'Where is the battery factory?',
];
const UNANSWERABLE = [
  'What does the article say about India?',
  'Is India mentioned?',
  'What about TSMC?',
  'How much did the TSMC deal cost?',
  "What's the weather in Tokyo?",
  'What about Huawei?',
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-shot-'));
  const log = await SqlQuestionLog.open({ location: { kind: 'sqlite', file: join(dir, 'log.sqlite') }, pruneEveryMs: 0 });
  // Questions asked "on" earlier days: the sink moves each report back by `daysAgo`.
  let daysAgo = 0;
  const shifted: QuestionLogSink = {
    question: (e) => log.question({ ...e, at: new Date(e.at.getTime() - daysAgo * DAY) }),
    feedback: (f, at) => log.feedback(f, new Date(at.getTime() - daysAgo * DAY)),
  };
  const bot = await Pilcrow.fromDirectory(join(ROOT, 'content'), { log: shifted });
  let n = 0;
  for (daysAgo = 13; daysAgo >= 0; daysAgo--) {
    const count = 3 + ((daysAgo * 7) % 6);
    for (let i = 0; i < count; i++) {
      n += 1;
      const pool = n % 3 === 0 ? UNANSWERABLE : ANSWERABLE;
      const question = pool[(n * 5 + daysAgo) % pool.length]!;
      const conversationId = `slack:T:C:${n}`;
      const reply = await bot.handle({ conversationId, userId: `U${n % 7}`, command: { kind: 'text', text: question } });
      const first = reply.citations[0];
      if (first && n % 4 === 0)
        bot.feedback({ conversationId, userId: 'U1', vote: n % 8 === 0 ? 'down' : 'up', citation: { articleId: first.articleId, paragraph: first.paragraph } });
    }
  }
  await log.flush();

  const handler = createInsightsHandler({
    token: TOKEN,
    log,
    articles: bot.library.articles.map((a) => ({ info: a.info, paragraphs: a.paragraphs })),
    retainDays: 30,
  });
  const server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    const page = await browser.newPage({
      viewport: { width: 960, height: 1500 },
      deviceScaleFactor: 1,
      extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` },
    });
    await page.goto(`${base}/insights?days=30`);
    await page.screenshot({ path: OUT, fullPage: false });
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    server.close();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
