/** Property: whatever is asked, every excerpt is an exact substring of its paragraph. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles, type Article } from '../../../src/core/articles/content.js';
import type { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { bundledBot, CONTENT_DIR } from '../../helpers.js';

let bot: Pilcrow;
let article: Article;
beforeAll(async () => {
  bot = await bundledBot();
  [article] = loadArticles(CONTENT_DIR) as [Article];
});

// Words from the article mixed with arbitrary words and characters, so questions both hit and miss.
const articleWords = () => article.paragraphs.flatMap((p) => p.text.split(/\s+/));

describe('excerpts', () => {
  it('are exact substrings of their paragraph, at their offsets, with highlights inside them', async () => {
    const words = articleWords();
    const word = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 12 }), fc.constantFrom('why', 'it', 'more', '¶3', 'and Europe?'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(word, { minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (turns) => {
        const conversationId = `prop-${Math.random()}`;
        for (const turn of turns) {
          const reply = await bot.handle({ conversationId, userId: 'p', command: { kind: 'text', text: turn.join(' ') } });
          for (const c of reply.citations) {
            const paragraph = article.paragraphs[c.paragraph - 1]!.text;
            expect(paragraph.slice(c.start, c.end)).toBe(c.excerpt);
            expect(c.excerpt.length).toBeGreaterThan(0);
            for (const h of c.highlights) {
              expect(h.start).toBeGreaterThanOrEqual(0);
              expect(h.end).toBeLessThanOrEqual(c.excerpt.length);
              expect(h.end).toBeGreaterThan(h.start);
            }
          }
          if (reply.status === 'answered') expect(reply.citations.length).toBeGreaterThanOrEqual(1);
          if (reply.status === 'not_covered') expect(reply.citations).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
