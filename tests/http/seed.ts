/**
 * A seeded insights setup for the HTTP and browser tests: the real core on the bundled article,
 * a real SQLite question log filled by asking the core real questions (answered and refused)
 * with votes, and the insights routes on a server on 127.0.0.1 (port 0).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pilcrow } from '../../src/core/bot/pilcrow.js';
import { createInsightsHandler } from '../../src/http/insights.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import { sqliteLocation } from '../store/databases.js';
import { bundledBot } from '../helpers.js';

export const TOKEN = 'test-insights-token-0123456789';

export interface Seeded {
  bot: Pilcrow;
  log: SqlQuestionLog;
  base: string;
  close(): Promise<void>;
}

const ANSWERED = [
  'What did Samsung sign with YMTC?',
  'Which Swedish company failed?',
  'What is FEB?',
  'What did Samsung sign with YMTC?',
  'What generation of chips is hybrid bonding for?',
];
const REFUSED = ['What does the article say about India?', 'Is India mentioned?', "What's the weather like in Tokyo?"];

/**
 * Starts the seeded setup. With `tenant`, the seeded questions are that team's (`Request.tenant`)
 * and one more question is logged for another team, which that team's views must not count.
 */
export async function startSeeded(options: { tenant?: string } = {}): Promise<Seeded> {
  const where = sqliteLocation();
  const log = await SqlQuestionLog.open({ location: where.location, pruneEveryMs: 0 });
  const bot = await bundledBot({ log });
  let n = 0;
  for (const q of [...ANSWERED, ...REFUSED]) {
    const conversationId = `console-seed-${++n}`;
    const reply = await bot.handle({ conversationId, userId: `user-${n % 3}`, command: { kind: 'text', text: q }, ...tenantOf(options.tenant) });
    const first = reply.citations[0];
    if (first && n % 2 === 1)
      bot.feedback({ conversationId, userId: 'voter', vote: 'down', question: q, citation: { articleId: first.articleId, paragraph: first.paragraph } });
    if (first && n % 2 === 0)
      bot.feedback({ conversationId, userId: 'voter', vote: 'up', question: q, citation: { articleId: first.articleId, paragraph: first.paragraph } });
  }
  if (options.tenant !== undefined)
    await bot.handle({
      conversationId: 'console-seed-other',
      userId: 'user-other',
      command: { kind: 'text', text: 'Is India mentioned?' },
      tenant: 'other:team',
    });
  await log.flush();
  const handler = createInsightsHandler({
    token: TOKEN,
    log,
    articles: bot.library.articles.map((a) => ({ info: a.info, paragraphs: a.paragraphs })),
    retainDays: 30,
  });
  const server: Server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    bot,
    log,
    base,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await log.close();
      where.remove();
    },
  };
}

function tenantOf(tenant: string | undefined): { tenant?: string } {
  return tenant === undefined ? {} : { tenant };
}
