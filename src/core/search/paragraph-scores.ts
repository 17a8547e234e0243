/**
 * Paragraph scores for words already found: the score MiniSearch 7.2 gives an OR search of exact
 * terms over an index of the paragraphs (text and section heading), computed from postings kept
 * in plain arrays. The ranking model was fitted on those scores; a second MiniSearch index to
 * compute them cost a third of a library's build.
 */
import type { Hit } from './types.js';
import { FieldIndex, type IdRange } from './postings.js';

/** The paragraphs of a library, scored for exact terms as a MiniSearch index of them would. */
export class ParagraphScores extends FieldIndex {
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
    return this.searchExact(weights, withSection, range);
  }
}
