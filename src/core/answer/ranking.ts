/**
 * Which sentence answers: each candidate sentence is described by a few features — its own match,
 * its paragraph's and its neighbours', the share of the question's weight it holds, the question's
 * word pairs it holds, whether it brings what the question asks for (a name, a quantity, a reason)
 * — and scored by a linear model fitted on questions written by other people (`npm run calibrate`,
 * weights in `ranking-model.json`). Citations then show other paragraphs before more of the same one.
 */
import type { Library } from '../search/library.js';
import type { QueryTerm } from '../search/types.js';
import type { Hit } from '../search/types.js';
import { Credits, fresh, Pairs, QuestionIds, Span, type RankingQuestion } from './features.js';
import model from './ranking-model.json' with { type: 'json' };

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
    const before = h.id > 0 && sentences[h.id - 1]!.paragraphId === ref.paragraphId ? byId.get(h.id - 1) : undefined;
    const after = h.id + 1 < sentences.length && sentences[h.id + 1]!.paragraphId === ref.paragraphId ? byId.get(h.id + 1) : undefined;
    const paragraph = paragraphs.get(ref.paragraphId);
    let paragraphCoverage = coverageCache.get(ref.paragraphId);
    if (paragraphCoverage === undefined) {
      paragraphCoverage = credits.coverage([paragraph], totalWeight);
      coverageCache.set(ref.paragraphId, paragraphCoverage);
    }
    const from = library.unitStart(h.id);
    const to = library.unitEnd(h.id);
    let paragraphPairs = paragraphPairsCache.get(ref.paragraphId);
    if (paragraphPairs === undefined) {
      const p = library.paragraphRefs[ref.paragraphId]!;
      let best = 0;
      for (let id = p.firstSentence; id <= p.lastSentence; id++) best = Math.max(best, pairs.share(library.unitStart(id), library.unitEnd(id)));
      paragraphPairs = best;
      paragraphPairsCache.set(ref.paragraphId, best);
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
      h.score / (bestOfParagraph.get(ref.paragraphId) || 1),
      near.newShare(from, to),
      question.wants === 'quantities' && !question.wantsTime ? Math.min(2, fresh(ref.quantities, h.docTerms, ref.times)) / 2 : 0,
    ];
    // Built field by field: a spread of `h` overriding its score made V8 build each one slowly.
    return { id: h.id, score: linearScore(linear, features), docTerms: h.docTerms, queryTerms: h.queryTerms, features, pid: ref.paragraphId };
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
 * The order citations are offered in: the best sentence, then the best of each other paragraph,
 * then the rest, so the second and third excerpts show where else the article bears on it.
 */
export function diversify<T extends Hit>(library: Library, hits: readonly T[]): T[] {
  const seen = new Set<number>();
  const leaders: T[] = [];
  const rest: T[] = [];
  for (const h of hits) {
    const pid = library.sentences[h.id]!.paragraphId;
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
