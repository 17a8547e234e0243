/**
 * The question log on SQLite and on a real PostgreSQL: what the core reports is stored (hashed
 * ids, question text only when allowed), feedback lands on the answer voted, old rows are
 * pruned, the figures the insights page shows are right, and a failing database never fails
 * an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { QuestionEvent } from '../../src/core/types.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import type { LogLocation } from '../../src/store/sql/connect.js';
import { bundledBot } from '../helpers.js';
import { dropSchema, POSTGRES_URL, postgresUnavailable, sqliteLocation, uniqueSchema } from './databases.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T12:00:00Z');

function event(over: Partial<QuestionEvent> = {}): QuestionEvent {
  return {
    at: NOW,
    conversationId: 'dc:111:222',
    userId: 'U-RAW-123',
    articleId: 'art',
    status: 'answered',
    question: 'What did Samsung sign?',
    terms: ['samsung', 'sign'],
    missing: [],
    citations: [{ articleId: 'art', paragraph: 1, excerpt: 'Samsung signed.' }],
    ...over,
  };
}

/** Every text value in the database, to look for what must not be there. */
type Dump = () => Promise<string>;

function suite(name: string, open: () => Promise<{ location: LogLocation; dump: Dump; cleanup(): Promise<void> }>, skip: () => string | null) {
  describe(`question log on ${name}`, () => {
    let ctx: { location: LogLocation; dump: Dump; cleanup(): Promise<void> };
    beforeAll(async () => {
      if (skip()) return;
      ctx = await open();
    });
    afterAll(async () => {
      await ctx?.cleanup();
    });
    const test = (title: string, fn: () => Promise<void>) => it(title, async (c) => (skip() ? c.skip(skip()!) : fn()));

    test('stores questions with hashed ids, survives reopening, and counts them per day', async () => {
      const log = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 3650 });
      log.question(event());
      log.question(
        event({ at: new Date(NOW.getTime() - DAY), status: 'not_covered', question: 'And India?', terms: ['india'], missing: ['india'], citations: [] }),
      );
      log.question(
        event({ at: new Date(NOW.getTime() - DAY), status: 'not_covered', question: 'What about India?', terms: ['india'], missing: ['india'], citations: [] }),
      );
      log.question(event({ status: 'not_covered', question: 'Weather in Tokyo?', terms: ['weather', 'tokyo'], missing: ['weather', 'tokyo'], citations: [] }));
      await log.close();

      const dump = await ctx.dump();
      expect(dump).toContain('What did Samsung sign?');
      expect(dump).not.toContain('U-RAW-123');
      expect(dump).not.toContain('dc:111:222');

      const again = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 3650 });
      const insights = await again.insights({ from: new Date(NOW.getTime() - 2 * DAY), to: new Date(NOW.getTime() + DAY), articleId: 'art' });
      await again.close();
      expect(insights.totals).toMatchObject({ questions: 4, answered: 1, notCovered: 3 });
      expect(insights.days.map((d) => [d.answered, d.notCovered])).toEqual([
        [0, 0],
        [0, 2],
        [1, 1],
        [0, 0],
      ]);
      expect(insights.gaps[0]).toEqual({ kind: 'not_in_article', terms: 'india', count: 2, example: 'What about India?' });
      expect(insights.unclear[0]).toMatchObject({ kind: 'off_topic', terms: 'tokyo weather', count: 1 });
      expect(insights.paragraphs).toEqual([{ paragraph: 1, cited: 1, up: 0, down: 0 }]);
    });

    test('the same user hashes alike across instances; different users differ', async () => {
      const a = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0 });
      const b = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0 });
      expect(a.hash('user', 'U1')).toBe(b.hash('user', 'U1'));
      expect(a.hash('user', 'U1')).not.toBe(a.hash('user', 'U2'));
      expect(a.hash('user', 'U1')).not.toContain('U1');
      await a.close();
      await b.close();
    });

    test('feedback counts on the latest answer in the conversation that cited the voted paragraph', async () => {
      const log = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 3650 });
      const conv = 'slack:T:C:1.1';
      log.question(
        event({
          at: new Date(NOW.getTime() + 1000),
          conversationId: conv,
          articleId: 'fb',
          question: 'first',
          citations: [{ articleId: 'fb', paragraph: 2, excerpt: 'Two.' }],
        }),
      );
      log.question(
        event({
          at: new Date(NOW.getTime() + 2000),
          conversationId: conv,
          articleId: 'fb',
          question: 'second',
          citations: [{ articleId: 'fb', paragraph: 3, excerpt: 'Three.' }],
        }),
      );
      log.feedback({ conversationId: conv, userId: 'U9', vote: 'down', citation: { articleId: 'fb', paragraph: 2 } }, new Date(NOW.getTime() + 3000));
      log.feedback({ conversationId: conv, userId: 'U8', vote: 'down', citation: { articleId: 'fb', paragraph: 2 } }, new Date(NOW.getTime() + 3000));
      log.feedback({ conversationId: conv, userId: 'U9', vote: 'up', citation: { articleId: 'fb', paragraph: 3 } }, new Date(NOW.getTime() + 3000));
      await log.flush();
      const insights = await log.insights({ from: NOW, to: new Date(NOW.getTime() + DAY), articleId: 'fb' });
      await log.close();
      expect(insights.downvoted).toHaveLength(1);
      expect(insights.downvoted[0]).toMatchObject({ question: 'first', down: 2, up: 0, citations: [{ paragraph: 2, excerpt: 'Two.' }] });
      expect(insights.paragraphs).toEqual([
        { paragraph: 2, cited: 1, up: 0, down: 2 },
        { paragraph: 3, cited: 1, up: 1, down: 0 },
      ]);
      expect(insights.totals).toMatchObject({ up: 1, down: 2 });
    });

    test('with STORE_QUESTIONS=0 only the words are kept', async () => {
      const log = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 3650, storeQuestions: false });
      log.question(
        event({
          articleId: 'private',
          question: 'Secret plans of Contoso?',
          terms: ['secret', 'plans', 'contoso'],
          status: 'not_covered',
          missing: ['contoso'],
          citations: [],
        }),
      );
      await log.flush();
      const rows = await log.rows({ from: NOW, to: new Date(NOW.getTime() + 1), articleId: 'private' });
      const insights = await log.insights({ from: NOW, to: new Date(NOW.getTime() + 1), articleId: 'private' });
      await log.close();
      expect(rows).toMatchObject([{ question: null, terms: 'secret plans contoso', missing: 'contoso', platform: 'discord' }]);
      expect(insights.gaps).toEqual([{ kind: 'not_in_article', terms: 'contoso', count: 1 }]);
      expect(await ctx.dump()).not.toContain('Secret plans');
    });

    test('rows older than RETAIN_DAYS are pruned, with their citations', async () => {
      const log = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 7 });
      const old = new Date(NOW.getTime() - 8 * DAY);
      log.question(event({ at: old, articleId: 'ret', question: 'old one', citations: [{ articleId: 'ret', paragraph: 4, excerpt: 'Old excerpt.' }] }));
      log.question(event({ at: new Date(NOW.getTime() - 6 * DAY), articleId: 'ret', question: 'recent one' }));
      await log.flush();
      const removed = await log.prune(NOW);
      const rows = await log.rows({ from: new Date(0), to: new Date(NOW.getTime() + DAY), articleId: 'ret' });
      await log.close();
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(rows.map((r) => r.question)).toEqual(['recent one']);
      expect(await ctx.dump()).not.toContain('Old excerpt.');
    });

    test('the core records through the log, and an answer is given when the database is gone', async () => {
      const log = await SqlQuestionLog.open({ location: ctx.location, pruneEveryMs: 0, retainDays: 3650 });
      const bot: Pilcrow = await bundledBot({ log });
      const id = bot.articles[0]!.id;
      const start = new Date();
      const yes = await bot.handle({ conversationId: 'console-1', userId: 'me', command: { kind: 'text', text: 'What did Samsung sign with YMTC?' } });
      const no = await bot.handle({ conversationId: 'console-1', userId: 'me', command: { kind: 'text', text: 'What does the article say about India?' } });
      bot.feedback({ conversationId: 'console-1', userId: 'me', vote: 'down', citation: { articleId: id, paragraph: yes.citations[0]!.paragraph } });
      await log.flush();
      const rows = await log.rows({ from: new Date(start.getTime() - 1000), to: new Date(Date.now() + 1000), articleId: id });
      expect(rows.map((r) => [r.status, r.question, r.missing, r.platform, r.down])).toEqual([
        ['answered', 'What did Samsung sign with YMTC?', '', 'terminal', 1],
        ['not_covered', 'What does the article say about India?', 'india', 'terminal', 0],
      ]);
      expect(rows[0]!.paragraphs[0]).toBe(yes.citations[0]!.paragraph);
      expect(no.status).toBe('not_covered');

      // The database goes away under the bot: answers still come, the reports are dropped.
      await (log as unknown as { db: { destroy(): Promise<void> } }).db.destroy();
      const after = await bot.handle({ conversationId: 'console-2', userId: 'me', command: { kind: 'text', text: 'What did Samsung sign with YMTC?' } });
      expect(after.status).toBe('answered');
      await log.flush();
      expect(log.dropped).toBeGreaterThanOrEqual(1);
    });
  });
}

suite(
  'SQLite',
  async () => {
    const s = sqliteLocation();
    const file = (s.location as { file: string }).file;
    return {
      location: s.location,
      dump: async () => {
        const db = new Database(file, { readonly: true });
        try {
          return JSON.stringify([db.prepare('select * from questions').all(), db.prepare('select * from citations').all()]);
        } finally {
          db.close();
        }
      },
      cleanup: async () => s.remove(),
    };
  },
  () => null,
);

let pgMissing: string | null = null;
beforeAll(async () => {
  pgMissing = await postgresUnavailable();
});
suite(
  'PostgreSQL',
  async () => {
    const schema = uniqueSchema();
    return {
      location: { kind: 'postgres', url: POSTGRES_URL, schema },
      dump: async () => {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
          const q = await client.query(`select * from "${schema}".questions`);
          const c = await client.query(`select * from "${schema}".citations`);
          return JSON.stringify([q.rows, c.rows]);
        } finally {
          await client.end();
        }
      },
      cleanup: () => dropSchema(schema),
    };
  },
  () => pgMissing,
);

describe('question log at start-up', () => {
  it('an unreachable DATABASE_URL leaves the bot answering without a log, with one error line naming the setting', async () => {
    const { loadConfig } = await import('../../src/runtime/config.js');
    const { openQuestionLog } = await import('../../src/store/start.js');
    const errors: string[] = [];
    const logger = { info: () => {}, warn: () => {}, error: (_o: object, m?: string) => void errors.push(m ?? '') };
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    expect(await openQuestionLog(config, logger)).toBeUndefined();
    expect(errors).toEqual(['question log unavailable: check DATABASE_URL; answering without a log']);
  });
});
