import { describe, expect, it } from 'vitest';
import { loadArticles, parseArticle } from '../../../src/core/articles/content.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { terms } from '../../../src/core/text/analyzer.js';
import { CONTENT_DIR } from '../../helpers.js';

const harbour = parseArticle(
  '---\ntitle: Harbour notes\nurl: https://example.com/harbour\n---\n\nThe Port Authority opened a container terminal.\n\nFishermen blame the dredging of the channel for their catch.\n',
  'content/harbour.md',
);

describe('a library of several articles', () => {
  const bot = new Pilcrow([...loadArticles(CONTENT_DIR), harbour]);
  const ask = (text: string, articleId?: string) =>
    bot.handle({ conversationId: `lib-${Math.random()}`, userId: 'u', command: { kind: 'text', text }, ...(articleId ? { articleId } : {}) });

  it('names the article in each citation', async () => {
    const r = await ask('Why do fishermen blame the dredging?');
    expect(r.citations[0]).toMatchObject({ articleId: 'harbour', paragraph: 2, label: 'harbour ¶2' });
    expect(r.article?.title).toBe('Harbour notes');
    const s = await ask('What did Samsung sign with YMTC?');
    expect(s.citations[0]!.label).toBe('chinese-tech-going-global ¶1');
  });

  it('answers within one article when asked to', async () => {
    const r = await ask('container terminal', 'chinese-tech-going-global');
    expect(r.citations.every((c) => c.articleId === 'chinese-tech-going-global')).toBe(true);
    const q = await ask('quote 2', 'harbour');
    expect(q.citations[0]!.excerpt).toBe('Fishermen blame the dredging of the channel for their catch.');
  });

  it('lists every article in "about"', async () => {
    const r = await ask('about');
    expect(r.message).toContain('Harbour notes');
    expect(r.message).toContain('https://example.com/harbour');
    expect(r.message).toContain('Global Times');
  });
});

describe('related forms of a word', () => {
  const lib = new Pilcrow([
    parseArticle('---\ntitle: Forms\n---\n\nThe economic and democratic reforms changed politics and strategic planning.\n', 'content/forms.md'),
  ]).library;

  it('finds the forms the stemmer keeps apart (economy → economic, democracy → democratic, strategy → strategic)', () => {
    expect(lib.relatedForms('economi')).toEqual(['econom']);
    expect(lib.relatedForms('democraci')).toEqual(['democrat']);
    expect(lib.relatedForms('strategi')).toEqual(['strateg']);
  });

  it('does not confuse words that only start alike (policy is not politics)', () => {
    expect(lib.relatedForms('polici')).toEqual([]);
  });
});

describe('a large library', () => {
  // 260 paragraphs that all say "year", and one that answers the question.
  const body = Array.from({ length: 260 }, (_, i) => `In the year ${1700 + i} the harbour handled ${i + 3} ships from abroad.`);
  body.splice(130, 0, 'Last year the new terminal created 4,000 jobs in the city.');
  const big = new Pilcrow([parseArticle(`---\ntitle: Annals\n---\n\n${body.join('\n\n')}\n`, 'content/annals.md')]);

  it('treats a word found in a tenth of a large library as a stop word when searching', async () => {
    expect(big.library.isUbiquitous(terms('year')[0]!)).toBe(true);
    const r = await big.handle({ conversationId: 'big', userId: 'u', command: { kind: 'text', text: 'How many jobs were created last year?' } });
    expect(r.status).toBe('answered');
    expect(r.citations[0]!.excerpt).toBe('Last year the new terminal created 4,000 jobs in the city.');
  });

  it('never does so in a single article', async () => {
    const bundled = new Pilcrow(loadArticles(CONTENT_DIR)).library;
    const words = new Set(bundled.articles.flatMap((a) => a.paragraphs.flatMap((p) => terms(p.text))));
    expect([...words].filter((w) => bundled.isUbiquitous(w))).toEqual([]);
  });
});
