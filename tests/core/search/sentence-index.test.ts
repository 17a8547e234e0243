/**
 * The sentence search is MiniSearch's: the ranking model was fitted on the hits of a MiniSearch
 * index over the sentences, which `SentenceIndex` computes from postings of its own. Each case
 * compares the library's search with such an index, built as the library once built it: the same
 * sentences in the same order, the same scores to the last bit, the same terms in the same order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Answerer, parseQuestion } from '../../../src/core/answer/answerer.js';
import { loadArticles, parseArticle } from '../../../src/core/articles/content.js';
import { squadArticles } from '../../../src/quality/squad-sets.js';
import { parseQuestionSet } from '../../../src/quality/evaluate.js';
import { Library } from '../../../src/core/search/library.js';
import type { QueryTerm } from '../../../src/core/search/types.js';
import { terms } from '../../../src/core/text/analyzer.js';
import { referenceSentenceIndex, referenceSentenceSearch } from './reference-index.js';

const SAMPLE = fileURLToPath(new URL('../../../eval/squad', import.meta.url));

const harbours = parseArticle(
  [
    '---\ntitle: Harbours\n---\n',
    '# Harbour technology in 1973\n',
    'Harbour technologies improved in 1973. It was this. Technological change followed, and 12 firms built cranes.\n',
    'The technology of 12-volt cranes spread. Cranes, cranes and more cranes.\n',
    '# Markets\n',
    'Markets for technology grew. Tech firms sold 1973 models and 12 kinds of cranes in Rotterdam.\n',
  ].join('\n'),
  'content/harbours.md',
);
const ports = parseArticle(
  '---\ntitle: Ports\n---\n\nThe port of Rotterdam bought crane technology in 1973. Technicians serviced the cranes; it was this.\n\nMarkets, markets and markets.\n',
  'content/ports.md',
);

describe('sentence search', () => {
  const library = new Library([harbours, ports]);
  const index = referenceSentenceIndex(library);
  const typed = (word: string, weight = 1) => library.typed(terms(word)[0]!, weight);
  const cases: [string, QueryTerm[]][] = [
    ['one word', [typed('cranes')]],
    ['words reached by prefix, one also typed', [typed('tech'), typed('technology', 1.5)]],
    ['numbers, listed as MiniSearch lists them', [typed('markets', 1.5), typed('1973', 0.6), typed('12', 0.6)]],
    ['a word in the headings and in the text', [typed('markets', 0.6), typed('harbour')]],
    ['a misspelt word, matched by typo', [typed('Roterdam'), typed('cranes', 0.5)]],
    ['the same word twice, at two weights', [typed('cranes', 0.5), typed('port'), typed('cranes', 2)]],
  ];

  it('has cases that reach words by prefix and typo, and match in headings', () => {
    expect(cases[4]![1][0]!.fuzzy).toBe(true);
    expect(new Set(library.search(cases[4]![1]).flatMap((h) => h.docTerms))).toContain('rotterdam');
    expect(new Set(library.search(cases[1]![1]).flatMap((h) => h.docTerms))).toEqual(new Set(terms('tech technology technologies technological technicians')));
  });

  for (const [name, query] of cases) {
    it(`is MiniSearch's: ${name}`, () => {
      for (const articleIndex of [undefined, 0, 1]) {
        const want = referenceSentenceSearch(index, library, query, articleIndex);
        if (articleIndex === undefined) expect(want.length).toBeGreaterThan(1);
        expect(library.search(query, articleIndex)).toEqual(want);
      }
    });
  }

  it("keeps a search's hits as they were through later searches, though hits share their lists of words", () => {
    const query = [typed('tech'), typed('cranes', 0.5)];
    const first = library.search(query);
    const copy = JSON.parse(JSON.stringify(first)) as unknown;
    // Units reaching the same words share one list.
    const lists = new Set(first.map((h) => h.docTerms));
    expect(lists.size).toBeLessThan(first.length);
    library.search([typed('markets'), typed('technology'), typed('cranes')]);
    library.searchParagraphs(query, library.search(query));
    expect(first).toEqual(copy);
    expect(library.search(query)).toEqual(copy);
  });

  it("is MiniSearch's for every question of the committed SQuAD sample", () => {
    const names = squadArticles(SAMPLE);
    expect(names.length).toBeGreaterThanOrEqual(6);
    let compared = 0;
    for (const name of names) {
      const lib = new Library(loadArticles(join(SAMPLE, name)));
      const answerer = new Answerer(lib);
      const reference = referenceSentenceIndex(lib);
      for (const file of [`${name}.jsonl`, `${name}.impossible.jsonl`].map((f) => join(SAMPLE, f)).filter(existsSync)) {
        for (const { question } of parseQuestionSet(readFileSync(file, 'utf8'), file)) {
          const parsed = parseQuestion(question);
          if (parsed.terms.length === 0) continue;
          const { own } = answerer.assess(question, parsed, undefined);
          const got = lib.search(own);
          const want = referenceSentenceSearch(reference, lib, own);
          if (JSON.stringify(got) !== JSON.stringify(want)) expect({ question, got }).toEqual({ question, got: want });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
