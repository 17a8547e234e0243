/**
 * The searchable library: every sentence of every article in one MiniSearch index, with the
 * document frequencies and vocabulary that ranking and abstention need.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Article, Paragraph } from './content.js';
import { Expansions, findAcronymDefinitions, generalExpansions } from './lexicon/expansions.js';
import { analyze, terms } from './text/analyzer.js';
import { standsAlone } from './text/standalone.js';

/** One indexed sentence: where it sits, as offsets into its paragraph. */
export interface SentenceRef {
  id: number;
  article: number;
  /** Index into `article.paragraphs` (0-based). */
  paragraph: number;
  /** Index into `paragraph.sentences`. */
  sentence: number;
  /**
   * The excerpt this sentence is shown (and indexed) as: itself, or with the neighbour it leans
   * on ("It is therefore …" with the sentence before). Sentence ids, inclusive.
   */
  unit: { first: number; last: number };
  /** Terms of the names in the unit (capitalized mid-sentence words, acronyms, numbers). */
  names: string[];
}

/** A term of a query with its weight. `source` is the question term it stands for. */
export interface QueryTerm {
  term: string;
  weight: number;
  source: string;
  /** Allow prefix matches (typed words, not expansions). */
  prefix: boolean;
}

/** One ranked sentence. */
export interface Hit {
  sentenceId: number;
  score: number;
  /** Document terms that matched (for highlighting). */
  docTerms: string[];
  /** Query terms that matched. */
  queryTerms: string[];
}

/** Articles, sentences and the index over them. Built once; read-only afterwards. */
export class Library {
  readonly sentences: SentenceRef[] = [];
  readonly expansions: Expansions;
  private readonly index: MiniSearch<{ id: number; text: string }>;
  private readonly docFreq = new Map<string, number>();
  private readonly nameTerms = new Set<string>();

  constructor(readonly articles: readonly Article[]) {
    this.expansions = generalExpansions().clone();
    this.index = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      idField: 'id',
      tokenize: (text) => terms(text),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
    });
    const docs: Array<{ id: number; text: string }> = [];
    articles.forEach((article, a) => {
      for (const p of article.paragraphs) {
        for (const [short, long] of findAcronymDefinitions(p.text)) {
          const s = terms(short);
          if (s.length === 1) this.expansions.linkLongForm(s[0]!, terms(long));
        }
        const firstId = this.sentences.length;
        p.sentences.forEach((span, s) => {
          const id = firstId + s;
          const text = p.text.slice(span.start, span.end);
          // A sentence that leans on a neighbour is indexed and shown with it, so its score
          // counts the words of the excerpt a reader actually gets.
          let unit = { first: id, last: id };
          if (!standsAlone(text) && p.sentences.length > 1) unit = s > 0 ? { first: id - 1, last: id } : { first: id, last: id + 1 };
          const from = p.sentences[unit.first - firstId]!.start;
          const to = p.sentences[unit.last - firstId]!.end;
          const unitText = p.text.slice(from, to);
          const names = nameTerms(unitText);
          for (const n of names) this.nameTerms.add(n);
          this.sentences.push({ id, article: a, paragraph: p.number - 1, sentence: s, unit, names });
          docs.push({ id, text: unitText });
          for (const t of new Set(terms(text))) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1);
        });
      }
    });
    this.index.addAll(docs);
  }

  /** Number of indexed sentences. */
  get size(): number {
    return this.sentences.length;
  }

  /** Whether `term` occurs in the library. */
  has(term: string): boolean {
    return this.docFreq.has(term);
  }

  /** Whether `term` is written as a name somewhere in the library (capitalized mid-sentence, acronym). */
  isName(term: string): boolean {
    return this.nameTerms.has(term);
  }

  /** Inverse document frequency of a term; unknown terms get the highest value. */
  idf(term: string): number {
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (this.sentences.length + 1) / (df + 0.5));
  }

  /** The paragraph a sentence belongs to. */
  paragraphOf(ref: SentenceRef): Paragraph {
    return this.articles[ref.article]!.paragraphs[ref.paragraph]!;
  }

  /** Ranks sentences for the weighted query terms, restricted to one article when given. */
  search(query: readonly QueryTerm[], articleIndex?: number): Hit[] {
    if (query.length === 0) return [];
    const weights = new Map<string, QueryTerm>();
    for (const q of query) {
      const prev = weights.get(q.term);
      if (!prev || prev.weight < q.weight) weights.set(q.term, q);
    }
    const results: SearchResult[] = this.index.search([...weights.keys()].join(' '), {
      combineWith: 'OR',
      boostTerm: (term) => weights.get(term)?.weight ?? 1,
      prefix: (term) => (weights.get(term)?.prefix ?? false) && term.length >= 4,
      // Typos: only words the library does not have are matched loosely.
      fuzzy: (term) => (weights.get(term)?.prefix && !this.has(term) && term.length >= 5 ? (term.length >= 6 ? 2 : 1) : false),
      ...(articleIndex === undefined ? {} : { filter: (r) => this.sentences[r.id as number]!.article === articleIndex }),
    });
    return results.map((r) => ({
      sentenceId: r.id as number,
      score: r.score,
      docTerms: r.terms,
      queryTerms: r.queryTerms,
    }));
  }
}

/** Terms of the names in `text`: capitalized words not opening a sentence, acronyms, numbers. */
function nameTerms(text: string): string[] {
  const out = new Set<string>();
  const tokens = analyze(text);
  tokens.forEach((t, i) => {
    if (t.term === null) return;
    const before = i === 0 ? '' : text.slice(tokens[i - 1]!.end, t.start);
    const opensSentence = i === 0 || /[.!?]["'”’)]*\s+$/.test(before);
    if ((/^\p{Lu}/u.test(t.raw) && !opensSentence) || /^[\p{Lu}\d]{2,}$/u.test(t.raw)) out.add(t.term);
  });
  return [...out];
}
