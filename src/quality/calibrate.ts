/**
 * Calibration: the rows the fits learn from (each question's candidates, their ranking features and
 * which are right), the fits of the ranker and the abstention model, and their held-out scores.
 * The first excerpt is the answerer's own (`excerptOf`), never a copy of its logic.
 * `npm run calibrate` (src/cli/calibrate.ts) runs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABSTENTION_FEATURES, coveredProbability } from '../core/answer/abstention.js';
import { Answerer, parseQuestion } from '../core/answer/answerer.js';
import { citationOrder, closeNeighbour, excerptOf } from '../core/answer/excerpts.js';
import { countWordUse, fitLogistic, fitRanker, type BinaryExample, type Fit, type RankingExample, type WordUse } from './calibration.js';
import { loadArticles } from '../core/articles/content.js';
import { parseQuestionSet, type EvalQuestion } from './evaluate.js';
import { Library } from '../core/search/library.js';
import type { Hit } from '../core/search/types.js';
import { FEATURES, linearScore } from '../core/answer/ranking.js';
import { type Wanted, wantedOf } from '../core/answer/wants.js';
import { terms } from '../core/text/analyzer.js';
import { looseForm } from '../core/text/normalize.js';

/** Highest share of answerable questions the chosen threshold may refuse, on the fitting data. */
export const TARGET_FALSE_ABSTENTION = 0.009;

/** One question as the fit sees it. */
export interface Row {
  article: string;
  answerable: boolean;
  /** Candidates' ranking features, and which are right (paragraph and, where given, the quote). */
  ranking: RankingExample;
  /** Which candidates are in a right paragraph. */
  rightParagraph: boolean[];
  /** Abstention features; those depending on the ranker are filled per fit. */
  abstention: number[];
  /** What `Answerer.answer` would refuse before any model: no candidate at all. */
  empty: boolean;
  /** The candidates as search hits, in the order of `ranking.features`. */
  hits: Hit[];
  /** Whether the first excerpt made of these sentences is right: holds the quote, or is in a right paragraph when there is none. */
  excerptRight: (sentenceIds: readonly number[]) => boolean;
  wants: Wanted | undefined;
  library: Library;
}

const COVERAGE = FEATURES.indexOf('coverage');
const PARAGRAPH_COVERAGE = FEATURES.indexOf('paragraphCoverage');

/** One article: its library and questions. */
export interface Source {
  name: string;
  library: Library;
  questions: EvalQuestion[];
}

export function load(dir: string, name: string): Source {
  const file = join(dir, `${name}.jsonl`);
  return { name, library: new Library(loadArticles(join(dir, name))), questions: parseQuestionSet(readFileSync(file, 'utf8'), file) };
}

/** Counts, for the articles given, how often each ordinary word of a question turned up in its answer sentence. */
export function wordUse(sources: readonly Source[]): WordUse {
  const use: WordUse = { asked: new Map(), answered: new Map() };
  for (const { name, library, questions } of sources) {
    const paragraphs = library.articles[0]!.paragraphs;
    for (const q of questions) {
      if (q.paragraphs.length === 0 || !q.quote) continue;
      const p = paragraphs[q.paragraphs[0]! - 1];
      const quote = looseForm(q.quote);
      const answer = p?.sentences.map((x) => p.text.slice(x.start, x.end)).find((x) => looseForm(x).includes(quote));
      if (answer === undefined) continue;
      const own = parseQuestion(q.question)
        .terms.filter((t) => !t.salient)
        .map((t) => t.term);
      countWordUse(use, name, own, new Set(terms(answer)));
    }
  }
  return use;
}

export function collect({ name, library, questions }: Source, words: Readonly<Record<string, number>>): Row[] {
  const answerer = new Answerer(library, words);
  const rows: Row[] = [];
  for (const q of questions) {
    const parsed = parseQuestion(q.question);
    if (parsed.terms.length === 0 || parsed.greeting) continue;
    const a = answerer.assess(q.question, parsed, undefined);
    const rightParagraph = a.candidates.map((c) => q.paragraphs.includes(library.sentences[c.id]!.paragraphIndex + 1));
    let right = rightParagraph;
    if (q.quote) {
      const quote = looseForm(q.quote);
      const withQuote = a.candidates.map((c, i) => rightParagraph[i]! && looseForm(unitText(library, c.id)).includes(quote));
      if (withQuote.some(Boolean)) right = withQuote;
    }
    const quote = q.quote ? looseForm(q.quote) : undefined;
    const excerptRight = (ids: readonly number[]) => {
      const ref = library.sentences[ids[0]!]!;
      if (!q.paragraphs.includes(ref.paragraphIndex + 1)) return false;
      return quote === undefined || looseForm(ids.map((id) => sentenceText(library, id)).join(' ')).includes(quote);
    };
    rows.push({
      article: name,
      answerable: q.paragraphs.length > 0,
      ranking: { features: a.candidates.map((c) => c.features), right },
      rightParagraph,
      abstention: a.abstention,
      empty: a.candidates.length === 0,
      hits: a.candidates,
      excerptRight,
      wants: wantedOf(q.question),
      library,
    });
  }
  return rows;
}

function sentenceText(library: Library, sentenceId: number): string {
  const ref = library.sentences[sentenceId]!;
  const span = library.paragraphOf(ref).sentences[ref.sentence]!;
  return library.paragraphOf(ref).text.slice(span.start, span.end);
}

/** The candidates rescored by `ranker`, best first, each with its index in the row. */
function rerank(row: Row, ranker: Fit): (Hit & { index: number })[] {
  return row.hits
    .map((h, index) => ({ ...h, index, score: linearScore(ranker, row.ranking.features[index]!) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Whether a right paragraph is among the first three citations the answer would offer. */
function rightInThree(row: Row, ranker: Fit): boolean {
  return citationOrder(row.library, rerank(row, ranker))
    .slice(0, 3)
    .some((h) => row.rightParagraph[h.index]);
}

/** The sentences of the first excerpt the answer would show under `ranker`, as `Answerer.cite` makes it. */
function firstExcerpt(row: Row, ranker: Fit): number[] {
  const ranked = rerank(row, ranker);
  const best = ranked[0]!;
  return excerptOf(row.library, best, new Set(), { neighbour: closeNeighbour(row.library, ranked), wants: row.wants });
}

function unitText(library: Library, sentenceId: number): string {
  const ref = library.sentences[sentenceId]!;
  const paragraph = library.paragraphOf(ref);
  const first = library.sentences[ref.unit.first]!;
  const last = library.sentences[ref.unit.last]!;
  return paragraph.text.slice(paragraph.sentences[first.sentence]!.start, paragraph.sentences[last.sentence]!.end);
}

/** The index of the best candidate under `ranker` (-1 when there is none), in the answer's order. */
function top(row: Row, ranker: Fit): number {
  return rerank(row, ranker)[0]?.index ?? -1;
}

/** The abstention features of a row under `ranker` (the top candidate's coverage and score). */
function abstentionFeatures(row: Row, ranker: Fit): number[] {
  const t = top(row, ranker);
  const f = [...row.abstention];
  if (t < 0) return f.map(() => 0);
  const x = row.ranking.features[t]!;
  f[ABSTENTION_FEATURES.indexOf('coverage')] = x[COVERAGE]!;
  f[ABSTENTION_FEATURES.indexOf('paragraphCoverage')] = x[PARAGRAPH_COVERAGE]!;
  f[ABSTENTION_FEATURES.indexOf('rankScore')] = linearScore(ranker, x);
  f[ABSTENTION_FEATURES.indexOf('related')] = x[FEATURES.indexOf('related')]!;
  return f;
}

/** A fitted pair of models. */
export interface Models {
  ranker: Fit;
  abstention: Fit & { threshold: number };
}

export function fit(rows: readonly Row[]): Models {
  const ranker = fitRanker(
    rows.filter((r) => r.answerable).map((r) => r.ranking),
    FEATURES.length,
  );
  const examples: BinaryExample[] = rows.filter((r) => !r.empty).map((r) => ({ features: abstentionFeatures(r, ranker), label: r.answerable }));
  const abstention = fitLogistic(examples, ABSTENTION_FEATURES.length);
  // The threshold: as strict as refusing at most TARGET_FALSE_ABSTENTION of the answerable ones allows.
  const answerable = examples
    .filter((e) => e.label)
    .map((e) => prob(abstention, e.features))
    .sort((a, b) => a - b);
  const threshold = answerable[Math.floor(answerable.length * TARGET_FALSE_ABSTENTION)] ?? 0.5;
  return { ranker, abstention: { ...abstention, threshold } };
}

function prob(m: Fit, x: readonly number[]): number {
  return coveredProbability(m, x);
}

/** Figures of `models` on the rows of one article. */
export function score(rows: readonly Row[], models: Models) {
  let answerable = 0,
    hit = 0,
    hit3 = 0,
    quote = 0,
    refused = 0,
    off = 0,
    offRefused = 0;
  for (const r of rows) {
    const t = top(r, models.ranker);
    const refuse = r.empty || prob(models.abstention, abstentionFeatures(r, models.ranker)) < models.abstention.threshold;
    if (r.answerable) {
      answerable++;
      if (refuse) refused++;
      else if (t >= 0) {
        if (rightInThree(r, models.ranker)) hit3++;
        if (r.rightParagraph[t]) {
          hit++;
          if (r.excerptRight(firstExcerpt(r, models.ranker))) quote++;
        }
      }
    } else {
      off++;
      if (refuse) offRefused++;
    }
  }
  return { answerable, hit, hit3, quote, refused, off, offRefused };
}

export type Scores = ReturnType<typeof score>;

/** `rows` with the ranking features named in `drop` set to 0: what the fit makes of them without those. */
export function without(rows: readonly Row[], drop: readonly number[]): Row[] {
  if (drop.length === 0) return [...rows];
  const zero = (f: number[]) => f.map((v, i) => (drop.includes(i) ? 0 : v));
  return rows.map((r) => ({ ...r, ranking: { ...r.ranking, features: r.ranking.features.map(zero) } }));
}

/** The macro averages of per-article scores (0..1). */
export function averages(perArticle: readonly Scores[]) {
  const mean = (f: (s: Scores) => number) => perArticle.reduce((a, s) => a + f(s), 0) / perArticle.length;
  return {
    hit: mean((s) => s.hit / s.answerable),
    hit3: mean((s) => s.hit3 / s.answerable),
    quote: mean((s) => s.quote / s.answerable),
    refused: mean((s) => s.refused / s.answerable),
    offRefused: mean((s) => s.offRefused / s.off),
  };
}
