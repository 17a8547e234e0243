/**
 * Paragraph scores for words already found: the score MiniSearch 7.2 gives an OR search of exact
 * terms over an index of the paragraphs (text and section heading), computed from each
 * paragraph's terms. The ranking model was fitted on those scores; a second MiniSearch index
 * to compute them cost a third of a library's build.
 */
import type { Hit } from './library.js';

/** MiniSearch's default BM25+ parameters: term frequency saturation, length normalization, floor. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** One field of every paragraph, as MiniSearch keeps it: terms, lengths, how many paragraphs hold each term. */
class Field {
  /** Each paragraph's terms, as the lists they came in (its sentences'), by paragraph id. */
  readonly terms: (readonly (readonly string[])[])[] = [];
  /** Each paragraph's length in distinct tokens, which is what MiniSearch counts. */
  private readonly lengths: number[] = [];
  /** For each term, how many paragraphs hold it, and the last one counted (paragraphs come in order). */
  private readonly counts = new Map<string, { paragraphs: number; last: number }>();
  /** The mean length, as MiniSearch keeps it: a running mean, updated (and rounded) paragraph by paragraph. */
  private average = 0;

  /** Adds the next paragraph: its terms, and `emptyTokens` (0 or 1) for an empty token in its length. */
  add(lists: readonly (readonly string[])[], emptyTokens: number): void {
    const pid = this.lengths.length;
    let distinct = 0;
    for (const list of lists) {
      for (const t of list) {
        const c = this.counts.get(t);
        if (c === undefined) this.counts.set(t, { paragraphs: 1, last: pid });
        else if (c.last === pid) continue;
        else {
          c.paragraphs++;
          c.last = pid;
        }
        distinct++;
      }
    }
    const length = distinct + emptyTokens;
    this.terms.push(lists);
    this.lengths.push(length);
    this.average = (this.average * pid + length) / (pid + 1);
  }

  /** MiniSearch's BM25+ of a term found `frequency` times in paragraph `pid`. */
  bm25(term: string, frequency: number, pid: number): number {
    const { k, b, d } = BM25;
    const matching = this.counts.get(term)?.paragraphs ?? 0;
    const total = this.lengths.length;
    const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    return invDocFreq * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * this.lengths[pid]!) / this.average)));
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
   * The paragraphs among `pids` holding some term of `weights` (term → its weight, in query
   * order), best first, as MiniSearch returns them: the query terms matched, and the same terms
   * as the paragraph's (in the order `Object.keys` gives a record of them). `withSection`:
   * whether headings are searched.
   */
  score(weights: ReadonlyMap<string, number>, pids: Iterable<number>, withSection: boolean): Hit[] {
    const query = [...weights.keys()];
    const position = new Map(query.map((t, i) => [t, i]));
    const textCounts = new Array<number>(query.length).fill(0);
    const sectionCounts = new Array<number>(query.length).fill(0);
    const out: Hit[] = [];
    for (const pid of pids) {
      count(this.text.terms[pid]!, position, textCounts);
      if (withSection) count(this.section.terms[pid]!, position, sectionCounts);
      let score = 0;
      const matched: string[] = [];
      for (let i = 0; i < query.length; i++) {
        const inText = textCounts[i]!;
        const inSection = sectionCounts[i]!;
        if (inText === 0 && inSection === 0) continue;
        textCounts[i] = 0;
        sectionCounts[i] = 0;
        const term = query[i]!;
        const weight = weights.get(term)!;
        // A term's fields are summed before the term is added to the paragraph's score, as MiniSearch does.
        let termScore = 0;
        if (inText > 0) termScore += weight * this.text.bm25(term, inText, pid);
        if (inSection > 0) termScore += weight * this.sectionBoost * this.section.bm25(term, inSection, pid);
        score += termScore;
        matched.push(term);
      }
      if (matched.length === 0) continue;
      // MiniSearch multiplies an OR search's score by the number of query terms matched.
      out.push({ sentenceId: pid, score: score * matched.length, docTerms: inKeyOrder(matched), queryTerms: matched });
    }
    return out.sort((x, y) => y.score - x.score);
  }
}

/** Adds the occurrences in `lists` of each query term to `counts`, by the term's `position` in the query. */
function count(lists: readonly (readonly string[])[], position: ReadonlyMap<string, number>, counts: number[]): void {
  for (const list of lists) {
    for (const t of list) {
      const i = position.get(t);
      if (i !== undefined) counts[i]!++;
    }
  }
}

/** `terms` as `Object.keys` lists the keys of a record: integer-like ones ("12", "1973") first, ascending. */
function inKeyOrder(terms: readonly string[]): string[] {
  const record: Record<string, true> = Object.create(null) as Record<string, true>;
  for (const t of terms) record[t] = true;
  return Object.keys(record);
}
