/**
 * One field of a MiniSearch index (the text, or the section heading), kept as postings in plain
 * arrays, with MiniSearch 7.2's BM25+ computed from them exactly as it computes it: the same
 * lengths, the same running mean, the same arithmetic in the same order. The paragraph scores and
 * the sentence search are built on it; the tests compare both with real MiniSearch indexes.
 */

/** MiniSearch's default BM25+ parameters: term frequency saturation, length normalization, floor. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Where a term occurs in one field: the units holding it, in id order, and how often in each. */
interface Postings {
  ids: number[];
  counts: number[];
}

/** A range of unit ids, `to` excluded: one article's paragraphs or sentences. */
export interface IdRange {
  from: number;
  to: number;
}

export class Field {
  /** Each unit's length in distinct tokens, which is what MiniSearch counts. */
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Postings>();
  /** The mean length, as MiniSearch keeps it: a running mean, updated (and rounded) unit by unit. */
  private average = 0;

  /** Number of units added. */
  get size(): number {
    return this.lengths.length;
  }

  /** Whether some unit holds `term` in this field. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Adds the next unit (ids count from 0): its terms, and `emptyTokens` (0 or 1) for an empty token in its length. */
  add(lists: readonly (readonly string[])[], emptyTokens = 0): void {
    const id = this.lengths.length;
    let distinct = 0;
    for (const list of lists) {
      for (const t of list) {
        const p = this.postings.get(t);
        if (p === undefined) this.postings.set(t, { ids: [id], counts: [1] });
        else if (p.ids[p.ids.length - 1] === id) {
          p.counts[p.counts.length - 1]!++;
          continue;
        } else {
          p.ids.push(id);
          p.counts.push(1);
        }
        distinct++;
      }
    }
    const length = distinct + emptyTokens;
    this.lengths.push(length);
    this.average = (this.average * id + length) / (id + 1);
  }

  /**
   * Appends to `ids` and `scores`, in id order, each unit in `range` (all when none) holding
   * `term` and `weight` times MiniSearch's BM25+ of the term there.
   */
  scores(term: string, weight: number, range: IdRange | undefined, ids: number[], scores: number[]): void {
    const p = this.postings.get(term);
    if (p === undefined) return;
    const { k, b, d } = BM25;
    const matching = p.ids.length;
    const invDocFreq = Math.log(1 + (this.lengths.length - matching + 0.5) / (matching + 0.5));
    let i = 0;
    if (range) {
      // The ids are sorted: start at the first in range.
      let hi = matching;
      while (i < hi) {
        const mid = (i + hi) >>> 1;
        if (p.ids[mid]! < range.from) i = mid + 1;
        else hi = mid;
      }
    }
    for (; i < matching; i++) {
      const id = p.ids[i]!;
      if (range && id >= range.to) break;
      const frequency = p.counts[i]!;
      ids.push(id);
      scores.push(weight * (invDocFreq * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * this.lengths[id]!) / this.average)))));
    }
  }
}

/**
 * `terms` as `Object.keys` lists the keys of a record: integer-like ones ("12", "1973") first,
 * ascending. The same array when none starts with a digit.
 */
export function inKeyOrder(terms: string[]): string[] {
  if (!terms.some((t) => t.charCodeAt(0) <= 0x39 && t.charCodeAt(0) >= 0x30)) return terms;
  const record: Record<string, true> = Object.create(null) as Record<string, true>;
  for (const t of terms) record[t] = true;
  return Object.keys(record);
}
