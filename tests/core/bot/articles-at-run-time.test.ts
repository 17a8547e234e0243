/** Articles added, replaced and chosen while the bot runs; per-channel articles; text commands naming an article. */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle, type Article } from '../../../src/core/articles/content.js';
import { parseCommand } from '../../../src/core/bot/parse-command.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import type { Request } from '../../../src/core/types.js';
import { watchContent } from '../../../src/ingest/watch.js';
import { FileChannelSettingsStore } from '../../../src/store/channel-settings.js';

const article = (id: string, title: string, ...paragraphs: string[]): Article =>
  parseArticle(`---\ntitle: ${title}\n---\n\n${paragraphs.join('\n\n')}\n`, `${id}.md`);

const harbour = article('harbour', 'Harbour', 'The harbour has forty cranes.', 'Ships wait at anchor for a berth.');
const corals = article('corals', 'Corals', 'Corals in the Red Sea tolerate heat.', 'Their larvae survive heat waves.');

const req = (text: string, extra: Partial<Request> = {}): Request => ({ conversationId: 'c1', userId: 'u', command: { kind: 'text', text }, ...extra });

describe('text commands naming an article', () => {
  it('parses "quote art17 1", "art17 ¶1", "use x", "list", "load <link|path>"', () => {
    expect(parseCommand('quote art17 1')).toEqual({ kind: 'quote', articleId: 'art17', paragraph: 1 });
    expect(parseCommand('quote art17 ¶2')).toEqual({ kind: 'quote', articleId: 'art17', paragraph: 2 });
    expect(parseCommand('art17 ¶3')).toEqual({ kind: 'quote', articleId: 'art17', paragraph: 3 });
    expect(parseCommand('quote 3')).toEqual({ kind: 'quote', paragraph: 3 });
    expect(parseCommand('use news/cranes')).toEqual({ kind: 'use', articleId: 'news/cranes' });
    expect(parseCommand('list')).toEqual({ kind: 'list' });
    expect(parseCommand('load https://example.org/a?b=1')).toEqual({ kind: 'add', source: { kind: 'link', url: 'https://example.org/a?b=1' } });
    expect(parseCommand('load ~/Downloads/report one.pdf')).toEqual({ kind: 'add', source: { kind: 'path', path: '~/Downloads/report one.pdf' } });
    expect(parseCommand('add https://example.org/a')).toEqual({ kind: 'add', source: { kind: 'link', url: 'https://example.org/a' } });
    // Questions that merely start with those words stay questions.
    expect(parseCommand('add more details about the cranes')).toEqual({ kind: 'ask', question: 'add more details about the cranes' });
  });

  it('quotes the named article, and says which articles exist when the id is wrong', async () => {
    const bot = new Pilcrow([harbour, corals]);
    expect((await bot.handle(req('quote corals 2'))).citations[0]).toMatchObject({ articleId: 'corals', paragraph: 2, label: 'corals ¶2' });
    expect(await bot.handle(req('quote art17 1'))).toMatchObject({ status: 'invalid', message: 'There is no article "art17". Say "list" to see them.' });
  });

  it('summary over many articles is one key sentence from each of the first ten, not hundreds of lines', async () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      article(
        `a${String(i).padStart(2, '0')}`,
        `Article ${i}`,
        `Paragraph one of article ${i} speaks of topic${i}.`,
        `Paragraph two of article ${i} adds more.`,
      ),
    );
    const reply = await new Pilcrow(many).handle(req('summary'));
    expect(reply.citations).toHaveLength(10);
    expect(new Set(reply.citations.map((c) => c.articleId)).size).toBe(10);
    expect(reply.message).toBe('One key sentence from each of 10 articles (40 more not shown). Say "use <id>" to pick an article, then "summary".');
    const list = await new Pilcrow(many).handle(req('list'));
    expect(list.message!.split('\n')).toHaveLength(1 + 25 + 1);
  });
});

describe('the channel’s current article', () => {
  it('`use` binds a channel; its questions, quotes and summary go to that article; another channel is unaffected', async () => {
    const bot = new Pilcrow([harbour, corals]);
    const inA = { channelId: 'A' };
    expect(await bot.handle(req('use corals', inA))).toMatchObject({ status: 'note', message: 'This channel now discusses “Corals” (corals, 2 paragraphs).' });
    expect((await bot.handle(req('quote 1', inA))).citations[0]!.articleId).toBe('corals');
    expect((await bot.handle(req('summary', inA))).citations.every((c) => c.articleId === 'corals')).toBe(true);
    expect((await bot.handle(req('quote 1', { channelId: 'B' }))).citations[0]!.articleId).toBe('harbour');
    expect((await bot.handle(req('use nothing-like-it', inA))).status).toBe('invalid');
  });

  it('adding needs a loader and permission; a path is only for the terminal', async () => {
    let calls = 0;
    const bot = new Pilcrow([harbour], {
      loadArticle: async () => {
        calls += 1;
        return corals;
      },
    });
    expect((await bot.handle(req('load https://x.example/a'))).message).toBe('You are not allowed to add articles here. Ask someone who manages this bot.');
    expect((await bot.handle(req('load ./notes.md', { mayAdd: 'links' }))).message).toBe(
      'Give a link (http:// or https://) to the article, or attach the file.',
    );
    expect(calls).toBe(0);
    const added = await bot.handle(req('load https://x.example/a', { mayAdd: 'links', channelId: 'A' }));
    expect(added.message).toBe('Added “Corals” as corals (2 paragraphs). It is now the current article here.');
    expect(bot.articles.map((a) => a.id)).toEqual(['harbour', 'corals']);
    expect((await bot.handle(req('quote 2', { channelId: 'A' }))).citations[0]!.excerpt).toBe('Their larvae survive heat waves.');
  });

  it('keeps bindings in a file that a restart reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-channels-'));
    try {
      const file = join(dir, '.pilcrow-channels.json');
      const bot = new Pilcrow([harbour, corals], { channels: new FileChannelSettingsStore(file) });
      await bot.handle(req('use corals', { channelId: 'slack:T:C1' }));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, articles: { 'slack:T:C1': 'corals' }, follow: {} });
      const restarted = new Pilcrow([harbour, corals], { channels: new FileChannelSettingsStore(file) });
      expect((await restarted.handle(req('quote 1', { channelId: 'slack:T:C1' }))).citations[0]!.articleId).toBe('corals');
      // A damaged file is reported and treated as empty rather than stopping the bot.
      writeFileSync(file, '{ not json');
      const problems: string[] = [];
      const damaged = new Pilcrow([harbour, corals], { channels: new FileChannelSettingsStore(file, (m) => problems.push(m)) });
      expect((await damaged.handle(req('quote 1', { channelId: 'slack:T:C1' }))).citations[0]!.articleId).toBe('harbour');
      expect(problems[0]).toContain('not valid JSON');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('changing the library while conversations go on', () => {
  it('a follow-up survives an article added after it, but not a change to the article it was about', async () => {
    const cranes = article(
      'cranes',
      'Cranes',
      'The port has forty cranes.',
      'New cranes are electric.',
      'Old cranes burn diesel.',
      'Cranes work at night.',
      'Cranes lift containers.',
    );
    const bot = new Pilcrow([cranes]);
    const first = await bot.handle(req('Tell me about the cranes'));
    expect(first.hasMore).toBe(true);
    bot.addArticle(corals);
    const more = await bot.handle(req('more'));
    expect(more.status).toBe('answered');
    expect(more.citations.every((c) => c.articleId === 'cranes')).toBe(true);
    await bot.handle(req('Tell me about the cranes'));
    bot.addArticle(article('cranes', 'Cranes', 'Completely rewritten text.', 'Nothing about lifting now.'));
    // The old state named sentences that no longer exist: it is dropped, not misread.
    expect(await bot.handle(req('more'))).toMatchObject({ status: 'invalid', citations: [] });
  });

  it('removeArticle never empties the library', () => {
    const bot = new Pilcrow([harbour, corals]);
    expect(bot.removeArticle('corals')).toBe(true);
    expect(bot.removeArticle('harbour')).toBe(false);
    expect(bot.articles.map((a) => a.id)).toEqual(['harbour']);
  });
});

describe('live reload of the content folder', () => {
  it('picks up an added, an edited and a removed file, and keeps the last good version of a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-watch-'));
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (o: object) => void warnings.push(JSON.stringify(o)) };
    writeFileSync(join(dir, 'harbour.md'), '---\ntitle: Harbour\n---\n\nThe harbour has forty cranes.\n');
    const bot = await Pilcrow.fromDirectory(dir);
    const reloads: Array<{ added: string[]; changed: string[]; removed: string[]; failed: string[] }> = [];
    let wake: () => void = () => {};
    const watcher = watchContent(dir, bot, {
      logger,
      debounceMs: 50,
      onReload: (r) => {
        reloads.push(r);
        wake();
      },
    });
    const next = (change: () => void) =>
      new Promise<(typeof reloads)[number]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reload within 5 s')), 5_000);
        wake = () => {
          clearTimeout(timer);
          resolve(reloads.at(-1)!);
        };
        change();
      });
    try {
      expect(await next(() => writeFileSync(join(dir, 'corals.md'), '---\ntitle: Corals\n---\n\nCorals tolerate heat.\n'))).toMatchObject({
        added: ['corals'],
      });
      expect(bot.articles.map((a) => a.id)).toEqual(['harbour', 'corals']);
      expect(await next(() => writeFileSync(join(dir, 'harbour.md'), '---\ntitle: Harbour\n---\n\nThe harbour has fifty cranes.\n'))).toMatchObject({
        changed: ['harbour'],
      });
      expect((await bot.handle(req('quote harbour 1'))).citations[0]!.excerpt).toBe('The harbour has fifty cranes.');
      expect(await next(() => writeFileSync(join(dir, 'harbour.md'), '---\ntitle: [broken\n---\n\nx\n'))).toMatchObject({ failed: ['harbour'] });
      expect((await bot.handle(req('quote harbour 1'))).citations[0]!.excerpt).toBe('The harbour has fifty cranes.');
      expect(warnings.some((w) => w.includes('content_file_invalid') && w.includes('harbour.md'))).toBe(true);
      expect(await next(() => unlinkSync(join(dir, 'corals.md')))).toMatchObject({ removed: ['corals'] });
      expect(bot.articles.map((a) => a.id)).toEqual(['harbour']);
    } finally {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
