/**
 * Tenants (a Slack workspace, a Discord server): each sees the bundled articles and the ones it
 * added, never another's — not in list, use, answers, search, quote, autocomplete or remove.
 */
import { describe, expect, it } from 'vitest';
import { parseArticle, type Article } from '../../../src/core/articles/content.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import type { QuestionEvent, Request } from '../../../src/core/types.js';

const article = (id: string, title: string, ...paragraphs: string[]): Article =>
  parseArticle(`---\ntitle: ${title}\n---\n\n${paragraphs.join('\n\n')}\n`, `${id}.md`);

const harbour = article('harbour', 'Harbour', 'The harbour has forty cranes.', 'Ships wait at anchor for a berth.');
const corals = () => article('corals', 'Corals', 'Corals in the Red Sea tolerate heat.', 'Their larvae survive heat waves.');

const A = 'slack:TAAAA';
const B = 'slack:TBBBB';

const req = (text: string, extra: Partial<Request> = {}): Request => ({
  conversationId: `c-${Math.random()}`,
  userId: 'u',
  command: { kind: 'text', text },
  ...extra,
});

/** A bot whose loader adds corals, owned by whichever tenant asked (as the store's loader does). */
function twoTenantBot(log?: QuestionEvent[]): Pilcrow {
  return new Pilcrow([harbour], {
    loadArticle: async (_source, _by, tenant) => ({ ...corals(), ...(tenant === undefined ? {} : { tenant }) }),
    deleteArticle: async () => true,
    ...(log ? { log: { question: (e) => void log.push(e), feedback: () => {} } } : {}),
  });
}

describe('tenants', () => {
  it('an article added in tenant A is listed, chosen and answered there, and in tenant B is neither listed nor answered', async () => {
    const bot = twoTenantBot();
    const added = await bot.handle(req('add https://x.example/corals', { tenant: A, channelId: 'slack:TAAAA:C1', mayAdd: 'links' }));
    expect(added).toMatchObject({ status: 'note', article: { id: 'corals' } });

    expect((await bot.handle(req('list', { tenant: A }))).message).toContain('corals');
    const inA = await bot.handle(req('Which sea do corals tolerate heat in?', { tenant: A, channelId: 'slack:TAAAA:C1' }));
    expect(inA).toMatchObject({ status: 'answered', citations: [{ articleId: 'corals' }] });

    // B: the bundled article only. Asking about corals finds nothing; naming it is "no such article".
    const listB = (await bot.handle(req('list', { tenant: B }))).message!;
    expect(listB).toContain('harbour');
    expect(listB).not.toContain('corals');
    const inB = await bot.handle(req('Which sea do corals tolerate heat in?', { tenant: B }));
    expect(inB.status).toBe('not_covered');
    expect(inB.citations).toEqual([]);
    expect(await bot.handle(req('use corals', { tenant: B, channelId: 'slack:TBBBB:C2' }))).toMatchObject({ status: 'invalid' });
    expect(await bot.handle(req('quote corals 1', { tenant: B }))).toMatchObject({
      status: 'invalid',
      message: 'There is no article "corals". Say "list" to see them.',
    });
    expect((await bot.handle(req('search larvae heat', { tenant: B }))).citations).toEqual([]);
    expect(bot.suggestQuestions('larvae', 25, B).map((s) => s.name)).not.toContainEqual(expect.stringContaining('larvae survive'));
    expect(bot.suggestQuestions('larvae', 25, A).map((s) => s.name)).toContainEqual(expect.stringContaining('larvae survive'));
    expect(bot.paragraphChoices('', 25, B).every((s) => !s.name.includes('corals'))).toBe(true);
    expect(bot.articlesFor(B).map((a) => a.id)).toEqual(['harbour']);
    expect(bot.articlesFor(A).map((a) => a.id)).toEqual(['harbour', 'corals']);
  });

  it('the bundled article answers in both tenants, and a request with no tenant (the terminal) sees every article', async () => {
    const bot = twoTenantBot();
    await bot.handle(req('add https://x.example/corals', { tenant: A, mayAdd: 'links' }));
    for (const tenant of [A, B]) {
      expect(await bot.handle(req('How many cranes does the harbour have?', { tenant }))).toMatchObject({
        status: 'answered',
        citations: [{ articleId: 'harbour' }],
      });
    }
    expect(bot.articlesFor(undefined).map((a) => a.id)).toEqual(['harbour', 'corals']);
    expect((await bot.handle(req('list'))).message).toContain('corals');
  });

  it('tenant B cannot remove, nor bind a channel to, tenant A’s article', async () => {
    const bot = twoTenantBot();
    await bot.handle(req('add https://x.example/corals', { tenant: A, mayAdd: 'links' }));
    expect(await bot.handle(req('remove corals', { tenant: B, mayAdd: 'links' }))).toMatchObject({ status: 'invalid' });
    expect(bot.articlesFor(A).map((a) => a.id)).toContain('corals');
    expect(await bot.handle(req('remove corals', { tenant: A, mayAdd: 'links' }))).toMatchObject({ status: 'note', message: 'Removed “Corals” (corals).' });
    expect(bot.articlesFor(A).map((a) => a.id)).toEqual(['harbour']);
  });

  it('a channel bound to another tenant’s article (a shared channel) falls back to what this tenant sees', async () => {
    const bot = twoTenantBot();
    const shared = 'slack-shared-channel';
    await bot.handle(req('add https://x.example/corals', { tenant: A, channelId: shared, mayAdd: 'links' }));
    const reply = await bot.handle(req('quote 1', { tenant: B, channelId: shared }));
    expect(reply.citations[0]!.articleId).toBe('harbour');
  });

  it('a tenant with no article in sight is told how to add one, and can', async () => {
    const bot = new Pilcrow([{ ...harbour, tenant: A }], { loadArticle: async (_s, _b, tenant) => ({ ...corals(), tenant: tenant! }) });
    expect(await bot.handle(req('What about cranes?', { tenant: B }))).toMatchObject({
      status: 'invalid',
      message: 'There is no article here yet. Someone who may add articles can say "add <link>".',
    });
    expect(await bot.handle(req('add https://x.example/corals', { tenant: B, mayAdd: 'links' }))).toMatchObject({ status: 'note', article: { id: 'corals' } });
    expect(bot.articlesFor(B).map((a) => a.id)).toEqual(['corals']);
  });

  it('the question log is told which tenant asked', async () => {
    const log: QuestionEvent[] = [];
    const bot = twoTenantBot(log);
    await bot.handle(req('How many cranes does the harbour have?', { tenant: B }));
    await bot.handle(req('How many cranes does the harbour have?'));
    expect(log.map((e) => e.tenant)).toEqual([B, undefined]);
  });

  it('a loader refusal (a tenant’s cap reached) is the reply, as the loader wrote it', async () => {
    const { UserFacingError } = await import('../../../src/core/errors.js');
    const bot = new Pilcrow([harbour], {
      loadArticle: async () => {
        throw new UserFacingError('This workspace has reached its limit of 2 added articles.');
      },
    });
    expect(await bot.handle(req('add https://x.example/corals', { tenant: A, mayAdd: 'links' }))).toMatchObject({
      status: 'invalid',
      message: 'This workspace has reached its limit of 2 added articles.',
    });
  });
});
