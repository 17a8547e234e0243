/**
 * Paragraph scores for words already found: the score MiniSearch 7.2 gives an OR search of exact
 * terms over an index of the paragraphs (text and section heading), computed from postings kept
 * in plain arrays. The ranking model was fitted on those scores; a second MiniSearch index to
 * compute them cost a third of a library's build.
 */
import type { Hit } from './library.js';

/** MiniSearch's default BM25+ parameters: term frequency saturation, length normalization, floor. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Where a term occurs in one field: the paragraphs holding it, in id order, and how often in each. */
interface Postings {
  pids: number[];
  counts: number[];
}

/** A range of paragraph ids, `to` excluded: one article's paragraphs. */
export interface ParagraphRange {
  from: number;
  to: number;
}

/** One field of every paragraph, as MiniSearch keeps it: postings and lengths. */
class Field {
  /** Each paragraph's length in distinct tokens, which is what MiniSearch counts. */
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Postings>();
  /** The mean length, as MiniSearch keeps it: a running mean, updated (and rounded) paragraph by paragraph. */
  private average = 0;

  /** Adds the next paragraph: its terms, and `emptyTokens` (0 or 1) for an empty token in its length. */
  add(lists: readonly (readonly string[])[], emptyTokens: number): void {
    const pid = this.lengths.length;
    let distinct = 0;
    for (const list of lists) {
      for (const t of list) {
        const p = this.postings.get(t);
        if (p === undefined) this.postings.set(t, { pids: [pid], counts: [1] });
        else if (p.pids[p.pids.length - 1] === pid) {
          p.counts[p.counts.length - 1]!++;
          continue;
        } else {
          p.pids.push(pid);
          p.counts.push(1);
        }
        distinct++;
      }
    }
    const length = distinct + emptyTokens;
    this.lengths.push(length);
    this.average = (this.average * pid + length) / (pid + 1);
  }

  /**
   * Adds `weight` times MiniSearch's BM25+ of `term` to the score of each paragraph in `range`
   * holding it (`scores`: paragraph id → score so far), in paragraph id order.
   */
  addScores(term: string, weight: number, scores: Map<number, number>, range: ParagraphRange | undefined): void {
    const p = this.postings.get(term);
    if (p === undefined) return;
    const { k, b, d } = BM25;
    const matching = p.pids.length;
    const invDocFreq = Math.log(1 + (this.lengths.length - matching + 0.5) / (matching + 0.5));
    for (let i = 0; i < matching; i++) {
      const pid = p.pids[i]!;
      if (range && (pid < range.from || pid >= range.to)) continue;
      const frequency = p.counts[i]!;
      const bm25 = invDocFreq * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * this.lengths[pid]!) / this.average)));
      scores.set(pid, (scores.get(pid) ?? 0) + weight * bm25);
    }
  }
}

/** The paragraphs of a library, scored for exact terms as a MiniSearch index of them would. */
export class ParagraphScores {
  private readonly text = new Field();
  private readonly section = new Field();

  /** `sectionBoost`: the weight of a match in the section heading relative to one in the text. */
  constructor(private readonly sectionBoost: number) {}

  /**
   * Adds the next paragraph (ids count from 0): its sentences' terms and its heading's.
   * The paragraph index was given the sentences' terms joined by spaces, so a sentence without
   * terms between two others left an empty token, which MiniSearch counted in the length.
   */
  add(sentences: readonly (readonly string[])[], section: readonly string[]): void {
    const first = sentences.findIndex((s) => s.length > 0);
    const last = sentences.findLastIndex((s) => s.length > 0);
    const emptyToken = first >= 0 && sentences.slice(first + 1, last).some((s) => s.length === 0);
    this.text.add(sentences, emptyToken ? 1 : 0);
    this.section.add([section], 0);
  }

  /**
   * The paragraphs (in `range`, when given) holding some term of `weights` (term → its weight,
   * in query order), best first, as MiniSearch returns them: the query terms matched, and the
   * same terms as the paragraph's (in the order `Object.keys` gives a record of them).
   * `withSection`: whether headings are searched.
   */
  score(weights: ReadonlyMap<string, number>, range: ParagraphRange | undefined, withSection: boolean): Hit[] {
    // In the order MiniSearch adds them up: term by term, a term's fields summed first.
    const totals = new Map<number, { score: number; matched: string[] }>();
    for (const [term, weight] of weights) {
      const termScores = new Map<number, number>();
      this.text.addScores(term, weight, termScores, range);
      if (withSection) this.section.addScores(term, weight * this.sectionBoost, termScores, range);
      for (const [pid, score] of termScores) {
        const total = totals.get(pid);
        if (total === undefined) totals.set(pid, { score, matched: [term] });
        else {
          total.score += score;
          total.matched.push(term);
        }
      }
    }
    const out: Hit[] = [];
    // MiniSearch multiplies an OR search's score by the number of query terms matched.
    for (const [pid, { score, matched }] of totals) out.push({ sentenceId: pid, score: score * matched.length, docTerms: inKeyOrder(matched), queryTerms: matched });
    return out.sort((x, y) => y.score - x.score);
  }
}

/** `terms` as `Object.keys` lists the keys of a record: integer-like ones ("12", "1973") first, ascending. */
function inKeyOrder(terms: readonly string[]): string[] {
  const record: Record<string, true> = Object.create(null) as Record<string, true>;
  for (const t of terms) record[t] = true;
  return Object.keys(record);
}
