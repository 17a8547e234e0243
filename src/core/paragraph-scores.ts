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
  /** Scratch totals by paragraph id, and the terms each matched (`undefined` between searches). */
  private totals = new Float64Array(0);
  private matchedBy: (string[] | undefined)[] = [];

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
   * in query order), with the scores MiniSearch gives them: the query terms matched, and the same
   * terms as the paragraph's (in the order `Object.keys` gives a record of them). In the order
   * first reached, not sorted: they are looked up by paragraph.
   * `withSection`: whether headings are searched.
   */
  score(weights: ReadonlyMap<string, number>, range: IdRange | undefined, withSection: boolean): Hit[] {
    // In the order MiniSearch adds them up: term by term, a term's fields summed first. Totals
    // are kept by paragraph id in arrays reused from search to search (a search runs to its end
    // before another starts), with the ids in the order first reached.
    const count = this.text.size;
    if (this.totals.length < count) {
      this.totals = new Float64Array(count);
      this.matchedBy = new Array<string[] | undefined>(count);
    }
    const { totals, matchedBy } = this;
    const reached: number[] = [];
    const ids: number[] = [];
    const scores: number[] = [];
    const termScores = new Map<number, number>();
    for (const [term, weight] of weights) {
      ids.length = 0;
      scores.length = 0;
      termScores.clear();
      this.text.scores(term, weight, range, ids, scores);
      const inText = ids.length;
      if (withSection) this.section.scores(term, weight * this.sectionBoost, range, ids, scores);
      // A paragraph appears once in a field's postings: only with headings can it appear twice.
      let n = inText;
      if (ids.length > inText) {
        for (let i = 0; i < ids.length; i++) termScores.set(ids[i]!, (termScores.get(ids[i]!) ?? 0) + scores[i]!);
        n = 0;
        for (const [pid, score] of termScores) {
          ids[n] = pid;
          scores[n++] = score;
        }
      }
      for (let i = 0; i < n; i++) {
        const pid = ids[i]!;
        const matched = matchedBy[pid];
        if (matched === undefined) {
          totals[pid] = scores[i]!;
          matchedBy[pid] = [term];
          reached.push(pid);
        } else {
          totals[pid] = totals[pid]! + scores[i]!;
          matched.push(term);
        }
      }
    }
    const out: Hit[] = [];
    // MiniSearch multiplies an OR search's score by the number of query terms matched.
    for (const pid of reached) {
      const matched = matchedBy[pid]!;
      matchedBy[pid] = undefined;
      out.push({ sentenceId: pid, score: totals[pid]! * matched.length, docTerms: inKeyOrder(matched.slice()), queryTerms: matched });
    }
    return out;
  }
}
