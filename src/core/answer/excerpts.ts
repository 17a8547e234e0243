/**
 * The excerpts of an answer: which sentences each shows (the unit, the neighbour where the answer
 * may be), in which order candidates are cited, and the citation with its highlighted terms.
 */
import type { Library } from '../search/library.js';
import type { Hit } from '../search/types.js';
import { analyze } from '../text/analyzer.js';
import type { Citation, Range } from '../types.js';
import { diversify } from './ranking.js';
import { type Wanted } from './wants.js';

/** Further citations must score at least this share of the best one. */
const RELATIVE_SCORE_FLOOR = 0.3;
/** A best sentence with at most this many words beyond the question's only restates it. */
const RESTATES_QUESTION = 4;
/**
 * A neighbour of the best sentence scoring within this of it joins the first excerpt. Scores are
 * log-odds under the ranking model, so the neighbour is at least e⁻¹ ≈ 37 % as likely to hold the
 * answer. On the shared SQuAD articles: quote@1 +1.5 points for first excerpts 4 % longer on average
 * (0.5: +0.8 for 2 %; 2: +2.4 for 10 %).
 */
const CLOSE_SCORE = 1;

/**
 * The sentences (ids, in text order) of the excerpt shown for `hit`: its unit (the sentence, with
 * the neighbour it leans on), less sentences already `shown`; for the first excerpt (`first`
 * given), with the sentence beside it where the answer may be.
 */
export function excerptOf(
  library: Library,
  hit: Hit,
  shown: ReadonlySet<number>,
  first?: { neighbour: number | undefined; wants: Wanted | undefined },
): number[] {
  const { first: from, last } = library.sentences[hit.id]!.unit;
  const ids: number[] = [];
  for (let id = from; id <= last; id++) if (!shown.has(id) || id === hit.id) ids.push(id);
  const extra = first ? firstExcerptExtra(library, hit, first.neighbour, first.wants) : undefined;
  if (extra !== undefined && !shown.has(extra)) {
    if (extra === ids[0]! - 1) ids.unshift(extra);
    else if (extra === ids.at(-1)! + 1) ids.push(extra);
  }
  return ids;
}

/**
 * The candidates (best first) that may be cited, in the order citations are offered: those
 * scoring at least RELATIVE_SCORE_FLOOR of the way from the weakest to the best, other
 * paragraphs first.
 */
export function citationOrder<T extends Hit>(library: Library, hits: readonly T[]): T[] {
  if (hits.length === 0) return [];
  const best = hits[0]!.score;
  const worst = hits.at(-1)!.score;
  return diversify(
    library,
    hits.filter((h) => h.score >= worst + (best - worst) * RELATIVE_SCORE_FLOOR),
  );
}

/**
 * A sentence next to the best one that the ranking can hardly tell from it (its score within
 * `CLOSE_SCORE` of the best): the answer is as likely there, so the first excerpt shows both.
 */
export function closeNeighbour(library: Library, hits: readonly Hit[]): number | undefined {
  const best = hits[0];
  if (!best) return undefined;
  const sentences = library.sentences;
  const { first, last } = sentences[best.id]!.unit;
  const pid = sentences[best.id]!.paragraphId;
  for (const h of hits.slice(1)) {
    if (best.score - h.score > CLOSE_SCORE) break;
    if (sentences[h.id]!.paragraphId === pid && (h.id === last + 1 || h.id === first - 1)) return h.id;
  }
  return undefined;
}

/**
 * The sentence the first excerpt takes in beside `best`'s own: the close `neighbour` when there is
 * one, else the next sentence when the answer follows; `undefined` for none.
 */
export function firstExcerptExtra(library: Library, best: Hit, neighbour: number | undefined, wants: Wanted | undefined): number | undefined {
  if (neighbour !== undefined) return neighbour;
  return answerFollows(library, best, wants) ? library.sentences[best.id]!.unit.last + 1 : undefined;
}

/**
 * Whether the answer is likely in the sentence after the best one: the best one only restates
 * the question ("Among the cities that line the coast is Malindi." for "When was Malindi
 * founded?"), or lacks the name, quantity, time or reason asked for while the next one brings it
 * (a "when" question wants a time: a sentence with only another number has not answered it).
 */
function answerFollows(library: Library, hit: Hit, wants: Wanted | undefined): boolean {
  const sentences = library.sentences;
  const ref = sentences[hit.id]!;
  const next = ref.unit.last + 1;
  if (next >= sentences.length || sentences[next]!.paragraphId !== ref.paragraphId) return false;
  const matched = new Set(hit.docTerms);
  const ids = library.unitTermIds;
  let novel = 0;
  for (let i = library.unitStart(hit.id); i < library.unitEnd(hit.id); i++) if (!matched.has(library.termOf(ids[i]!))) novel++;
  if (novel <= RESTATES_QUESTION) return true;
  if (wants === undefined) return false;
  const own = ref[wants].filter((t) => !matched.has(t));
  if (own.length > 0) return false;
  const have = new Set(ref[wants]);
  return sentences[next]![wants].some((t) => !matched.has(t) && !have.has(t));
}

/** The range of consecutive sentences `sentenceIds` (of one paragraph) in their paragraph. */
export function sentenceRange(library: Library, sentenceIds: readonly number[]): { article: number; paragraph: number; start: number; end: number } {
  const first = library.sentences[sentenceIds[0]!]!;
  const last = library.sentences[sentenceIds[sentenceIds.length - 1]!]!;
  const p = library.paragraphOf(first);
  return { article: first.articleIndex, paragraph: p.number, start: p.sentences[first.sentence]!.start, end: p.sentences[last.sentence]!.end };
}

/** A citation covering consecutive sentences of one paragraph. */
export function citeSentences(library: Library, sentenceIds: readonly number[], docTerms: ReadonlySet<string>): Citation {
  const r = sentenceRange(library, sentenceIds);
  return makeCitation(library, r.article, r.paragraph, r.start, r.end, docTerms);
}

/** Builds a citation of `paragraphs[number-1].text.slice(start, end)` with highlights of `docTerms`. */
export function makeCitation(
  library: Library,
  articleIndex: number,
  paragraphNumber: number,
  start: number,
  end: number,
  docTerms: ReadonlySet<string>,
): Citation {
  const article = library.articles[articleIndex]!;
  const paragraph = article.paragraphs[paragraphNumber - 1]!;
  const excerpt = paragraph.text.slice(start, end);
  const citation: Citation = {
    articleId: article.info.id,
    paragraph: paragraphNumber,
    label: library.articles.length > 1 ? `${article.info.id} ¶${paragraphNumber}` : `¶${paragraphNumber}`,
    excerpt,
    start,
    end,
    highlights: library.termRanges(articleIndex, paragraphNumber - 1, start, end, docTerms) ?? highlight(excerpt, docTerms),
  };
  if (paragraph.section) citation.section = paragraph.section;
  return citation;
}

/** Ranges of the words of `text` whose term is in `docTerms`. */
export function highlight(text: string, docTerms: ReadonlySet<string>): Range[] {
  if (docTerms.size === 0) return [];
  return analyze(text)
    .filter((t) => t.term !== null && docTerms.has(t.term))
    .map((t) => ({ start: t.start, end: t.end }));
}
