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
