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

/** A unit's score so far, and the words that brought it. */
interface Tally {
  score: number;
  /** The index's words matched, in the order MiniSearch records them. */
  docTerms: string[];
  /** The query's words matched, in query order. */
  queryTerms: string[];
}

/** Units (sentences with the neighbour they lean on) with their text and section heading, searchable. */
export class SentenceIndex {
  private readonly text = new Field();
  private readonly section = new Field();
  /** Every word of the index, inserted in the order MiniSearch inserts them, so that prefix and typo matches come in its order. */
  private readonly vocabulary = new SearchableMap<true>();
  /** The vocabulary sorted, made on first use. */
  private sorted: string[] | undefined;
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
   * OR search returns them. `withSection`: whether headings are searched.
   */
  search(query: readonly TermQuery[], withSection: boolean, range?: IdRange): Hit[] {
    // Word by word, as MiniSearch adds them up: a word's own matches, then its longer forms, then
    // its typos, each field in turn; then the word's total into the unit's.
    const totals = new Map<number, Tally>();
    for (const q of query) {
      if (q.term === '') continue;
      const own = new Map<number, Tally>();
      this.match(q.term, q.term, 1, q.boost, withSection, range, own);
      const typos = q.fuzzy > 0 ? this.vocabulary.fuzzyGet(q.term, q.fuzzy) : undefined;
      // Walking the tree for longer words costs more than looking them up: only when there are some.
      if (q.prefix && this.hasLonger(q.term)) {
        for (const term of this.vocabulary.atPrefix(q.term).keys()) {
          const distance = term.length - q.term.length;
          if (distance === 0) continue;
          typos?.delete(term);
          this.match(q.term, term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), q.boost, withSection, range, own);
        }
      }
      if (typos) {
        for (const [term, [, distance]] of typos) {
          if (distance === 0) continue;
          this.match(q.term, term, (FUZZY_WEIGHT * term.length) / (term.length + distance), q.boost, withSection, range, own);
        }
      }
      for (const [id, t] of own) {
        const total = totals.get(id);
        if (total === undefined) {
          totals.set(id, t);
          continue;
        }
        total.score = total.score + t.score;
        for (const d of t.docTerms) if (!total.docTerms.includes(d)) total.docTerms.push(d);
        if (!total.queryTerms.includes(q.term)) total.queryTerms.push(q.term);
      }
    }
    const out: Hit[] = [];
    // MiniSearch multiplies an OR search's score by the number of query words matched.
    for (const [id, t] of totals) out.push({ sentenceId: id, score: t.score * t.queryTerms.length, docTerms: inKeyOrder(t.docTerms), queryTerms: t.queryTerms });
    return out.sort((x, y) => y.score - x.score);
  }

  /** Adds the matches of the index's word `term`, reached from the query's `source` at `weight`, to `into`. */
  private match(source: string, term: string, weight: number, boost: number, withSection: boolean, range: IdRange | undefined, into: Map<number, Tally>): void {
    const { ids, scores } = this;
    ids.length = 0;
    scores.length = 0;
    const base = weight * boost;
    this.text.scores(term, base, range, ids, scores);
    if (withSection) this.section.scores(term, base * this.sectionBoost, range, ids, scores);
    for (let i = 0; i < ids.length; i++) {
      const t = into.get(ids[i]!);
      if (t === undefined) into.set(ids[i]!, { score: scores[i]!, docTerms: [term], queryTerms: [source] });
      else {
        t.score += scores[i]!;
        if (t.docTerms[t.docTerms.length - 1] !== term) t.docTerms.push(term);
      }
    }
  }
}
