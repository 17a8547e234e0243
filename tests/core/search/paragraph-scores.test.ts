/**
 * The paragraph scores are MiniSearch's: the ranking model was fitted on the scores of a MiniSearch
 * index over the paragraphs, which `ParagraphScores` computes without one. Each case compares
 * them with such an index, built here as the library built it.
 */
import { describe, expect, it } from 'vitest';
import { loadArticles, parseArticle, type Article } from '../../../src/core/articles/content.js';
import { Library } from '../../../src/core/search/library.js';
import type { QueryTerm } from '../../../src/core/search/types.js';
import type { Hit } from '../../../src/core/search/types.js';
import { terms } from '../../../src/core/text/analyzer.js';
import { CONTENT_DIR } from '../../helpers.js';
import { analyzedIndex, hasHeadings } from './reference-index.js';

/** MiniSearch's weight for a word reached by prefix. */
const PREFIX_WEIGHT = 0.375;

const batteries = parseArticle(
  [
    '---\ntitle: Batteries\n---\n',
    '# Battery technology in 1973\n',
    'Battery technologies improved in 1973. It was this. Technological change followed, and 12 firms made batteries.\n',
    'The technology of 12-volt batteries spread. Batteries, batteries and more batteries.\n',
    '# Markets\n',
    'Markets for technology grew. Tech firms sold 1973 models and 12 kinds of cells.\n',
    'Nothing here is on the subject. It was this. Only markets.\n',
  ].join('\n'),
  'content/batteries.md',
);
const harbour = parseArticle(
  '---\ntitle: Harbour\n---\n\nMarkets, markets and markets.\n\nThe harbour bought battery technology for its growing markets. The old port first opened for trade in 1973.\n\nTechnicians serviced the cranes; it was this.\n',
  'content/harbour.md',
);

/** A MiniSearch index over the paragraphs of `library`, as the library once kept beside its sentence index. */
function referenceIndex(articles: readonly Article[]) {
  const index = analyzedIndex();
  let id = 0;
  for (const article of articles) {
    for (const p of article.paragraphs) {
      const text = p.sentences
        .map((s) => terms(p.text.slice(s.start, s.end)).join(' '))
        .join(' ')
        .trim();
      index.add({ id: id++, text, section: p.section ? terms(p.section).join(' ') : '' });
    }
  }
  return index;
}

/** MiniSearch's paragraph hits for exact terms with weights, by paragraph id. */
function referenceSearch(library: Library, weights: ReadonlyMap<string, number>, articleIndex?: number): Map<number, Hit> {
  const results = referenceIndex(library.articles).search([...weights.keys()].join(' '), {
    combineWith: 'OR',
    fields: hasHeadings(library) ? ['text', 'section'] : ['text'],
    boostTerm: (t) => weights.get(t) ?? 1,
    ...(articleIndex === undefined ? {} : { filter: (r) => library.paragraphRefs[r.id as number]!.articleIndex === articleIndex }),
  });
  return new Map(results.map((r) => [r.id as number, { id: r.id as number, score: r.score, docTerms: r.terms, queryTerms: r.queryTerms }]));
}

/**
 * The library words the sentence search reached, weighted as the paragraph search weighs them: a
 * query word's own weight, a word reached by prefix the prefix weight times its query word's;
 * with the query word each stands for.
 */
function reached(query: readonly QueryTerm[], found: readonly Hit[]): { weights: Map<string, number>; origin: Map<string, string> } {
  const weights = new Map<string, number>();
  const origin = new Map<string, string>();
  for (const d of new Set(found.flatMap((h) => h.docTerms))) {
    const own = query.find((q) => q.term === d);
    const source = own ?? query.filter((q) => d.startsWith(q.term)).sort((a, b) => b.term.length - a.term.length)[0]!;
    weights.set(d, own ? own.weight : source.weight * PREFIX_WEIGHT);
    origin.set(d, source.term);
  }
  return { weights, origin };
}

/** Asserts two paragraph searches agree: the same paragraphs, scores within 1e-9, the same terms in the same order. */
function expectSame(got: ReadonlyMap<number, Hit>, want: ReadonlyMap<number, Hit>): void {
  expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
  for (const [pid, w] of want) {
    const g = got.get(pid)!;
    expect(Math.abs(g.score - w.score) / w.score, `paragraph ${pid}`).toBeLessThan(1e-9);
    expect(g.docTerms).toEqual(w.docTerms);
    expect(g.queryTerms).toEqual(w.queryTerms);
  }
}

describe('paragraph scores', () => {
  const library = new Library([batteries, harbour]);
  const typed = (word: string, weight = 1) => ({ ...library.typed(terms(word)[0]!, weight), fuzzy: false });
  const cases: [string, QueryTerm[]][] = [
    ['one word', [typed('batteries')]],
    ['a word reached by prefix, from a word also found as typed', [typed('tech'), typed('technology', 1.5)]],
    ['numbers, listed as MiniSearch lists them', [typed('1973', 0.6), typed('12', 0.6), typed('markets', 1.5)]],
    ['a number found after a word', [typed('markets', 3), typed('1973', 0.3)]],
    ['a word in the headings', [typed('markets', 0.6), typed('subject')]],
    ['a word in a heading and in the text', [typed('1973', 1.5), typed('battery', 0.8)]],
  ];

  it('has cases that reach words by prefix and match in headings', () => {
    const found = library.search(cases[1]![1]);
    expect(new Set(found.flatMap((h) => h.docTerms))).toEqual(new Set(terms('tech technology technologies technological technicians')));
    expect(terms('It was this.')).toEqual([]);
  });

  for (const [name, query] of cases) {
    it(`are MiniSearch's over the paragraphs: ${name}`, () => {
      for (const articleIndex of [undefined, 0, 1]) {
        const found = library.search(query, articleIndex);
        const { weights, origin } = reached(query, found);
        const want = referenceSearch(library, weights, articleIndex);
        for (const h of want.values()) h.queryTerms = [...new Set(h.queryTerms.map((t) => origin.get(t)!))];
        if (articleIndex === undefined) expect(want.size).toBeGreaterThan(0);
        expectSame(library.searchParagraphs(query, found, articleIndex), want);
      }
    });
  }

  it("are MiniSearch's over an article without headings, for each word of it", () => {
    const articles = loadArticles(CONTENT_DIR);
    const bundled = new Library(articles);
    const vocabulary = [...new Set(articles[0]!.paragraphs.flatMap((p) => terms(p.text)))];
    for (let i = 0; i + 2 < vocabulary.length; i += 3) {
      const query = vocabulary.slice(i, i + 3).map((t, j) => ({ term: t, weight: [1, 0.6, 1.5][j]!, source: t, prefix: false }));
      const found = bundled.search(query);
      expectSame(bundled.searchParagraphs(query, found), referenceSearch(bundled, reached(query, found).weights));
    }
  });
});
