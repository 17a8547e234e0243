/**
 * The sentence search: what MiniSearch 7.2's `search` returns for an OR query with per-term
 * boosts, prefix and typo matches, computed from postings kept in plain arrays (`postings.ts`) and
 * MiniSearch's own radix tree (`SearchableMap`) of the vocabulary for the prefixes and typos. The
 * same hits, scores to the last bit and terms in the same order, for a fraction of the time: the
 * ranking model was fitted on MiniSearch's scores, and `tests/core/sentence-index.test.ts` compares
 * the two on every question of the committed SQuAD sample.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Hit } from './library.js';
import { Field, inKeyOrder, type IdRange } from './postings.js';

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
export class SentenceIndex {
  private readonly text = new Field();
  private readonly section = new Field();
  /** Every word of the index, inserted in the order MiniSearch inserts them, so that prefix and typo matches come in its order. */
  private readonly vocabulary = new SearchableMap<true>();
  /** The vocabulary sorted, made on first use. */
  private sorted: string[] | undefined;
  /** Each unit's score so far, its index words matched, its query words matched; by unit id, `undefined` between searches. */
  private total = new Float64Array(0);
  private docTermsOf: (string[] | undefined)[] = [];
  private queryTermsOf: (string[] | undefined)[] = [];
  /** The same for the query word being added up: its score, its index words. */
  private word = new Float64Array(0);
  private wordTermsOf: (string[] | undefined)[] = [];
  /** Scratch lists for one word's matches (a search runs to its end before another starts). */
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  /** `sectionBoost`: the weight of a match in the section heading relative to one in the text. */
  constructor(private readonly sectionBoost: number) {}

  /** Adds the next unit (ids count from 0): its terms and its heading's. */
  add(terms: readonly string[], section: readonly string[]): void {
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
    // Word by word, as MiniSearch adds them up: a word's own matches, then its longer forms, then
    // its typos, each field in turn; then the word's total into the unit's. The tallies are kept
    // by unit id in arrays reused from search to search (one runs to its end before another
    // starts), with the ids in the order MiniSearch's maps would list them.
    if (this.total.length < this.text.size) this.grow(this.text.size);
    const { total, docTermsOf, queryTermsOf, word, wordTermsOf } = this;
    const units: number[] = [];
    for (const q of query) {
      if (q.term === '') continue;
      const matched: number[] = [];
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
      for (const id of matched) {
        const terms = wordTermsOf[id]!;
        wordTermsOf[id] = undefined;
        const docTerms = docTermsOf[id];
        if (docTerms === undefined) {
          total[id] = word[id]!;
          docTermsOf[id] = terms;
          queryTermsOf[id] = [q.term];
          units.push(id);
          continue;
        }
        total[id] = total[id]! + word[id]!;
        for (const d of terms) if (!docTerms.includes(d)) docTerms.push(d);
        const queryTerms = queryTermsOf[id]!;
        if (!queryTerms.includes(q.term)) queryTerms.push(q.term);
      }
    }
    const out: Hit[] = [];
    for (const id of units) {
      const queryTerms = queryTermsOf[id]!;
      // MiniSearch multiplies an OR search's score by the number of query words matched.
      out.push({ sentenceId: id, score: total[id]! * queryTerms.length, docTerms: inKeyOrder(docTermsOf[id]!), queryTerms });
      docTermsOf[id] = undefined;
      queryTermsOf[id] = undefined;
    }
    return out.sort((x, y) => y.score - x.score);
  }

  /** Sizes the tallies for `n` units. */
  private grow(n: number): void {
    this.total = new Float64Array(n);
    this.word = new Float64Array(n);
    this.docTermsOf = new Array<string[] | undefined>(n);
    this.queryTermsOf = new Array<string[] | undefined>(n);
    this.wordTermsOf = new Array<string[] | undefined>(n);
  }

  /**
   * Adds the matches of the index's word `term`, at `weight` times the query word's `boost`, to
   * the query word's tallies (`word`, `wordTermsOf`), listing units new to them in `matched`.
   */
  private match(
    term: string,
    weight: number,
    boost: number,
    withSection: boolean,
    range: IdRange | undefined,
    matched: number[],
    reached: Set<string> | undefined,
  ): void {
    const { ids, scores, word, wordTermsOf } = this;
    ids.length = 0;
    scores.length = 0;
    const base = weight * boost;
    this.text.scores(term, base, range, ids, scores);
    if (withSection) this.section.scores(term, base * this.sectionBoost, range, ids, scores);
    if (ids.length > 0) reached?.add(term);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const terms = wordTermsOf[id];
      if (terms === undefined) {
        word[id] = scores[i]!;
        wordTermsOf[id] = [term];
        matched.push(id);
      } else {
        word[id] = word[id]! + scores[i]!;
        if (terms[terms.length - 1] !== term) terms.push(term);
      }
    }
  }
}
