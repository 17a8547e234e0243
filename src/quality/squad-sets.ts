/**
 * The SQuAD question sets (`X.jsonl` beside a content folder `X/`, and optionally
 * `X.impossible.jsonl`): each article its own one-article library, figures per article and their
 * macro average, with plain MiniSearch on the same paragraphs beside them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticles } from '../core/articles/content.js';
import { evaluate, evaluateBaseline, parseQuestionSet, type EvalQuestion } from './evaluate.js';
import { Pilcrow } from '../core/bot/pilcrow.js';

/** The figures of one article (rates 0..1). */
export interface SquadArticleReport {
  article: string;
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  quoteAt1: number;
  /** Answerable questions refused. */
  falseAbstentionRate: number;
  /** Questions from other articles refused. */
  offArticleAbstained: number;
  /** SQuAD 2.0's adversarial unanswerables refused; `null` when the article has none. */
  impossibleAbstained: number | null;
  baseline: { hitAt1: number; hitAt3: number };
}

/** Per-article figures and their macro average. */
export interface SquadReport {
  articles: SquadArticleReport[];
  macro: Omit<SquadArticleReport, 'article' | 'questions' | 'answerable' | 'impossibleAbstained'> & {
    impossibleAbstained: number | null;
  };
}

/** The article names of `dir`: every `X.jsonl` (not `.impossible`) with a folder `X/` beside it. */
export function squadArticles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.impossible.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .filter((name) => existsSync(join(dir, name)) && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Reads a question set file. */
function readSet(file: string): EvalQuestion[] {
  return parseQuestionSet(readFileSync(file, 'utf8'), file);
}

/** Evaluates one article of a SQuAD folder. */
export async function evaluateSquadArticle(dir: string, name: string): Promise<SquadArticleReport> {
  const articles = loadArticles(join(dir, name));
  const bot = new Pilcrow(articles);
  const questions = readSet(join(dir, `${name}.jsonl`));
  const report = await evaluate(bot, questions, 0);
  const base = evaluateBaseline(articles, questions);
  const impossibleFile = join(dir, `${name}.impossible.jsonl`);
  let impossibleAbstained: number | null = null;
  if (existsSync(impossibleFile)) {
    const impossible = await evaluate(bot, readSet(impossibleFile), 0);
    impossibleAbstained = ratio(impossible.abstentions.correct, impossible.abstentions.expected);
  }
  return {
    article: name,
    questions: report.questions,
    answerable: report.answerable,
    hitAt1: report.hitAt1,
    hitAt3: report.hitAt3,
    quoteAt1: report.quoteAt1,
    falseAbstentionRate: ratio(report.falseAbstentions, report.answerable),
    offArticleAbstained: ratio(report.abstentions.correct, report.abstentions.expected),
    impossibleAbstained,
    baseline: { hitAt1: base.hitAt1, hitAt3: base.hitAt3 },
  };
}

/** Evaluates every article of a SQuAD folder, one after the other. */
export async function evaluateSquad(dir: string, only?: readonly string[]): Promise<SquadReport> {
  const names = squadArticles(dir).filter((n) => !only || only.includes(n));
  if (names.length === 0) throw new Error(`${dir}: no question sets (X.jsonl beside a folder X/) found.`);
  const articles: SquadArticleReport[] = [];
  for (const name of names) articles.push(await evaluateSquadArticle(dir, name));
  return { articles, macro: macroAverage(articles) };
}

/** The mean of each figure over the articles (the impossible-set rate over those that have one). */
export function macroAverage(reports: readonly SquadArticleReport[]): SquadReport['macro'] {
  const mean = (f: (r: SquadArticleReport) => number) => round(reports.reduce((s, r) => s + f(r), 0) / reports.length);
  const withImpossible = reports.filter((r) => r.impossibleAbstained !== null);
  return {
    hitAt1: mean((r) => r.hitAt1),
    hitAt3: mean((r) => r.hitAt3),
    quoteAt1: mean((r) => r.quoteAt1),
    falseAbstentionRate: mean((r) => r.falseAbstentionRate),
    offArticleAbstained: mean((r) => r.offArticleAbstained),
    impossibleAbstained: withImpossible.length === 0 ? null : round(withImpossible.reduce((s, r) => s + r.impossibleAbstained!, 0) / withImpossible.length),
    baseline: { hitAt1: mean((r) => r.baseline.hitAt1), hitAt3: mean((r) => r.baseline.hitAt3) },
  };
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : round(n / d);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
