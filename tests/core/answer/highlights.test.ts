/**
 * Highlights read from the offsets kept at indexing are those analyzing the excerpt again gives.
 */
import { describe, expect, it } from 'vitest';
import { highlight } from '../../../src/core/answer/excerpts.js';
import { parseArticle } from '../../../src/core/articles/content.js';
import { Library } from '../../../src/core/search/library.js';
import { terms } from '../../../src/core/text/analyzer.js';

const article = parseArticle(
  [
    '---\ntitle: Edges\n---\n',
    "Samsung’s chips didn't ship in 2023. “Quotes” end here! What?Yes: the O'Brien deal — née Müller — closed. Dr. Lee agreed.\n",
    'The U.S. economy grew 3.5% in Q2. Rock’n’roll returned; it was loud.\n',
  ].join('\n'),
  'content/edges.md',
);
const library = new Library([article]);

describe('highlights from indexed offsets', () => {
  it('are what analyzing each run of whole sentences finds', () => {
    let compared = 0;
    article.paragraphs.forEach((p, i) => {
      for (let first = 0; first < p.sentences.length; first++) {
        for (let last = first; last < p.sentences.length; last++) {
          const { start } = p.sentences[first]!;
          const { end } = p.sentences[last]!;
          const excerpt = p.text.slice(start, end);
          for (const docTerms of [new Set(terms(excerpt)), new Set(terms(excerpt).filter((_, k) => k % 2 === 1)), new Set<string>()]) {
            expect(library.termRanges(0, i, start, end, docTerms)).toEqual(highlight(excerpt, docTerms));
            compared++;
          }
        }
      }
    });
    expect(compared).toBeGreaterThan(20);
  });

  it('leave other ranges to analysis', () => {
    const p = article.paragraphs[0]!;
    expect(library.termRanges(0, 0, 1, p.sentences[0]!.end, new Set(['samsung']))).toBeUndefined();
    expect(library.termRanges(0, 0, 0, p.text.length - 1, new Set(['samsung']))).toBeUndefined();
  });
});
