/**
 * The question log per tenant, on SQLite and PostgreSQL: each question and its votes are kept
 * with the tenant that asked; the insights of one tenant count only its questions; the insights
 * page (over real HTTP) offers the tenants seen and shows the one chosen.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightsHandler } from '../../src/http/insights.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import type { LogLocation } from '../../src/store/sql/connect.js';
import { bundledBot } from '../helpers.js';
import { dropSchema, postgresUnavailable, POSTGRES_URL, sqliteLocation, uniqueSchema } from './databases.js';

const A = 'slack:TAAAA';
const B = 'discord:200000000000000002';
const TOKEN = 'test-insights-token-0123456789';

describe.each(['sqlite', 'postgres'] as const)('question log per tenant on %s', (kind) => {
  let skip: string | null = null;
  let cleanup = async () => {};
  let location: LogLocation;
  beforeAll(async () => {
    if (kind === 'postgres') {
      skip = await postgresUnavailable();
      const schema = uniqueSchema();
      location = { kind: 'postgres', url: POSTGRES_URL, schema };
      cleanup = () => dropSchema(schema);
    } else {
      const where = sqliteLocation();
      location = where.location;
      cleanup = async () => where.remove();
    }
  });
  afterAll(async () => {
    if (!skip) await cleanup();
  });

  it('one tenant’s insights count only its questions and votes; the page offers the tenants and shows the one chosen', async (ctx) => {
    if (skip) return ctx.skip();
    const log = await SqlQuestionLog.open({ location, pruneEveryMs: 0 });
    const bot = await bundledBot({ log });
    let n = 0;
    const ask = (tenant: string, text: string) => bot.handle({ conversationId: `c-${++n}`, userId: 'u', tenant, command: { kind: 'text', text } });
    await ask(A, 'What did Samsung sign with YMTC?');
    await ask(A, 'What does the article say about India?');
    const inB = await ask(B, 'Which Swedish company failed?');
    const cited = inB.citations[0]!;
    bot.feedback({
      conversationId: `c-${n}`,
      userId: 'v',
      tenant: B,
      vote: 'down',
      question: inB.question!,
      citation: { articleId: cited.articleId, paragraph: cited.paragraph },
    });
    await log.flush();

    const from = new Date(Date.now() - 86_400_000);
    const to = new Date(Date.now() + 60_000);
    expect(await log.tenants(from)).toEqual([A, B].sort());
    expect((await log.insights({ from, to, tenant: A })).totals).toMatchObject({ questions: 2, answered: 1, notCovered: 1, down: 0 });
    expect((await log.insights({ from, to, tenant: B })).totals).toMatchObject({ questions: 1, answered: 1, notCovered: 0, down: 1 });
    expect((await log.insights({ from, to })).totals).toMatchObject({ questions: 3 });
    expect((await log.insights({ from, to, tenant: B })).gaps).toEqual([]);

    const handler = createInsightsHandler({ token: TOKEN, log, articles: bot.library.articles, retainDays: 30 });
    const server: Server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
      const page = await (await fetch(`${base}/insights?tenant=${encodeURIComponent(B)}`, auth)).text();
      expect(page).toContain('<select name="tenant"><option value="">All teams</option>');
      expect(page).toContain(`<option value="${A}">${A}</option>`);
      expect(page).toContain(`<option value="${B}" selected>${B}</option>`);
      const json = (await (await fetch(`${base}/insights.json?tenant=${encodeURIComponent(A)}`, auth)).json()) as {
        tenant: string;
        totals: { questions: number };
      };
      expect(json).toMatchObject({ tenant: A, totals: { questions: 2 } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await log.close();
    }
  });
});
