/**
 * Which sentence answers: each candidate sentence is described by a few features — its own match,
 * its paragraph's and its neighbours', the share of the question's weight it holds, the question's
 * word pairs it holds, whether it brings what the question asks for (a name, a quantity, a reason)
 * — and scored by a linear model fitted on questions written by other people (`npm run calibrate`,
 * weights in `ranking-model.json`). Citations then show other paragraphs before more of the same one.
 */
import type { Library, QueryTerm } from '../search/library.js';
import type { Hit } from '../search/hit.js';
import model from './ranking-model.json' with { type: 'json' };

/** What a question asks for, read from its opening words. */
export type AnswerType = 'names' | 'quantities' | 'reasons';

/** Questions whose answer is a name. */
const ASKS_FOR_NAME =
  /^\s*(?:who|whom|whose|which|where|name)\b|^\s*what\s+(?:company|companies|firm|firms|country|countries|nation|nations|organi[sz]ations?|person|people|city|cities|brand|brands|group|groups|state|states|team|party|language)\b/i;
/** Questions whose answer is a quantity. */
const ASKS_FOR_QUANTITY =
  /^\s*(?:how\s+(?:many|much|long|old|far|big|large|often|fast)|what\s+(?:percentage|share|proportion|number|amount|year|years|size|date|decade|century|time)|when|in\s+what\s+year)\b/i;
/** Questions whose answer is a time: a year, a date, a century. */
const ASKS_FOR_TIME = /^\s*(?:when|since\s+when|until\s+when)\b|\b(?:what|which)\s+(?:year|years|date|decade|century|month|era|period)\b/i;

/** Whether a question asks when. */
export function asksForTime(text: string): boolean {
  return ASKS_FOR_TIME.test(text);
}

/** What the answer to a question should hold, as a field of a sentence: its answer type, or times for "when". */
export type Wanted = AnswerType | 'times';

/** What the answer to `text` should hold ("when" → times; "how many" → quantities …), if its opening words say. */
export function wantedOf(text: string): Wanted | undefined {
  return asksForTime(text) ? 'times' : answerTypeOf(text);
}

/** Questions whose answer is a reason. */
const ASKS_FOR_REASON = /^\s*(?:why|how\s+come|what\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|purpose)s?)\b/i;

/** The answer type a question asks for, if its opening words say. */
export function answerTypeOf(text: string): AnswerType | undefined {
  if (ASKS_FOR_NAME.test(text)) return 'names';
  if (ASKS_FOR_QUANTITY.test(text)) return 'quantities';
  if (ASKS_FOR_REASON.test(text)) return 'reasons';
  return undefined;
}

/** The names of the features, in the order of `features` and the model's weights. */
export const FEATURES = [
  'sentence', // the sentence's BM25 score over the best sentence's
  'paragraph', // its paragraph's BM25 score over the best paragraph's
  'coverage', // share of the question's weight the sentence (unit) matches
  'paragraphCoverage', // share the paragraph matches
  'pairs', // share of the question's word pairs found together in the sentence
  'answerType', // names / quantities / reasons the question asks for and does not hold itself (0..1)
  'length', // log of the unit's length in terms
  'windowCoverage', // share of the question's weight the sentence and its neighbours match together
  'asWritten', // share of the question's weight in words the sentence holds exactly as asked (not only their stem)
  'paragraphPairs', // share of the question's word pairs found together in the paragraph
  'related', // share of the question's weight the sentence matches only through WordNet related words
  'wantsTime', // for questions asking when: times (years, months, centuries) the unit holds that the question does not (0..1)
  'density', // matched question terms over the span of the unit they lie in
  'before', // the sentence before's score over the best sentence's
  'after', // the sentence after's
  'ofParagraph', // the sentence's score over the best of its paragraph
  'novel', // share of the unit's terms the question does not hold
  'wantsCount', // for how many / how much: quantities that are not times
] as const;

/** A linear model over the features. */
export interface LinearModel {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
}

/** The committed ranking model. */
export const RANKING_MODEL: LinearModel = model;

/** The question as the ranking sees it. */
export interface RankingQuestion {
  /** The question's own terms in order (for word pairs). */
  sequence: readonly string[];
  /** Each own term's word as asked, folded, not stemmed. */
  words: ReadonlyMap<string, string>;
  /** Each own term's weight (idf, names weighing more), by term. */
  weights: ReadonlyMap<string, number>;
  /** Query term → the question term it stands for. */
  sources: ReadonlyMap<string, string>;
  /** Query terms that are only WordNet related words of a question term: counted apart. */
  related: ReadonlySet<string>;
  wants: AnswerType | undefined;
  /** Whether the question asks when (then `wants` is 'quantities' too). */
  wantsTime: boolean;
}

/** A candidate sentence with its features and score. */
export interface Candidate extends Hit {
  features: number[];
  /** Library-wide paragraph id. */
  pid: number;
}

/** Sentences given features and a model score: the best by their own and their paragraph's match. */
const MAX_CANDIDATES = 16;

/**
 * Scores the sentences of a search (`hits`) with the paragraphs' (`paragraphs`, by paragraph id),
 * best first. `score` of each candidate is the model's.
 */
export function rank(
  library: Library,
  question: RankingQuestion,
  hits: readonly Hit[],
  paragraphs: ReadonlyMap<number, Hit>,
  linear: LinearModel = RANKING_MODEL,
): Candidate[] {
  if (hits.length === 0) return [];
  // The table is the library's: cleared whatever happens.
  const table = new QuestionIds(question, library);
  try {
    return rankWith(table, library, question, hits, paragraphs, linear);
  } finally {
    table.release();
  }
}

/** `rank`, with the question's table of term ids. */
function rankWith(
  table: QuestionIds,
  library: Library,
  question: RankingQuestion,
  hits: readonly Hit[],
  paragraphs: ReadonlyMap<number, Hit>,
  linear: LinearModel,
): Candidate[] {
  const bestSentence = hits.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  let bestParagraph = 0;
  for (const p of paragraphs.values()) bestParagraph = Math.max(bestParagraph, p.score);
  bestParagraph ||= 1;
  const sentences = library.sentences;
  // A cheap first cut (own and paragraph match) keeps the feature work to the plausible ones;
  // kept by insertion, since a large library can match tens of thousands of sentences.
  const pidOf = library.pidOf;
  const pre: { h: Hit; pre: number }[] = [];
  for (const h of hits) {
    const own = h.score / bestSentence;
    // The paragraph's share is at most 1: a sentence that cannot pass with it is not looked up.
    if (pre.length === MAX_CANDIDATES && own + 1 <= pre[pre.length - 1]!.pre) continue;
    const v = own + (paragraphs.get(pidOf[h.id]!)?.score ?? 0) / bestParagraph;
    if (pre.length === MAX_CANDIDATES && v <= pre[pre.length - 1]!.pre) continue;
    let i = pre.length;
    while (i > 0 && pre[i - 1]!.pre < v) i--;
    pre.splice(i, 0, { h, pre: v });
    if (pre.length > MAX_CANDIDATES) pre.pop();
  }
  const totalWeight = [...question.weights.values()].reduce((a, b) => a + b, 0) || 1;
  const pairs = new Pairs(question, table, library);
  const credits = new Credits(question);
  const near = new Span(table, library, question);
  const paragraphPairsCache = new Map<number, number>();
  const coverageCache = new Map<number, number>();
  // Only the candidates' neighbours and paragraphs are looked up: one pass over the hits for them.
  const neighbours = new Set<number>();
  const bestOfParagraph = new Map<number, number>();
  for (const { h } of pre) {
    neighbours.add(h.id - 1).add(h.id + 1);
    bestOfParagraph.set(pidOf[h.id]!, 0);
  }
  const byId = new Map<number, Hit>();
  for (const h of hits) {
    if (neighbours.has(h.id)) byId.set(h.id, h);
    const pid = pidOf[h.id]!;
    const best = bestOfParagraph.get(pid);
    if (best !== undefined && h.score > best) bestOfParagraph.set(pid, h.score);
  }
  const candidates = pre.map(({ h }) => {
    const ref = sentences[h.id]!;
    const before = h.id > 0 && sentences[h.id - 1]!.pid === ref.pid ? byId.get(h.id - 1) : undefined;
    const after = h.id + 1 < sentences.length && sentences[h.id + 1]!.pid === ref.pid ? byId.get(h.id + 1) : undefined;
    const paragraph = paragraphs.get(ref.pid);
    let paragraphCoverage = coverageCache.get(ref.pid);
    if (paragraphCoverage === undefined) {
      paragraphCoverage = credits.coverage([paragraph], totalWeight);
      coverageCache.set(ref.pid, paragraphCoverage);
    }
    const from = library.unitStart(h.id);
    const to = library.unitEnd(h.id);
    let paragraphPairs = paragraphPairsCache.get(ref.pid);
    if (paragraphPairs === undefined) {
      const p = library.paragraphRefs[ref.pid]!;
      let best = 0;
      for (let id = p.firstSentence; id <= p.lastSentence; id++) best = Math.max(best, pairs.share(library.unitStart(id), library.unitEnd(id)));
      paragraphPairs = best;
      paragraphPairsCache.set(ref.pid, best);
    }
    const typed = question.wants === undefined ? 0 : Math.min(3, fresh(ref[question.wants], h.docTerms)) / 3;
    const features = [
      h.score / bestSentence,
      (paragraph?.score ?? 0) / bestParagraph,
      credits.coverage([h], totalWeight),
      paragraphCoverage,
      pairs.share(from, to),
      typed,
      Math.log(1 + to - from),
      credits.coverage([before, h, after], totalWeight),
      near.asWritten(from, to, totalWeight),
      paragraphPairs,
      credits.relatedShare(h, totalWeight),
      question.wantsTime ? Math.min(2, fresh(ref.times, h.docTerms)) / 2 : 0,
      near.density(from, to),
      (before?.score ?? 0) / bestSentence,
      (after?.score ?? 0) / bestSentence,
      h.score / (bestOfParagraph.get(ref.pid) || 1),
      near.newShare(from, to),
      question.wants === 'quantities' && !question.wantsTime ? Math.min(2, fresh(ref.quantities, h.docTerms, ref.times)) / 2 : 0,
    ];
    // Built field by field: a spread of `h` overriding its score made V8 build each one slowly.
    return { id: h.id, score: linearScore(linear, features), docTerms: h.docTerms, queryTerms: h.queryTerms, features, pid: ref.pid };
  });
  return candidates.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** The model's score for one feature vector. */
export function linearScore(linear: Pick<LinearModel, 'weights' | 'bias'>, features: readonly number[]): number {
  let s = linear.bias;
  for (let i = 0; i < features.length; i++) s += (linear.weights[i] ?? 0) * features[i]!;
  return s;
}

/**
 * Share of the question's weight that some of `hits` match together: a word matched exactly or
 * through an equivalent counts whole, loosely (as a prefix, through a typo) half. Related words
 * do not count here (see `Credits.relatedShare`). For a whole search's hits: hits whose matched
 * words are lists already counted (a search shares them between units) add nothing and are skipped.
 */
export function coverage(question: RankingQuestion, hits: readonly Hit[], totalWeight: number): number {
  const counted = new Map<readonly string[], Set<readonly string[]>>();
  const fresh = hits.filter((h) => {
    let docTerms = counted.get(h.queryTerms);
    if (docTerms === undefined) counted.set(h.queryTerms, (docTerms = new Set()));
    if (docTerms.has(h.docTerms)) return false;
    docTerms.add(h.docTerms);
    return true;
  });
  return new Credits(question).coverage(fresh, totalWeight);
}

/**
 * How closely the question's terms sit in a unit: the distinct terms of the question it holds over
 * the length of the shortest span holding them all (1 for a single one, 0 for none); and how
 * much of the question it holds in the words as asked. Made once per question, its counters
 * reused for every candidate.
 */
class Span {
  /** The question's index of each term id of the library, -1 for terms it does not hold. */
  private readonly ids: Int32Array;
  /** Every unit's term ids (`Library.unitTermIds`), and the words they were written as (`Library.unitWordIds`). */
  private readonly list: Int32Array;
  private readonly words: Int32Array;
  private readonly count: Int32Array;
  private readonly positions: number[] = [];
  /** The unit `positions` were last found in, by where it begins and ends. */
  private lastFrom = -1;
  private lastTo = -1;
  /** By the question's term index: its word as asked (a word id, -1 for a word no unit holds), and its weight. */
  private readonly asked: Int32Array;
  private readonly weights: Float64Array;

  constructor(table: QuestionIds, library: Library, question: RankingQuestion) {
    this.ids = table.ids;
    this.list = library.unitTermIds;
    this.words = library.unitWordIds;
    this.count = new Int32Array(table.size);
    this.asked = new Int32Array(table.size);
    this.weights = new Float64Array(table.size);
    let i = 0;
    for (const [term, weight] of question.weights) {
      this.asked[i] = library.wordId(question.words.get(term) ?? '');
      this.weights[i++] = weight;
    }
  }

  /** For the unit from `from` to `to` (excluded) of the term ids. */
  density(from: number, to: number): number {
    const { ids, list, count, positions } = this;
    positions.length = 0;
    count.fill(0);
    let distinct = 0;
    for (let i = from; i < to; i++) {
      const id = ids[list[i]!]!;
      if (id < 0) continue;
      positions.push(i, id);
      if (count[id] === 0) distinct++;
      count[id] = 1;
    }
    this.lastFrom = from;
    this.lastTo = to;
    if (distinct < 2) return distinct;
    count.fill(0);
    let have = 0;
    let best = Infinity;
    // A window over the matched positions: grow at the right, shrink from the left while all are in.
    for (let hi = 0, lo = 0; hi < positions.length; hi += 2) {
      const id = positions[hi + 1]!;
      if (count[id] === 0) have++;
      count[id] = count[id]! + 1;
      while (have === distinct) {
        best = Math.min(best, positions[hi]! - positions[lo]! + 1);
        const out = positions[lo + 1]!;
        count[out] = count[out]! - 1;
        if (count[out] === 0) have--;
        lo += 2;
      }
    }
    return distinct / best;
  }

  /**
   * Share of the question's weight in words the unit from `from` to `to` (excluded) holds exactly
   * as asked, not only their stem (word ids; a word is looked for in the whole unit, since it can
   * be written alike under another term: "NOT" asked, "not" written).
   */
  asWritten(from: number, to: number, totalWeight: number): number {
    const { words, asked, weights } = this;
    let got = 0;
    for (let i = 0; i < asked.length; i++) {
      if (asked[i]! < 0) continue;
      for (let k = from; k < to; k++) {
        if (words[k] === asked[i]) {
          got += weights[i]!;
          break;
        }
      }
    }
    return got / totalWeight;
  }

  /** Share of the unit's terms the question does not hold: what the sentence says besides restating it. */
  newShare(from: number, to: number): number {
    if (to === from) return 0;
    if (this.lastFrom !== from || this.lastTo !== to) this.density(from, to);
    return (to - from - this.positions.length / 2) / (to - from);
  }
}

/**
 * `coverage` for one question, over as many sets of hits as needed: the query terms' sources
 * looked up once, the credits kept in a reused array and summed in the order they were first given.
 */
class Credits {
  private readonly sourceOf = new Map<string, number>();
  /** Related words' sources, apart: they do not count in `coverage`. */
  private readonly relatedSourceOf = new Map<string, number>();
  private readonly direct: Uint8Array;
  private readonly weights: number[] = [];
  private readonly credit: Float64Array;
  private readonly order: number[] = [];

  constructor(question: RankingQuestion) {
    const index = new Map<string, number>();
    for (const [term, w] of question.weights) {
      index.set(term, this.weights.length);
      this.weights.push(w);
    }
    for (const [t, source] of question.sources) {
      const i = index.get(source);
      if (i !== undefined) (question.related.has(t) ? this.relatedSourceOf : this.sourceOf).set(t, i);
    }
    this.credit = new Float64Array(this.weights.length);
    this.direct = new Uint8Array(this.weights.length);
  }

  /** Share of the question's weight that `hit` matches only through related words, not the words asked. */
  relatedShare(hit: Hit, totalWeight: number): number {
    const { relatedSourceOf, sourceOf, direct, order } = this;
    if (relatedSourceOf.size === 0) return 0;
    for (const t of hit.queryTerms) {
      const i = sourceOf.get(t);
      if (i !== undefined) direct[i] = 1;
      else {
        const r = relatedSourceOf.get(t);
        if (r !== undefined && !order.includes(r)) order.push(r);
      }
    }
    let got = 0;
    for (const i of order) if (direct[i] === 0) got += this.weights[i]!;
    order.length = 0;
    direct.fill(0);
    return got / totalWeight;
  }

  coverage(hits: readonly (Hit | undefined)[], totalWeight: number): number {
    const { credit, order, sourceOf } = this;
    for (const hit of hits) {
      if (hit === undefined) continue;
      for (const t of hit.queryTerms) {
        const i = sourceOf.get(t);
        if (i === undefined) continue;
        const c = hit.docTerms.includes(t) ? 1 : 0.5;
        if (credit[i] === 0) order.push(i);
        if (credit[i]! < c) credit[i] = c;
      }
    }
    let got = 0;
    for (const i of order) {
      got += credit[i]! * this.weights[i]!;
      credit[i] = 0;
    }
    order.length = 0;
    return got / totalWeight;
  }
}

/**
 * The question's consecutive content words as pairs, and the share of their weight a unit holds
 * together: either order, at most one word apart. One pass over a unit's term ids, looking each
 * up in the question's table (`QuestionIds`), instead of one pass per pair.
 */
class Pairs {
  /** Each pair's weight, in question order; and which pairs the unit being read holds. */
  private readonly weights: number[] = [];
  private readonly found: Uint8Array;
  private readonly total: number;
  /** `pairOf[i * n + j]`: the pair (+1) of the question's i-th and j-th terms, in either order; 0 for none. Pairs asked twice share the first's. */
  private readonly pairOf: number[];
  private readonly n: number;
  /** For each pair, the pair whose finding it shares (itself, or the same words asked before); -1 for a pair no unit can hold. */
  private readonly twins: number[];

  /** Every unit's term ids (`Library.unitTermIds`). */
  private readonly list: Int32Array;

  constructor(question: RankingQuestion, private readonly table: QuestionIds, library: Library) {
    this.list = library.unitTermIds;
    const n = table.size;
    this.n = n;
    this.pairOf = new Array<number>(n * n).fill(0);
    const seq = question.sequence;
    const twins: number[] = [];
    let total = 0;
    for (let i = 0; i + 1 < seq.length; i++) {
      const a = seq[i]!;
      const b = seq[i + 1]!;
      if (a === b) continue;
      const weight = (question.weights.get(a) ?? 0) + (question.weights.get(b) ?? 0);
      total += weight;
      const ia = table.indexOf(a);
      const ib = table.indexOf(b);
      // A pair with a word no unit holds is found nowhere.
      const pair = ia < 0 || ib < 0 ? -1 : this.pairOf[ia * n + ib]! - 1;
      if (ia >= 0 && ib >= 0 && pair < 0) {
        this.pairOf[ia * n + ib] = this.pairOf[ib * n + ia] = this.weights.length + 1;
      }
      twins.push(ia < 0 || ib < 0 ? -1 : pair < 0 ? this.weights.length : pair);
      this.weights.push(weight);
    }
    this.total = total;
    this.twins = twins;
    this.found = new Uint8Array(this.weights.length);
  }

  /** Share of the pairs' weight the unit from `from` to `to` (excluded) of the term ids holds together. */
  share(from: number, to: number): number {
    const { weights, found, pairOf, n, twins, list } = this;
    if (weights.length === 0) return 0;
    const ids = this.table.ids;
    for (let i = from; i < to; i++) {
      const a = ids[list[i]!]!;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + 2 && j < to; j++) {
        const b = ids[list[j]!]!;
        if (b >= 0 && pairOf[a * n + b]! > 0) found[pairOf[a * n + b]! - 1] = 1;
      }
    }
    let got = 0;
    for (let p = 0; p < weights.length; p++) if (twins[p]! >= 0 && found[twins[p]!] === 1) got += weights[p]!;
    found.fill(0);
    return this.total === 0 ? 0 : got / this.total;
  }
}

/** Each library's table of term ids, shared by the questions one after another (`QuestionIds`): all -1 between them. */
const idTables = new WeakMap<Library, Int32Array>();

/**
 * The question's own terms by library term id: `ids[termId]` is the term's index in
 * `question.weights`, -1 for others. The table is the library's, reused from question to
 * question (one as large as the vocabulary, made anew for each, cost more than the ranking's
 * passes over it): `release` clears the question's entries.
 */
class QuestionIds {
  readonly ids: Int32Array;
  private readonly index = new Map<string, number>();
  /** The entries of `ids` this question set, to clear. */
  private readonly held: number[] = [];

  constructor(question: RankingQuestion, library: Library) {
    let ids = idTables.get(library);
    if (ids === undefined || ids.length < library.termCount) {
      ids = new Int32Array(library.termCount).fill(-1);
      idTables.set(library, ids);
    }
    this.ids = ids;
    let n = 0;
    for (const t of question.weights.keys()) {
      const id = library.termId(t);
      if (id >= 0) {
        ids[id] = n;
        this.held.push(id);
        this.index.set(t, n);
      }
      n++;
    }
    this.size = n;
  }

  /** Clears the question's entries from the library's table. */
  release(): void {
    for (const id of this.held) this.ids[id] = -1;
  }

  /** Number of the question's own terms. */
  readonly size: number;

  /** The index of the question's term `term`, -1 when no unit holds it. */
  indexOf(term: string): number {
    return this.index.get(term) ?? -1;
  }
}

/** How many of `found` the question does not hold itself (`matched`), leaving out any of `except`. */
function fresh(found: readonly string[], matched: readonly string[], except: readonly string[] = []): number {
  // Both lists are a handful of terms: looked through, not hashed.
  let n = 0;
  for (const f of found) if (!matched.includes(f) && !except.includes(f)) n++;
  return n;
}

/**
 * The order citations are offered in: the best sentence, then the best of each other paragraph,
 * then the rest, so the second and third excerpts show where else the article bears on it.
 */
export function diversify<T extends Hit>(library: Library, hits: readonly T[]): T[] {
  const seen = new Set<number>();
  const leaders: T[] = [];
  const rest: T[] = [];
  for (const h of hits) {
    const pid = library.sentences[h.id]!.pid;
    if (seen.has(pid)) rest.push(h);
    else {
      seen.add(pid);
      leaders.push(h);
    }
  }
  return [...leaders, ...rest];
}

/** A query's terms mapped to the question terms they stand for. */
export function sourcesOf(query: readonly QueryTerm[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const q of query) if (!out.has(q.term)) out.set(q.term, q.source);
  return out;
}
