/**
 * Fitting the two small models Pilcrow decides with: a linear ranker (softmax over each
 * question's candidates, the right ones against the rest) and a logistic abstention model.
 * Plain full-batch gradient descent with L2: the data are a few thousand questions and a handful
 * of features, so the whole fit takes well under a second.
 */
import { sigmoid } from '../core/answer/abstention.js';

/** One question's candidates for the ranker: their features, and which are right. */
export interface RankingExample {
  features: number[][];
  right: boolean[];
}

/** One labelled example for a logistic model. */
export interface BinaryExample {
  features: number[];
  label: boolean;
}

/** Fitted weights and bias. */
export interface Fit {
  weights: number[];
  bias: number;
}

const ITERATIONS = 300;
const RATE = 0.5;
const L2 = 1e-3;

/**
 * Fits weights `w` so that, for each question, softmax(w·x) puts its mass on the right
 * candidates (maximizes the log of the right ones' total probability). Questions with no right
 * candidate carry no signal and are skipped. No bias: it cancels in a softmax.
 */
export function fitRanker(examples: readonly RankingExample[], dims: number): Fit {
  // Flattened once: the loop below runs over every candidate of every question each iteration.
  const usable = examples
    .filter((e) => e.right.some(Boolean) && e.right.some((r) => !r))
    .map((e) => ({ x: Float64Array.from(e.features.flat()), right: e.right, n: e.features.length }));
  const w = new Array<number>(dims).fill(0);
  const m = adam(dims);
  const scores = new Float64Array(Math.max(0, ...usable.map((e) => e.n)));
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Array<number>(dims).fill(0);
    for (const e of usable) {
      let max = -Infinity;
      for (let i = 0; i < e.n; i++) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += w[d]! * e.x[i * dims + d]!;
        scores[i] = s;
        if (s > max) max = s;
      }
      let all = 0;
      let right = 0;
      for (let i = 0; i < e.n; i++) {
        const v = Math.exp(scores[i]! - max);
        scores[i] = v;
        all += v;
        if (e.right[i]) right += v;
      }
      // d/dw [log Σ_right e^s − log Σ_all e^s] = E_right[x] − E_all[x]
      for (let i = 0; i < e.n; i++) {
        const coef = (e.right[i] ? scores[i]! / right : 0) - scores[i]! / all;
        for (let d = 0; d < dims; d++) grad[d]! += coef * e.x[i * dims + d]!;
      }
    }
    for (let d = 0; d < dims; d++) grad[d] = -grad[d]! / Math.max(1, usable.length) + L2 * w[d]!;
    m.step(w, grad);
  }
  return { weights: w, bias: 0 };
}

/** Fits a logistic regression of `label` on `features` (features standardized inside, weights returned raw). */
export function fitLogistic(examples: readonly BinaryExample[], dims: number): Fit {
  const mean = new Array<number>(dims).fill(0);
  const sd = new Array<number>(dims).fill(0);
  for (const e of examples) for (let d = 0; d < dims; d++) mean[d]! += e.features[d]! / examples.length;
  for (const e of examples) for (let d = 0; d < dims; d++) sd[d]! += (e.features[d]! - mean[d]!) ** 2 / examples.length;
  for (let d = 0; d < dims; d++) sd[d] = Math.sqrt(sd[d]!) || 1;
  const z = examples.map((e) => e.features.map((x, d) => (x - mean[d]!) / sd[d]!));
  // Both classes weigh the same, however many examples each has.
  const positives = examples.filter((e) => e.label).length;
  const classWeight = (label: boolean) => examples.length / (2 * Math.max(1, label ? positives : examples.length - positives));
  const w = new Array<number>(dims + 1).fill(0);
  const m = adam(dims + 1);
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Array<number>(dims + 1).fill(0);
    examples.forEach((e, n) => {
      const x = z[n]!;
      const p = sigmoid(w[dims]! + dot(w, x));
      const g = (p - (e.label ? 1 : 0)) * classWeight(e.label);
      for (let d = 0; d < dims; d++) grad[d]! += g * x[d]!;
      grad[dims]! += g;
    });
    for (let d = 0; d <= dims; d++) grad[d] = grad[d]! / examples.length + (d < dims ? L2 * w[d]! : 0);
    m.step(w, grad);
  }
  // Back to the raw features' scale: w·(x−μ)/σ + b = (w/σ)·x + (b − Σ wμ/σ).
  const weights = mean.map((_, d) => w[d]! / sd[d]!);
  const bias = w[dims]! - mean.reduce((s, mu, d) => s + (w[d]! * mu) / sd[d]!, 0);
  return { weights, bias };
}

function dot(w: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let d = 0; d < x.length; d++) s += w[d]! * x[d]!;
  return s;
}

/** Adam: steady steps whatever the features' scales. */
function adam(dims: number, rate = RATE / 10) {
  const m1 = new Array<number>(dims).fill(0);
  const m2 = new Array<number>(dims).fill(0);
  let t = 0;
  return {
    step(w: number[], grad: readonly number[]) {
      t++;
      for (let d = 0; d < dims; d++) {
        m1[d] = 0.9 * m1[d]! + 0.1 * grad[d]!;
        m2[d] = 0.999 * m2[d]! + 0.001 * grad[d]! ** 2;
        const h1 = m1[d]! / (1 - 0.9 ** t);
        const h2 = m2[d]! / (1 - 0.999 ** t);
        w[d]! -= (rate * h1) / (Math.sqrt(h2) + 1e-8);
      }
    },
  };
}

/** How often each word of a question turned up in the sentence answering it. */
export interface WordUse {
  /** Questions asking with the word, by article. */
  asked: Map<string, Map<string, number>>;
  /** Of those, the ones whose answer sentence holds it. */
  answered: Map<string, number>;
}

/** Counts toward `use` one question's own ordinary words and its answer sentence's terms. */
export function countWordUse(use: WordUse, article: string, questionTerms: readonly string[], answerTerms: ReadonlySet<string>): void {
  for (const t of new Set(questionTerms)) {
    const byArticle = use.asked.get(t) ?? new Map<string, number>();
    byArticle.set(article, (byArticle.get(article) ?? 0) + 1);
    use.asked.set(t, byArticle);
    if (answerTerms.has(t)) use.answered.set(t, (use.answered.get(t) ?? 0) + 1);
  }
}

/** Least questions, and least articles, a word must be asked in for its weight to be learned. */
const MIN_ASKED = 12;
const MIN_ARTICLES = 4;
/** Prior strength (in questions) pulling a word's rate toward the rate of all words. */
const PRIOR = 10;

/**
 * Weights of the words questions are framed with ("type", "name", "how long"): a word asked in
 * many questions across several articles whose answers seldom hold it weighs its rate of turning
 * up over the rate of all words (smoothed), at most 1.
 */
export function questionWordWeights(use: WordUse): Record<string, number> {
  let asked = 0;
  let answered = 0;
  for (const [t, byArticle] of use.asked) {
    for (const n of byArticle.values()) asked += n;
    answered += use.answered.get(t) ?? 0;
  }
  const base = asked === 0 ? 1 : answered / asked;
  const out: Record<string, number> = {};
  for (const [t, byArticle] of [...use.asked].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const n = [...byArticle.values()].reduce((a, b) => a + b, 0);
    if (n < MIN_ASKED || byArticle.size < MIN_ARTICLES) continue;
    const rate = ((use.answered.get(t) ?? 0) + PRIOR * base) / (n + PRIOR);
    const weight = Math.round(Math.min(1, rate / base) * 100) / 100;
    if (weight < 0.95) out[t] = weight;
  }
  return out;
}
