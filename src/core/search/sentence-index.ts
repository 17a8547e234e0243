/**
 * The sentence search: what MiniSearch 7.2's `search` returns for an OR query with per-term
 * boosts, prefix and typo matches, computed from postings kept in plain arrays (`postings.ts`) and
 * MiniSearch's own radix tree (`SearchableMap`) of the vocabulary for the prefixes and typos. The
 * same hits, scores to the last bit and terms in the same order, for a fraction of the time: the
 * ranking model was fitted on MiniSearch's scores, and `tests/core/search/sentence-index.test.ts` compares
 * the two on every question of the committed SQuAD sample.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Hit } from './types.js';
import { FieldIndex, type IdRange } from './postings.js';

/** MiniSearch's default weights of a word reached by prefix and by typo. */
export const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** One word of a query, as MiniSearch's query specs have it. */
export interface TermQuery {
  term: string;
  /** The word's weight (MiniSearch's `boostTerm`). */
  boost: number;
  /** Whether longer words starting with it match too. */
  prefix: boolean;
  /** The edit distance of typo matches allowed; 0 for none. */
  fuzzy: number;
}

/** Units (sentences with the neighbour they lean on) with their text and section heading, searchable. */
export class SentenceIndex extends FieldIndex {
  /** Every word of the index, inserted in the order MiniSearch inserts them, so that prefix and typo matches come in its order. */
  private readonly vocabulary = new SearchableMap<true>();
  /** The vocabulary sorted, made on first use. */
  private sorted: string[] | undefined;

  /** Adds the next unit (ids count from 0): its terms and its heading's. */
  add(terms: readonly string[], section: readonly string[]): void {
    // A word new to the vocabulary is new to both fields: their maps are asked first, as cheaper than the tree.
    for (const list of [terms, section]) {
      for (const t of list) if (!this.text.has(t) && !this.section.has(t) && !this.vocabulary.has(t)) this.vocabulary.set(t, true);
    }
    this.text.add([terms]);
    this.section.add([section]);
    this.sorted = undefined;
  }

  /** Every word of the index, sorted. */
  terms(): readonly string[] {
    return (this.sorted ??= [...this.vocabulary.keys()].sort());
  }

  /** The position in `terms()` of the first word at or after `key`. */
  firstAtOrAfter(key: string): number {
    const vocab = this.terms();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocab[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the index has a longer word than `term` starting with it. */
  private hasLonger(term: string): boolean {
    const vocab = this.terms();
    let at = this.firstAtOrAfter(term);
    if (vocab[at] === term) at++;
    return at < vocab.length && vocab[at]!.startsWith(term);
  }

  /**
   * The units (in `range`, when given) matching some word of `query`, best first, as MiniSearch's
   * OR search returns them. `withSection`: whether headings are searched. `reached`, when given,
   * receives the index's words matched: every word of the hits' `docTerms`.
   */
  search(query: readonly TermQuery[], withSection: boolean, range?: IdRange, reached?: Set<string>): Hit[] {
    const units = this.startSearch();
    for (const q of query) {
      if (q.term === '') continue;
      const matched = this.startWord();
      this.match(q.term, 1, q.boost, withSection, range, matched, reached);
      const typos = q.fuzzy > 0 ? this.vocabulary.fuzzyGet(q.term, q.fuzzy) : undefined;
      // Walking the tree for longer words costs more than looking them up: only when there are some.
      if (q.prefix && this.hasLonger(q.term)) {
        for (const term of this.vocabulary.atPrefix(q.term).keys()) {
          const distance = term.length - q.term.length;
          if (distance === 0) continue;
          typos?.delete(term);
          this.match(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), q.boost, withSection, range, matched, reached);
        }
      }
      if (typos) {
        for (const [term, [, distance]] of typos) {
          if (distance === 0) continue;
          this.match(term, (FUZZY_WEIGHT * term.length) / (term.length + distance), q.boost, withSection, range, matched, reached);
        }
      }
      this.addUp(q.term, matched, units);
    }
    return this.hits(units).sort((x, y) => y.score - x.score);
  }
}
