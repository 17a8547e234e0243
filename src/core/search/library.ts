/**
 * The searchable library: every sentence of every article in one index searched as MiniSearch
 * searches (`SentenceIndex`), its paragraphs scored alike (`ParagraphScores`), with the document
 * frequencies and vocabulary that ranking and abstention need.
 */
import type { Article, Paragraph } from '../articles/content.js';
import type { Range } from '../types.js';
import { Expansions, findAcronymDefinitions, generalExpansions } from '../lexicon/expansions.js';
import { ParagraphScores } from './paragraph-scores.js';
import type { Hit, QueryTerm, SentenceRef } from './types.js';
import { analyzeSentence, distinctOf, wholeSentences } from './sentence-features.js';
import type { IdRange } from './postings.js';
import { PREFIX_WEIGHT, SentenceIndex } from './sentence-index.js';
import { terms } from '../text/analyzer.js';
import { appended, type Numbering } from './numbering.js';
import { decadeYearsOf, hasPrefixIn, relatedFormsOf, transpositionsOf } from './word-forms.js';

/** Weight of a word reached by prefix or typo, as MiniSearch's default for a prefix match. */
const LOOSE_MATCH_WEIGHT = PREFIX_WEIGHT;
/** Weight of a match in the section heading relative to one in the text. */
const SECTION_BOOST = 0.5;

/**
 * Articles, sentences and the index over them. Built once; read-only afterwards. A library with
 * one more article (`withArticle`) is built from this one, analysing and indexing only that
 * article, and is as a library built from scratch on all the articles would be.
 */
export class Library {
  readonly sentences: SentenceRef[];
  readonly expansions: Expansions;
  /** Every paragraph of every article, by library-wide paragraph id. */
  readonly paragraphRefs: { articleIndex: number; paragraphIndex: number; firstSentence: number; lastSentence: number }[];
  /**
   * The last search's hits and how many of the library's words they matched in all: the paragraph
   * scores of the same search, which come right after it, stop reading hits once all are seen.
   * (A `WeakMap` by hits cost about 1 % of an answer to fill.)
   */
  private lastSearch: { hits: readonly Hit[]; reached: number } | undefined;
  /** The sentences (as the units they are shown as) and their headings, searchable. */
  private readonly index: SentenceIndex;
  /** The same terms scored per paragraph: a question often draws on several of its sentences. */
  private readonly paragraphScores: ParagraphScores;
  /** Term and word ids, shared with the libraries extended from this one. */
  private readonly numbering: Numbering;
  /** By term id, the number of sentences holding the term (or under a heading holding it). */
  private readonly docFreq: number[];
  /** How many terms and words this library has: the ids below these. */
  private readonly terms: number;
  private readonly words: number;
  /** Where each sentence's terms are in it: start and end offsets, two per term, sentence after sentence. */
  private readonly termOffsets: Int32Array;
  /**
   * Every sentence's terms as term ids (`termId`) in text order, sentence after sentence, so that
   * sentence `id`'s unit is the ids from `unitStart(id)` to `unitEnd(id)`: the ranking's
   * word-by-word passes read them in place (a view per unit would cost more than the pass).
   */
  readonly unitTermIds: Int32Array;
  /**
   * The words the terms of `unitTermIds` were written as (folded, not stemmed), as word ids
   * (`wordId`), one for one: for the question's words found as written.
   */
  readonly unitWordIds: Int32Array;
  /**
   * Each sentence's paragraph id (`sentences[id].pid`), packed: passes over ten thousand hits
   * read it without reaching for each sentence's object.
   */
  readonly pidOf: Int32Array;
  /** Where each sentence's ids begin in `unitTermIds`, by sentence id (and where the last one ends). */
  private readonly termIdsAt: Int32Array;
  /** Where each sentence's offsets begin in `termOffsets`, by sentence id. */
  private readonly termOffsetsAt: Int32Array;
  /** The library-wide id of each article's first paragraph. */
  private readonly firstParagraphOf: number[];
  /** The id of each article's first sentence. */
  private readonly firstSentenceOf: number[];
  /** Whether headings are worth searching: some article has them. */
  private readonly withSection: boolean;

  /**
   * `base`, when given, is a library of the first of `articles` to build on (`withArticle`): its
   * articles are not analysed again. It must be the newest library built on it.
   */
  constructor(
    readonly articles: readonly Article[],
    base?: Library,
  ) {
    if (base && (base.articles.length > articles.length || base.articles.some((a, i) => a !== articles[i]))) {
      throw new Error('Library: the base library must hold the first of the articles, the same objects in the same order.');
    }
    if (base && !base.extensible) throw new Error('Library: a library was already built on the base; build on the newest one.');
    this.sentences = base ? base.sentences.slice() : [];
    this.paragraphRefs = base ? base.paragraphRefs.slice() : [];
    this.firstParagraphOf = base ? base.firstParagraphOf.slice() : [];
    this.firstSentenceOf = base ? base.firstSentenceOf.slice() : [];
    this.docFreq = base ? base.docFreq.slice() : [];
    this.numbering = base ? base.numbering : { termIds: new Map(), termOfId: [], lastCounted: [], wordIds: new Map(), nameSince: new Map() };
    this.index = new SentenceIndex(SECTION_BOOST, base?.index);
    this.paragraphScores = new ParagraphScores(SECTION_BOOST, base?.paragraphScores);
    const added = articles.slice(base?.articles.length ?? 0);
    // The base's expansions, copied once an added article defines an acronym: the base's are never changed once built.
    let expansions = base ? base.expansions : generalExpansions().clone();
    let ownExpansions = !base;
    let withSection = base?.withSection ?? false;
    const offsets: number[] = [];
    const offsetsAt: number[] = [];
    const ids: number[] = [];
    const words: number[] = [];
    const idsAt: number[] = [];
    // Positions in the arrays are library-wide: after the base's.
    const idsBase = base ? base.unitTermIds.length : 0;
    const offsetsBase = base ? base.termOffsets.length : 0;
    const firstArticle = base?.articles.length ?? 0;
    added.forEach((article, k) => {
      const a = firstArticle + k;
      this.firstParagraphOf.push(this.paragraphRefs.length);
      this.firstSentenceOf.push(this.sentences.length);
      for (const p of article.paragraphs) {
        const section = p.section ? terms(p.section) : [];
        for (const [short, long] of findAcronymDefinitions(p.text)) {
          const s = terms(short);
          if (s.length !== 1) continue;
          if (!ownExpansions) [expansions, ownExpansions] = [expansions.clone(), true];
          expansions.linkLongForm(s[0]!, terms(long));
        }
        const firstId = this.sentences.length;
        const pid = this.paragraphRefs.length;
        const analyzed = p.sentences.map((span) => analyzeSentence(p.text.slice(span.start, span.end)));
        this.paragraphRefs.push({ articleIndex: a, paragraphIndex: p.number - 1, firstSentence: firstId, lastSentence: firstId + analyzed.length - 1 });
        const paragraphTerms = analyzed.map((x) => x.terms);
        this.paragraphScores.add(paragraphTerms, section);
        if (section.length > 0) withSection = true;
        analyzed.forEach((sentence, s) => {
          const id = firstId + s;
          // A sentence that leans on a neighbour is indexed and shown with it, so its score
          // counts the words of the excerpt a reader actually gets.
          let unit = { first: id, last: id };
          if (!sentence.standsAlone && analyzed.length > 1) unit = s > 0 ? { first: id - 1, last: id } : { first: id, last: id + 1 };
          const parts = analyzed.slice(unit.first - firstId, unit.last - firstId + 1);
          for (const n of sentence.names) if (!this.numbering.nameSince.has(n)) this.numbering.nameSince.set(n, id);
          const names = distinctOf(parts, (x) => x.names);
          const quantities = distinctOf(parts, (x) => x.quantities);
          const reasons = distinctOf(parts, (x) => x.reasons);
          const times = distinctOf(parts, (x) => x.times);
          this.sentences.push({ id, articleIndex: a, paragraphIndex: p.number - 1, sentence: s, paragraphId: pid, unit, names, quantities, reasons, times });
          this.index.add(parts.length === 1 ? sentence.terms : parts.flatMap((x) => x.terms), section);
          idsAt.push(idsBase + ids.length);
          this.countTerms(id, sentence.terms, section, ids);
          for (const w of sentence.words) words.push(this.wordIdOf(w));
          offsetsAt.push(offsetsBase + offsets.length);
          for (const o of sentence.offsets) offsets.push(o);
        });
      }
    });
    idsAt.push(idsBase + ids.length);
    this.termOffsets = appended(base?.termOffsets, offsets);
    this.termOffsetsAt = appended(base?.termOffsetsAt, offsetsAt);
    // The base's last entry is where its last sentence ends: where the first added one begins
    // (written again, the same value, in the base's buffer).
    this.termIdsAt = appended(base?.termIdsAt.subarray(0, -1), idsAt);
    this.unitTermIds = appended(base?.unitTermIds, ids);
    this.unitWordIds = appended(base?.unitWordIds, words);
    const addedPids = this.sentences.slice(base?.sentences.length ?? 0).map((s) => s.paragraphId);
    this.pidOf = appended(base?.pidOf, addedPids);
    this.terms = this.numbering.termOfId.length;
    this.words = this.numbering.wordIds.size;
    this.withSection = withSection;
    this.expansions = expansions;
  }

  /**
   * This library with `article` added after its articles: only `article` is analysed and indexed,
   * and the result is what `new Library([...articles, article])` would be (the same sentence ids,
   * scores and counts). This library is left as it was and keeps answering; a library built on it
   * before is not, so this is built from scratch when this is not the newest built on its base.
   */
  withArticle(article: Article): Library {
    const articles = [...this.articles, article];
    return this.extensible ? new Library(articles, this) : new Library(articles);
  }

  /** Whether no library has been built on this one yet: only then can one be, sharing its numbering and postings. */
  private get extensible(): boolean {
    return (
      this.numbering.termOfId.length === this.terms && this.numbering.wordIds.size === this.words && this.index.extensible && this.paragraphScores.extensible
    );
  }

  /** Counts the terms of sentence `id` and its heading, each once, as sentences come in order; appends the ids of the sentence's terms to `ids`. */
  private countTerms(id: number, terms: readonly string[], section: readonly string[], ids: number[]): void {
    for (const t of terms) ids.push(this.countTerm(id, t));
    for (const t of section) this.countTerm(id, t);
  }

  /** The id of the content word `word`, numbered on first sight. */
  private wordIdOf(word: string): number {
    const { wordIds } = this.numbering;
    let id = wordIds.get(word);
    if (id === undefined) wordIds.set(word, (id = wordIds.size));
    return id;
  }

  /** Counts `term` once for sentence `id`; its term id. */
  private countTerm(id: number, term: string): number {
    const { termIds, termOfId, lastCounted } = this.numbering;
    const termId = termIds.get(term);
    if (termId === undefined) {
      const made = termOfId.length;
      termIds.set(term, made);
      termOfId.push(term);
      lastCounted.push(id);
      this.docFreq.push(1);
      return made;
    }
    if (lastCounted[termId] !== id) {
      this.docFreq[termId]!++;
      lastCounted[termId] = id;
    }
    return termId;
  }

  /** The number of sentences holding `term` (or under a heading holding it); 0 for a term not in the library. */
  private sentencesWith(term: string): number {
    const id = this.termId(term);
    return id < 0 ? 0 : this.docFreq[id]!;
  }

  /** The id of the content word `word` (folded, not stemmed) in `unitWordIds`, or -1 when no unit holds it. */
  wordId(word: string): number {
    const id = this.numbering.wordIds.get(word);
    return id === undefined || id >= this.words ? -1 : id;
  }

  /** Where sentence `id`'s unit begins in `unitTermIds`. */
  unitStart(id: number): number {
    return this.termIdsAt[this.sentences[id]!.unit.first]!;
  }

  /** Where sentence `id`'s unit ends (excluded) in `unitTermIds`. */
  unitEnd(id: number): number {
    return this.termIdsAt[this.sentences[id]!.unit.last + 1]!;
  }

  /** The id of `term` in `unitTermIds`, or -1 when no unit holds it. */
  termId(term: string): number {
    const id = this.numbering.termIds.get(term);
    return id === undefined || id >= this.terms ? -1 : id;
  }

  /** The term whose id is `id`. */
  termOf(id: number): string {
    return this.numbering.termOfId[id]!;
  }

  /** How many term ids there are: every id is below it. */
  get termCount(): number {
    return this.terms;
  }

  /** Number of indexed sentences. */
  get size(): number {
    return this.sentences.length;
  }

  /** Whether `term` occurs in the library. */
  has(term: string): boolean {
    return this.termId(term) >= 0;
  }

  /** The library's terms `term` would be with two neighbouring letters swapped back (see `transpositionsOf`). */
  transpositions(term: string): string[] {
    return transpositionsOf(this, term);
  }

  /** Whether some term of the library starts with `prefix` (binary search over the sorted vocabulary). */
  hasPrefix(prefix: string): boolean {
    return hasPrefixIn(this.index, prefix);
  }

  /** Other forms of a word the stemmer keeps apart (see `relatedFormsOf`). */
  relatedForms(term: string): string[] {
    return relatedFormsOf(this.index, term);
  }

  /** The years of the library in a decade asked as "1880s" (see `decadeYearsOf`). */
  decadeYears(term: string): string[] {
    return decadeYearsOf(this.index, term);
  }

  /** Whether `term` is written as a name somewhere in the library (capitalized mid-sentence, acronym). */
  isName(term: string): boolean {
    return (this.numbering.nameSince.get(term) ?? Infinity) < this.sentences.length;
  }

  /**
   * Whether `term` is so frequent in a large library that its longer forms add nothing but work
   * ("state" in two centuries of addresses): in more than 50 units and `share` of them (2 %).
   */
  isCommon(term: string, share = 0.02): boolean {
    const df = this.sentencesWith(term);
    return df > 50 && df > this.sentences.length * share;
  }

  /**
   * Whether `term` is as good as a stop word in this library: in more than 200 units and a tenth
   * of them ("year" in State of the Union addresses). It barely ranks, and searching it costs.
   * Never true of a single article.
   */
  isUbiquitous(term: string): boolean {
    const df = this.sentencesWith(term);
    return df > 200 && df > this.sentences.length * 0.1;
  }

  /** Inverse document frequency of a term; unknown terms get the highest value. */
  idf(term: string): number {
    const df = this.sentencesWith(term);
    return Math.log(1 + (this.sentences.length + 1) / (df + 0.5));
  }

  /**
   * Ranges of the words of `text.slice(start, end)` of a paragraph whose term is in `terms`,
   * relative to `start`, from the offsets kept at indexing: what analyzing the slice again would
   * give when it is whole sentences with no word running across their edges; `undefined` otherwise.
   */
  termRanges(articleIndex: number, paragraphIndex: number, start: number, end: number, terms: ReadonlySet<string>): Range[] | undefined {
    const paragraph = this.articles[articleIndex]!.paragraphs[paragraphIndex]!;
    const spans = paragraph.sentences;
    const whole = wholeSentences(paragraph, start, end);
    if (!whole) return undefined;
    const { first, last } = whole;
    const firstId = this.paragraphRefs[this.firstParagraphOf[articleIndex]! + paragraphIndex]!.firstSentence;
    const out: Range[] = [];
    for (let k = first; k <= last; k++) {
      const base = spans[k]!.start - start;
      let at = this.termOffsetsAt[firstId + k]!;
      for (let i = this.termIdsAt[firstId + k]!; i < this.termIdsAt[firstId + k + 1]!; i++) {
        if (terms.has(this.numbering.termOfId[this.unitTermIds[i]!]!)) out.push({ start: base + this.termOffsets[at]!, end: base + this.termOffsets[at + 1]! });
        at += 2;
      }
    }
    return out;
  }

  /** The paragraph a sentence belongs to. */
  paragraphOf(ref: SentenceRef): Paragraph {
    return this.articles[ref.articleIndex]!.paragraphs[ref.paragraphIndex]!;
  }

  /**
   * A word as typed: prefix matches allowed ("tech" finds "technology"); typo matches only for a
   * word of six letters or more that the library has in no form ("samsun" finds "samsung").
   */
  typed(term: string, weight = 1, hasEquivalent = false): QueryTerm {
    const fuzzy = term.length >= 6 && !hasEquivalent && !this.has(term) && !this.hasPrefix(term);
    return { term, weight, source: term, prefix: true, fuzzy };
  }

  /** Ranks sentences for the weighted query terms, restricted to one article when given. */
  search(query: readonly QueryTerm[], articleIndex?: number): Hit[] {
    const range =
      articleIndex === undefined
        ? undefined
        : { from: this.firstSentenceOf[articleIndex]!, to: this.firstSentenceOf[articleIndex + 1] ?? this.sentences.length };
    return this.searchIndex(query, range);
  }

  /**
   * Scores paragraphs (by library-wide id) for the weighted query terms, restricted to one article
   * when given. `found`, the sentence search for the same query, tells which words of the library
   * the query reached (by prefix and typo too): the paragraphs are scored for exactly those, a
   * word reached loosely at MiniSearch's weight for a prefix match, without walking the index again.
   */
  searchParagraphs(query: readonly QueryTerm[], found: readonly Hit[], articleIndex?: number): Map<number, Hit> {
    const byTerm = new Map(query.map((q) => [q.term, q]));
    /** Library word → its weight, in the order the sentence hits bring them. */
    const weights = new Map<string, number>();
    /** Library word → the query word that reached it. */
    const origin = new Map<string, string>();
    const seen = new Set<string>();
    // Hits further down bring no word not seen yet once all the search reached are seen.
    const reached = this.lastSearch?.hits === found ? this.lastSearch.reached : Infinity;
    for (const h of found) {
      if (seen.size === reached) break;
      for (const d of h.docTerms) {
        if (seen.has(d)) continue;
        seen.add(d);
        const q = byTerm.get(d);
        if (q) {
          weights.set(d, q.weight);
          origin.set(d, d);
          continue;
        }
        // Reached loosely: by the longest query word it starts with, else by a typo of one.
        let source: QueryTerm | undefined;
        for (const t of h.queryTerms) {
          const c = byTerm.get(t);
          if (c && d.startsWith(t) && (!source || t.length > source.term.length)) source = c;
        }
        source ??= h.queryTerms.map((t) => byTerm.get(t)).find((c) => c !== undefined && !h.docTerms.includes(c.term));
        if (source) {
          weights.set(d, source.weight * LOOSE_MATCH_WEIGHT);
          origin.set(d, source.term);
        }
      }
    }
    const range =
      articleIndex === undefined
        ? undefined
        : { from: this.firstParagraphOf[articleIndex]!, to: this.firstParagraphOf[articleIndex + 1] ?? this.paragraphRefs.length };
    const scored = this.paragraphScores.score(weights, range, this.withSection);
    // As a sentence hit: `queryTerms` the query's own words, `docTerms` the library's.
    // The hits share their lists of words: each list is mapped once.
    const ownOf = new Map<readonly string[], string[]>();
    const out = new Map<number, Hit>();
    for (const h of scored) {
      let own = ownOf.get(h.queryTerms);
      if (own === undefined) {
        own = [];
        for (const t of h.queryTerms) {
          const q = origin.get(t) ?? t;
          if (!own.includes(q)) own.push(q);
        }
        ownOf.set(h.queryTerms, own);
      }
      h.queryTerms = own;
      out.set(h.id, h);
    }
    return out;
  }

  private searchIndex(query: readonly QueryTerm[], range?: IdRange): Hit[] {
    // One search word per term, at the highest weight asked of it.
    const weights = new Map<string, QueryTerm>();
    for (const q of query) {
      const prev = weights.get(q.term);
      if (!prev || prev.weight < q.weight) weights.set(q.term, q);
    }
    const specs = [...weights.values()].map((q) => ({
      term: q.term,
      boost: q.weight,
      prefix: q.prefix && q.term.length >= 4 && !this.isCommon(q.term),
      // Typos: only words the library does not have are matched loosely.
      fuzzy: q.fuzzy ? (q.term.length >= 7 ? 2 : 1) : 0,
    }));
    const reached = new Set<string>();
    const hits = this.index.search(specs, this.withSection, range, reached);
    this.lastSearch = { hits, reached: reached.size };
    return hits;
  }
}
