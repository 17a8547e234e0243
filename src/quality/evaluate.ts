/**
 * Question-set evaluation (the JSON Lines format of GUIDE.md): hit@1, hit@3, quote@1,
 * abstentions, latency. Pure: takes the parsed set and a Pilcrow, returns the metrics.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import type { Article } from '../core/articles/content.js';
import type { Pilcrow } from '../core/bot/pilcrow.js';
import { looseForm } from '../core/text/normalize.js';
import type { Reply } from '../core/types.js';

/** One question of a set. `paragraphs: []` means the bot must abstain. */
export const EvalQuestion = z.object({
  question: z.string(),
  paragraphs: z.array(z.number().int().positive()),
  quote: z.string().optional(),
  after: z.array(z.string()).optional(),
  article: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** A question answered wrongly. */
export interface Miss {
  question: string;
  expected: number[];
  got: number[];
  status: Reply['status'];
  reason: 'wrong paragraph' | 'quote missing' | 'false abstention' | 'should abstain';
  excerpt?: string | undefined;
}

/** The metrics printed by `npm run eval -- --json`. */
export interface EvalReport {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  quoteAt1: number;
  abstentions: { expected: number; correct: number };
  falseAbstentions: number;
  latencyMs: { p50: number; p99: number };
  misses: Miss[];
}

/** Parses a JSON Lines question set; throws naming the line on a bad one. */
export function parseQuestionSet(text: string, file = 'question set'): EvalQuestion[] {
  return parseJsonLines(text, file, EvalQuestion);
}

/** Parses JSON Lines against `schema`, one value a line (blank lines skipped); throws naming the line on a bad one. */
export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}.`);
    out.push(parsed.data);
  });
  return out;
}

/** The value at quantile `q` (0..1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

let runs = 0;
const WARM_UP_PASSES = 3;

/**
 * Runs every question (its `after` questions first, in the same conversation) and scores the
 * replies. Latency is measured after untimed passes over the set, so it reports answering, not
 * the JIT compiler's first looks at the code (`warmUpPasses`: 0 when latency does not matter).
 */
export async function evaluate(bot: Pilcrow, questions: readonly EvalQuestion[], warmUpPasses = WARM_UP_PASSES): Promise<EvalReport> {
  for (let pass = 0; pass < warmUpPasses; pass++) {
    const warmUp = `eval-${++runs}`;
    for (const [i, q] of questions.entries()) {
      const base = { conversationId: `${warmUp}-${i}`, userId: 'eval', ...(q.article ? { articleId: q.article } : {}) };
      for (const text of [...(q.after ?? []), q.question]) await bot.handle({ ...base, command: { kind: 'text', text } });
    }
  }
  let answerable = 0,
    hit1 = 0,
    hit3 = 0,
    withQuote = 0,
    quote1 = 0,
    expectedAbstain = 0,
    correctAbstain = 0,
    falseAbstain = 0;
  const latencies: number[] = [];
  const misses: Miss[] = [];
  // Fresh conversations per run, so runs on one bot never see each other's context.
  const run = `eval-${++runs}`;
  for (const [i, q] of questions.entries()) {
    const conversationId = `${run}-${i}`;
    const base = { conversationId, userId: 'eval', ...(q.article ? { articleId: q.article } : {}) };
    for (const before of q.after ?? []) await bot.handle({ ...base, command: { kind: 'text', text: before } });
    const t0 = performance.now();
    const reply = await bot.handle({ ...base, command: { kind: 'text', text: q.question } });
    latencies.push(performance.now() - t0);
    const got = reply.citations.map((c) => c.paragraph);
    const first = reply.citations[0];
    if (q.paragraphs.length === 0) {
      expectedAbstain++;
      if (reply.citations.length === 0) correctAbstain++;
      else misses.push({ question: q.question, expected: [], got, status: reply.status, reason: 'should abstain', excerpt: first?.excerpt });
      continue;
    }
    answerable++;
    if (!first) {
      falseAbstain++;
      misses.push({ question: q.question, expected: q.paragraphs, got, status: reply.status, reason: 'false abstention' });
      if (q.quote) withQuote++;
      continue;
    }
    const ok1 = q.paragraphs.includes(first.paragraph);
    if (ok1) hit1++;
    if (got.slice(0, 3).some((p) => q.paragraphs.includes(p))) hit3++;
    let quoteOk = true;
    if (q.quote) {
      withQuote++;
      quoteOk = looseForm(first.excerpt).includes(looseForm(q.quote));
      if (quoteOk) quote1++;
    }
    if (!ok1) misses.push({ question: q.question, expected: q.paragraphs, got, status: reply.status, reason: 'wrong paragraph', excerpt: first.excerpt });
    else if (!quoteOk)
      misses.push({ question: q.question, expected: q.paragraphs, got, status: reply.status, reason: 'quote missing', excerpt: first.excerpt });
  }
  const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
  return {
    questions: questions.length,
    answerable,
    hitAt1: ratio(hit1, answerable),
    hitAt3: ratio(hit3, answerable),
    quoteAt1: ratio(quote1, withQuote),
    abstentions: { expected: expectedAbstain, correct: correctAbstain },
    falseAbstentions: falseAbstain,
    latencyMs: { p50: round3(quantile(latencies, 0.5)), p99: round3(quantile(latencies, 0.99)) },
    misses,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * The baseline the issue names: plain MiniSearch with default options over the paragraphs, the
 * first result taken as the answer (no result: an abstention). Only the figures that mean
 * something for whole paragraphs are returned.
 */
export function evaluateBaseline(
  articles: readonly Article[],
  questions: readonly EvalQuestion[],
): Pick<EvalReport, 'hitAt1' | 'hitAt3' | 'abstentions' | 'falseAbstentions'> {
  const index = new MiniSearch<{ id: string; article: string; paragraph: number; text: string }>({ fields: ['text'], storeFields: ['article', 'paragraph'] });
  index.addAll(articles.flatMap((a) => a.paragraphs.map((p) => ({ id: `${a.info.id}:${p.number}`, article: a.info.id, paragraph: p.number, text: p.text }))));
  let answerable = 0,
    hit1 = 0,
    hit3 = 0,
    expected = 0,
    correct = 0,
    falseAbstentions = 0;
  for (const q of questions) {
    const results = index.search(q.question, q.article ? { filter: (r) => r['article'] === q.article } : {});
    const got = results.slice(0, 3).map((r) => r['paragraph'] as number);
    if (q.paragraphs.length === 0) {
      expected++;
      if (got.length === 0) correct++;
      continue;
    }
    answerable++;
    if (got.length === 0) falseAbstentions++;
    if (q.paragraphs.includes(got[0] ?? -1)) hit1++;
    if (got.some((p) => q.paragraphs.includes(p))) hit3++;
  }
  const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
  return { hitAt1: ratio(hit1, answerable), hitAt3: ratio(hit3, answerable), abstentions: { expected, correct }, falseAbstentions };
}
