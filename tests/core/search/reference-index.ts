/**
 * Real MiniSearch indexes built as the library once built them, for the tests that check the
 * library's own scoring (`SentenceIndex`, `ParagraphScores`) against MiniSearch's.
 */
import MiniSearch from 'minisearch';
import type { Library } from '../../../src/core/search/library.js';
import type { QueryTerm } from '../../../src/core/search/types.js';
import type { Hit } from '../../../src/core/search/types.js';
import { terms } from '../../../src/core/text/analyzer.js';

/** What the index holds for one unit: its analyzed terms, and its section heading's, joined by spaces. */
export interface IndexedUnit {
  id: number;
  text: string;
  section: string;
}

/** Weight of a match in a heading, as the library has it. */
const SECTION_BOOST = 0.5;

/** An index over documents that arrive analyzed (terms joined by spaces), as the library's was. */
export function analyzedIndex(): MiniSearch<IndexedUnit> {
  return new MiniSearch<IndexedUnit>({
    fields: ['text', 'section'],
    idField: 'id',
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term, boost: { section: SECTION_BOOST } },
  });
}

/** Whether some article of the library has headings (then they are searched). */
export function hasHeadings(library: Library): boolean {
  return library.articles.some((a) => a.paragraphs.some((p) => p.section));
}

/** A MiniSearch index over the library's sentences as the units they are shown as, with their headings. */
export function referenceSentenceIndex(library: Library): MiniSearch<IndexedUnit> {
  const index = analyzedIndex();
  for (const ref of library.sentences) {
    const section = library.paragraphOf(ref).section;
    const unit = Array.from(library.unitTermIds.subarray(library.unitStart(ref.id), library.unitEnd(ref.id)), (id) => library.termOf(id));
    index.add({ id: ref.id, text: unit.join(' '), section: section ? terms(section).join(' ') : '' });
  }
  return index;
}

/** MiniSearch's sentence hits for a query, with the options the library searched its index with. */
export function referenceSentenceSearch(index: MiniSearch<IndexedUnit>, library: Library, query: readonly QueryTerm[], articleIndex?: number): Hit[] {
  const weights = new Map<string, QueryTerm>();
  for (const q of query) {
    const prev = weights.get(q.term);
    if (!prev || prev.weight < q.weight) weights.set(q.term, q);
  }
  return index
    .search([...weights.keys()].join(' '), {
      combineWith: 'OR',
      fields: hasHeadings(library) ? ['text', 'section'] : ['text'],
      boostTerm: (term) => weights.get(term)?.weight ?? 1,
      prefix: (term) => (weights.get(term)?.prefix ?? false) && term.length >= 4 && !library.isCommon(term),
      fuzzy: (term) => (weights.get(term)?.fuzzy ? (term.length >= 7 ? 2 : 1) : false),
      ...(articleIndex === undefined ? {} : { filter: (r) => library.sentences[r.id as number]!.articleIndex === articleIndex }),
    })
    .map((r) => ({ id: r.id as number, score: r.score, docTerms: r.terms, queryTerms: r.queryTerms }));
}
