/**
 * The shared library: articles added from chat and channel settings in the database (SQLite by
 * default, PostgreSQL with DATABASE_URL), the one-time import of a deployment's earlier files, and
 * two instances seeing each other's additions and removals through Redis or PostgreSQL.
 * Articles are added through the core's `add` command from a local site on 127.0.0.1.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { Reply } from '../../src/core/types.js';
import { createArticleLoader, DEFAULT_LIMITS } from '../../src/ingest/index.js';
import { openSharedLibrary, type SharedLibrary } from '../../src/store/library-start.js';
import { LibrarySync } from '../../src/store/library-sync.js';
import type { AddedArticleRecord, LibraryLocation } from '../../src/store/library.js';
import { loadArticles, parseArticle } from '../../src/core/articles/content.js';
import { bundledContentCopy, tempDir } from '../fixtures/isolated.js';
import { startSite, type Site } from '../ingest/site.js';
import { dropSchema, postgresUnavailable, POSTGRES_URL, uniqueSchema } from './databases.js';
import { dropPrefix, redisReachable, REDIS_URL, uniquePrefix } from './redis-env.js';
import { Redis } from 'ioredis';
import pg from 'pg';

const QUIET = { info: () => {}, warn: () => {}, error: () => {} };
const BUNDLED_ID = 'chinese-tech-going-global';
const QUESTION = 'When did the last working tidal mill close?';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});

/** One instance: its own content folder, the shared library, a bot wired as `src/main.ts` does. */
async function instance(
  location: LibraryLocation,
  redis?: { url: string; prefix: string },
  contentDir = bundledContentCopy(),
  checkEveryMs?: number,
): Promise<{ bot: Pilcrow; library: SharedLibrary; contentDir: string; say(text: string, channelId?: string): Promise<Reply> }> {
  const library = await openSharedLibrary({ location, contentDir, logger: QUIET, ...(redis ? { redis } : {}), ...(checkEveryMs ? { checkEveryMs } : {}) });
  const loadArticle = createArticleLoader({ contentDir, sink: library.sink, limits: { ...DEFAULT_LIMITS, allowPrivate: true, timeoutMs: 5_000 } });
  const bot = new Pilcrow(library.articles, { channels: library.store.channels, loadArticle, deleteArticle: library.deleteArticle });
  library.attach(bot);
  let n = 0;
  const say = (text: string, channelId = 'C1') =>
    bot.handle({ conversationId: `conv-${n++}`, userId: 'U1', userName: 'ada', channelId, mayAdd: 'links', command: { kind: 'text', text } });
  return { bot, library, contentDir, say };
}

/** Polls `check` every 50 ms until it holds or `ms` pass; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ids = (bot: Pilcrow) => bot.articles.map((a) => a.id);

describe('library on SQLite (the default)', () => {
  it('keeps an article added from chat in the database, not the content folder, across a restart; remove takes it away and leaves bundled ones', async () => {
    const location: LibraryLocation = { kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') };
    const a = await instance(location);
    const added = await a.say(`add ${site.base}/notes.md`);
    expect(added.message).toMatch(/^Added “Field notes on tidal mills” as field-notes-on-tidal-mills/);
    expect(readdirSync(a.contentDir).filter((f) => f.endsWith('.md'))).toEqual([`${BUNDLED_ID}.md`]);
    // The channel was bound to it, in the database.
    expect(await a.library.store.channels.getArticle('C1')).toBe('field-notes-on-tidal-mills');
    await a.library.close();

    const b = await instance(location, undefined, a.contentDir);
    expect(ids(b.bot)).toEqual([BUNDLED_ID, 'field-notes-on-tidal-mills']);
    const answer = await b.say(QUESTION);
    expect(answer.citations?.[0]?.articleId).toBe('field-notes-on-tidal-mills');
    expect(answer.citations?.[0]?.excerpt).toContain('1956');

    const refused = await b.say(`remove ${BUNDLED_ID}`);
    expect(refused.message).toMatch(/bundled library.*cannot be removed from chat/);
    const removed = await b.say('remove field-notes-on-tidal-mills');
    expect(removed.message).toBe('Removed “Field notes on tidal mills” (field-notes-on-tidal-mills).');
    expect(ids(b.bot)).toEqual([BUNDLED_ID]);
    expect(await b.library.store.list()).toEqual([]);
    await b.library.close();
  });

  it('removing needs the same permission as adding', async () => {
    const a = await instance({ kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') });
    await a.say(`add ${site.base}/notes.md`);
    const reply = await a.bot.handle({
      conversationId: 'x',
      userId: 'U2',
      channelId: 'C1',
      command: { kind: 'text', text: 'article remove field-notes-on-tidal-mills' },
    });
    expect(reply.message).toMatch(/not allowed to remove articles/);
    expect(ids(a.bot)).toContain('field-notes-on-tidal-mills');
    await a.library.close();
  });

  it('answers through a database outage with the last known channel settings; adding says it failed', async () => {
    const a = await instance({ kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') });
    await a.say(`add ${site.base}/notes.md`);
    expect((await a.say('about')).article?.id).toBe('field-notes-on-tidal-mills');
    expect(a.library.store.channels.degraded()).toBeUndefined();
    await a.library.store.close();
    expect((await a.say(QUESTION)).citations?.[0]?.articleId).toBe('field-notes-on-tidal-mills');
    expect(a.library.store.channels.degraded()).toMatch(/^library database unreachable/);
    expect((await a.say(`add ${site.base}/news/harbour-cranes`)).message).toMatch(/could not be added because of an error on my side/);
    expect((await a.say('remove field-notes-on-tidal-mills')).message).toMatch(/could not be removed because of an error on my side/);
  });

  it('imports the earlier added files and .pilcrow-channels.json once, moving them aside', async () => {
    const contentDir = bundledContentCopy();
    const legacy =
      '---\ntitle: "Old harbour notes"\nadded_by: ada\nadded_at: 2026-11-01T10:00:00.000Z\n---\n\nThe old harbour crane was built in 1911 from riveted steel.\n\nIt was taken down in 1988.\n';
    writeFileSync(join(contentDir, 'old-harbour-notes.md'), legacy);
    writeFileSync(
      join(contentDir, '.pilcrow-channels.json'),
      JSON.stringify({ version: 1, articles: { C9: 'old-harbour-notes' }, follow: { C9: true, C8: false } }),
    );
    const location: LibraryLocation = { kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') };
    const a = await instance(location, undefined, contentDir);
    expect(ids(a.bot)).toEqual([BUNDLED_ID, 'old-harbour-notes']);
    const [record] = await a.library.store.list();
    expect(record).toMatchObject({ id: 'old-harbour-notes', text: legacy, addedBy: 'ada', addedAt: Date.parse('2026-11-01T10:00:00.000Z') });
    expect(await a.library.store.channels.getArticle('C9')).toBe('old-harbour-notes');
    expect(await a.library.store.channels.getFollow('C9')).toBe(true);
    expect(await a.library.store.channels.getFollow('C8')).toBe(false);
    expect(existsSync(join(contentDir, 'old-harbour-notes.md'))).toBe(false);
    expect(readFileSync(join(contentDir, '.pilcrow-imported', 'old-harbour-notes.md'), 'utf8')).toBe(legacy);
    expect(existsSync(join(contentDir, '.pilcrow-channels.json.imported'))).toBe(true);
    // A newer choice is not overwritten by a second start, which finds nothing left to import.
    await a.library.store.channels.setArticle('C9', BUNDLED_ID);
    await a.library.close();
    const b = await instance(location, undefined, contentDir);
    expect(await b.library.store.channels.getArticle('C9')).toBe(BUNDLED_ID);
    expect((await b.say('remove old-harbour-notes')).message).toMatch(/^Removed/);
    await b.library.close();
  });
});

describe('keeping a bot in step with the database', () => {
  const NOTES = '---\ntitle: Notes\nadded_by: ada\n---\n\nThe last working tidal mill in the region closed in 1956.\n';

  it('an article this instance adds while a re-read is under way is not dropped by that re-read', async () => {
    // A store whose list() answers when the test says, so the add lands while the query is out.
    const pending: Array<(rows: AddedArticleRecord[]) => void> = [];
    const store = {
      list: () => new Promise<AddedArticleRecord[]>((r) => pending.push(r)),
      ids: async () => [],
      insert: async () => true,
      remove: async () => true,
    };
    const answer = async (rows: AddedArticleRecord[]) => {
      await within(1_000, async () => pending.length > 0);
      pending.shift()!(rows);
    };
    const bundled = loadArticles(bundledContentCopy());
    const sync = new LibrarySync(store, bundled, QUIET);
    const bot = new Pilcrow(bundled);
    sync.attach(bot);
    const reread = sync.refresh();
    await within(1_000, async () => pending.length > 0);
    // Stored (after the re-read's query) and served here, as the loader and the core do.
    sync.remember('notes', NOTES);
    bot.addArticle(parseArticle(NOTES, 'notes.md', 'notes'));
    await answer([]);
    await reread;
    expect(ids(bot)).toEqual([BUNDLED_ID, 'notes']);
    // Removed here while another re-read is out: that re-read's stale row does not bring it back.
    const second = sync.refresh();
    await within(1_000, async () => pending.length > 0);
    sync.forget('notes');
    bot.removeArticle('notes');
    await answer([{ id: 'notes', text: NOTES, addedBy: 'ada', addedAt: 1 }]);
    await second;
    expect(ids(bot)).toEqual([BUNDLED_ID]);
  });

  it('starts without waiting for a Redis that does not answer', async () => {
    const started = Date.now();
    const library = await openSharedLibrary({
      location: { kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') },
      contentDir: bundledContentCopy(),
      logger: QUIET,
      redis: { url: 'redis://127.0.0.1:1', prefix: 'pilcrow-test:' },
    });
    expect(library.events.kind).toBe('redis');
    expect(Date.now() - started).toBeLessThan(4_000);
    await library.close();
  });
});

describe.each(['redis', 'postgres'] as const)('two instances sharing PostgreSQL, changes through %s', (via) => {
  let skip: string | null = null;
  const schema = uniqueSchema();
  const prefix = uniquePrefix('library');
  beforeAll(async () => {
    skip = await postgresUnavailable();
    if (!skip && via === 'redis' && !(await redisReachable())) skip = 'no Redis';
  });
  afterAll(async () => {
    if (skip) return;
    await dropSchema(schema);
    if (via === 'redis') await dropPrefix(prefix);
  });

  it('an article added on A is answered on B within 5 s; removed on A, it is gone on B', async (ctx) => {
    if (skip) return ctx.skip();
    const location: LibraryLocation = { kind: 'postgres', url: POSTGRES_URL, schema };
    const redis = via === 'redis' ? { url: REDIS_URL, prefix } : undefined;
    const a = await instance(location, redis);
    const b = await instance(location, redis);
    try {
      expect(a.library.events.kind).toBe(via);
      expect((await a.say(`add ${site.base}/notes.md`)).message).toMatch(/^Added/);
      const seen = await within(5_000, async () => (await b.say(QUESTION)).citations?.[0]?.articleId === 'field-notes-on-tidal-mills');
      expect(seen).toBeLessThan(5_000);
      console.info(`library via ${via}: added on A, answered on B after ${seen} ms`);
      // A channel binding made on A is B's too.
      await a.say('use field-notes-on-tidal-mills', 'C7');
      expect((await b.say('about', 'C7')).article?.id).toBe('field-notes-on-tidal-mills');

      expect((await a.say('remove field-notes-on-tidal-mills')).message).toMatch(/^Removed/);
      const gone = await within(5_000, async () => !ids(b.bot).includes('field-notes-on-tidal-mills'));
      console.info(`library via ${via}: removed on A, gone on B after ${gone} ms`);
      expect((await b.say(QUESTION)).citations?.[0]?.articleId).not.toBe('field-notes-on-tidal-mills');
    } finally {
      await Promise.all([a.library.close(), b.library.close()]);
    }
  });

  it('an instance that missed a change message catches up from the stored ids', async (ctx) => {
    if (skip) return ctx.skip();
    const location: LibraryLocation = { kind: 'postgres', url: POSTGRES_URL, schema };
    const redis = via === 'redis' ? { url: REDIS_URL, prefix } : undefined;
    const b = await instance(location, redis, undefined, 200);
    try {
      // Stored without a message, as when a publish fails.
      await b.library.store.insert({
        id: 'quiet-notes',
        text: '---\ntitle: Quiet notes\nadded_by: ada\n---\n\nThe last working tidal mill in the region closed in 1956.\n',
        addedBy: 'ada',
        addedAt: Date.now(),
      });
      await within(3_000, async () => ids(b.bot).includes('quiet-notes'));
    } finally {
      await b.library.close();
    }
  });

  it('after its change listener loses the connection, B reconnects and still sees what A adds', async (ctx) => {
    if (skip) return ctx.skip();
    const location: LibraryLocation = { kind: 'postgres', url: POSTGRES_URL, schema };
    const redis = via === 'redis' ? { url: REDIS_URL, prefix } : undefined;
    const a = await instance(location, redis);
    const b = await instance(location, redis);
    try {
      // B's listening connection only (named after its origin), killed as a server restart or a proxy would.
      const name = `pilcrow-library:${b.library.events.origin}`;
      if (via === 'postgres') {
        const admin = new pg.Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [name]);
        await admin.end();
        expect(killed.rowCount).toBe(1);
      } else {
        const admin = new Redis(REDIS_URL);
        const line = String(await admin.client('LIST'))
          .split('\n')
          .find((l) => l.includes(` name=${name} `));
        const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
        expect(id).toBeDefined();
        await admin.client('KILL', 'ID', id!);
        await admin.quit();
      }
      expect((await a.say(`add ${site.base}/notes.md`)).message).toMatch(/^Added/);
      await within(5_000, async () => ids(b.bot).includes('field-notes-on-tidal-mills'));
    } finally {
      await Promise.all([a.library.close(), b.library.close()]);
    }
  });
});
