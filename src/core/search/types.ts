/**
 * The search room's plain data: an indexed sentence, a weighted query term, a scored hit.
 * Names say which numbering a value is in: `articleIndex` and `paragraphIndex` are 0-based
 * positions (in the library, in the article), `paragraphId` and sentence ids count across the
 * whole library, and `paragraph` / `number` (as in `Citation.paragraph`, ¶3) is 1-based, as readers see it.
 */

/** One indexed sentence: where it sits, as offsets into its paragraph. */
export interface SentenceRef {
  id: number;
  articleIndex: number;
  /** Index into `article.paragraphs` (0-based). */
  paragraphIndex: number;
  /** Index into `paragraph.sentences`. */
  sentence: number;
  /** The paragraph's id across the library (index into `Library.paragraphRefs`). */
  paragraphId: number;
  /**
   * The excerpt this sentence is shown (and indexed) as: itself, or with the neighbour it leans
   * on ("It is therefore …" with the sentence before). Sentence ids, inclusive.
   */
  unit: { first: number; last: number };
  /** Terms of the names in the unit (capitalized mid-sentence words, acronyms, numbers). */
  names: string[];
  /** Terms of the quantities in the unit: numbers in digits or words, percentages. */
  quantities: string[];
  /** Words in the unit that give a reason ("because", "therefore", "due"). */
  reasons: string[];
  /** Terms in the unit that place it in time: years, decades, months, centuries. */
  times: string[];
}

/** A term of a query with its weight. `source` is the question term it stands for. */
export interface QueryTerm {
  term: string;
  weight: number;
  source: string;
  /** Allow prefix matches (typed words, not expansions). */
  prefix: boolean;
  /** Allow typo matches: only for typed words the library lacks in every form. */
  fuzzy?: boolean;
  /** A WordNet related word of `source`, not the word itself nor an equivalent. */
  related?: boolean;
}

/** One scored unit of a search: a sentence of the sentence index, or a paragraph of the paragraph index. */
export interface Hit {
  /** The unit's id: a sentence id (index into `Library.sentences`) for a sentence search, a paragraph id (index into `Library.paragraphRefs`) for a paragraph search. */
  id: number;
  score: number;
  /** Document terms that matched (for highlighting). Shared between hits: never changed in place. */
  docTerms: readonly string[];
  /** Query terms that matched. Shared between hits: never changed in place. */
  queryTerms: readonly string[];
}
