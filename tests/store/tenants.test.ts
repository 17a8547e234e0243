/**
 * Tenants in the shared library, on SQLite and PostgreSQL: an added article keeps its tenant in
 * the database (across a restart, and on another instance), only that tenant sees it, rows from
 * before tenants are seen by all, and each tenant's caps refuse the next article with a clear reply.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { Reply } from '../../src/core/types.js';
import { createArticleLoader, DEFAULT_LIMITS } from '../../src/ingest/index.js';
import { openSharedLibrary, type SharedLibrary, type TenantCaps } from '../../src/store/library-start.js';
import type { LibraryLocation } from '../../src/store/library.js';
import { bundledContentCopy, tempDir } from '../fixtures/isolated.js';
import { startSite, type Site } from '../ingest/site.js';
import { dropSchema, postgresUnavailable, POSTGRES_URL, uniqueSchema } from './databases.js';

const QUIET = { info: () => {}, warn: () => {}, error: () => {} };
const BUNDLED_ID = 'chinese-tech-going-global';
const NOTES = 'field-notes-on-tidal-mills';
const QUESTION = 'When did the last working tidal mill close?';
const A = 'slack:TAAAA';
const B = 'discord:200000000000000002';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});

/** One instance wired as `src/main.ts` does; `say` asks as `tenant`. */
async function instance(location: LibraryLocation, contentDir = bundledContentCopy(), caps?: TenantCaps) {
  const library: SharedLibrary = await openSharedLibrary({ location, contentDir, logger: QUIET, ...(caps ? { caps } : {}) });
  const loadArticle = createArticleLoader({ contentDir, sink: library.sink, limits: { ...DEFAULT_LIMITS, allowPrivate: true, timeoutMs: 5_000 } });
  const bot = new Pilcrow(library.articles, { channels: library.store.channels, loadArticle, deleteArticle: library.deleteArticle });
  library.attach(bot);
  let n = 0;
  const say = (tenant: string | undefined, text: string): Promise<Reply> =>
    bot.handle({
      conversationId: `conv-${n++}`,
      userId: 'U1',
      userName: 'ada',
      channelId: `${tenant}:C1`,
      mayAdd: 'links',
      command: { kind: 'text', text },
      ...(tenant ? { tenant } : {}),
    });
  return { bot, library, contentDir, say };
}

describe.each(['sqlite', 'postgres'] as const)('tenants in the library on %s', (kind) => {
  let skip: string | null = null;
  const schemas: string[] = [];
  const location = (): LibraryLocation => {
    if (kind === 'sqlite') return { kind: 'sqlite', file: join(tempDir('data'), 'library.sqlite') };
    const schema = uniqueSchema();
    schemas.push(schema);
    return { kind: 'postgres', url: POSTGRES_URL, schema };
  };
  beforeAll(async () => {
    if (kind === 'postgres') skip = await postgresUnavailable();
  });
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  it('an article added by tenant A is stored as A’s: after a restart A lists and answers from it, B does neither', async (ctx) => {
    if (skip) return ctx.skip();
    const where = location();
    const first = await instance(where);
    expect((await first.say(A, `add ${site.base}/notes.md`)).message).toMatch(/^Added “Field notes on tidal mills”/);
    expect((await first.library.store.list()).map((r) => [r.id, r.tenant])).toEqual([[NOTES, A]]);
    await first.library.close();

    const again = await instance(where, first.contentDir);
    try {
      expect(again.bot.articlesFor(A).map((a) => a.id)).toEqual([BUNDLED_ID, NOTES]);
      expect(again.bot.articlesFor(B).map((a) => a.id)).toEqual([BUNDLED_ID]);
      expect((await again.say(A, QUESTION)).citations[0]?.articleId).toBe(NOTES);
      const inB = await again.say(B, QUESTION);
      expect(inB.citations.map((c) => c.articleId)).not.toContain(NOTES);
      expect((await again.say(B, 'list')).message).not.toContain(NOTES);
      // B adding the same page gets its own copy (A's is not "already here" for B), under a fresh id.
      expect((await again.say(B, `add ${site.base}/notes.md`)).message).toMatch(new RegExp(`as ${NOTES}-2 `));
      expect((await again.say(B, 'remove ' + NOTES)).status).toBe('invalid');
      expect(again.bot.articlesFor(A).map((a) => a.id)).toEqual([BUNDLED_ID, NOTES]);
    } finally {
      await again.library.close();
    }
  });

  it('an article stored before tenants (no tenant) is seen by every tenant', async (ctx) => {
    if (skip) return ctx.skip();
    const where = location();
    const first = await instance(where);
    const text = '---\ntitle: Old notes\n---\n\nThe old mill wheel was made of oak.\n';
    expect(await first.library.store.insert({ id: 'old-notes', text, addedBy: 'ada', addedAt: 1 })).toBe(true);
    await first.library.close();
    const again = await instance(where, first.contentDir);
    try {
      for (const tenant of [A, B, undefined]) expect(again.bot.articlesFor(tenant).map((a) => a.id)).toEqual([BUNDLED_ID, 'old-notes']);
    } finally {
      await again.library.close();
    }
  });

  it('TENANT_MAX_ARTICLES and TENANT_MAX_BYTES refuse the next article with a reply saying so; another tenant is not held back', async (ctx) => {
    if (skip) return ctx.skip();
    const byCount = await instance(location(), undefined, { maxArticles: 1 });
    try {
      expect((await byCount.say(A, `add ${site.base}/notes.md`)).status).toBe('note');
      expect(await byCount.say(A, `add ${site.base}/blog/tidal-mills`)).toMatchObject({
        status: 'invalid',
        message: 'This team has reached its limit of 1 added article. Remove one you no longer need ("remove <id>"; "list" shows them) before adding another.',
      });
      expect((await byCount.say(B, `add ${site.base}/blog/tidal-mills`)).status).toBe('note');
    } finally {
      await byCount.library.close();
    }
    const byBytes = await instance(location(), undefined, { maxBytes: 200 });
    try {
      const refused = await byBytes.say(A, `add ${site.base}/blog/tidal-mills`);
      expect(refused.status).toBe('invalid');
      expect(refused.message).toMatch(/^That article \(\d+ KB\) would take this team past its limit of 1 KB of added articles \(0 KB used\)\./);
      expect(await byBytes.library.store.list()).toEqual([]);
    } finally {
      await byBytes.library.close();
    }
  });
});
