/**
 * Paragraph scores for words already found: the score MiniSearch 7.2 gives an OR search of exact
 * terms over an index of the paragraphs (text and section heading), computed from postings kept
 * in plain arrays. The ranking model was fitted on those scores; a second MiniSearch index to
 * compute them cost a third of a library's build.
 */
import type { Hit } from './library.js';
import { Field, inKeyOrder, type IdRange } from './postings.js';

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
  score(weights: ReadonlyMap<string, number>, range: IdRange | undefined, withSection: boolean): Hit[] {
    // In the order MiniSearch adds them up: term by term, a term's fields summed first.
    const totals = new Map<number, { score: number; matched: string[] }>();
    const ids: number[] = [];
    const scores: number[] = [];
    const termScores = new Map<number, number>();
    for (const [term, weight] of weights) {
      ids.length = 0;
      scores.length = 0;
      termScores.clear();
      this.text.scores(term, weight, range, ids, scores);
      if (withSection) this.section.scores(term, weight * this.sectionBoost, range, ids, scores);
      for (let i = 0; i < ids.length; i++) termScores.set(ids[i]!, (termScores.get(ids[i]!) ?? 0) + scores[i]!);
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
    for (const [pid, { score, matched }] of totals) out.push({ sentenceId: pid, score: score * matched.length, docTerms: inKeyOrder(matched.slice()), queryTerms: matched });
    return out.sort((x, y) => y.score - x.score);
  }
}
