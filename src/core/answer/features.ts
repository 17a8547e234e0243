/**
 * The ranking's features of a candidate that need the question's terms laid out: how closely they
 * sit (`Span`), how much of the question's weight a unit and its paragraph hold (`Credits`), the
 * question's word pairs (`Pairs`), over a table of the question's term ids (`QuestionIds`).
 */
import type { Library } from '../search/library.js';
import type { Hit } from '../search/types.js';
import type { AnswerType } from './wants.js';

/** The question as the ranking sees it. */
export interface RankingQuestion {
  /** The question's own terms in order (for word pairs). */
  sequence: readonly string[];
  /** Each own term's word as asked, folded, not stemmed. */
  words: ReadonlyMap<string, string>;
  /** Each own term's weight (idf, names weighing more), by term. */
  weights: ReadonlyMap<string, number>;
  /** Query term → the question term it stands for. */
  sources: ReadonlyMap<string, string>;
  /** Query terms that are only WordNet related words of a question term: counted apart. */
  related: ReadonlySet<string>;
  wants: AnswerType | undefined;
  /** Whether the question asks when (then `wants` is 'quantities' too). */
  wantsTime: boolean;
}

/**
 * How closely the question's terms sit in a unit: the distinct terms of the question it holds over
 * the length of the shortest span holding them all (1 for a single one, 0 for none); and how
 * much of the question it holds in the words as asked. Made once per question, its counters
 * reused for every candidate.
 */
export class Span {
  /** The question's index of each term id of the library, -1 for terms it does not hold. */
  private readonly ids: Int32Array;
  /** Every unit's term ids (`Library.unitTermIds`), and the words they were written as (`Library.unitWordIds`). */
  private readonly list: Int32Array;
  private readonly words: Int32Array;
  private readonly count: Int32Array;
  private readonly positions: number[] = [];
  /** The unit `positions` were last found in, by where it begins and ends. */
  private lastFrom = -1;
  private lastTo = -1;
  /** By the question's term index: its word as asked (a word id, -1 for a word no unit holds), and its weight. */
  private readonly asked: Int32Array;
  private readonly weights: Float64Array;

  constructor(table: QuestionIds, library: Library, question: RankingQuestion) {
    this.ids = table.ids;
    this.list = library.unitTermIds;
    this.words = library.unitWordIds;
    this.count = new Int32Array(table.size);
    this.asked = new Int32Array(table.size);
    this.weights = new Float64Array(table.size);
    let i = 0;
    for (const [term, weight] of question.weights) {
      this.asked[i] = library.wordId(question.words.get(term) ?? '');
      this.weights[i++] = weight;
    }
  }

  /** For the unit from `from` to `to` (excluded) of the term ids. */
  density(from: number, to: number): number {
    const { ids, list, count, positions } = this;
    positions.length = 0;
    count.fill(0);
    let distinct = 0;
    for (let i = from; i < to; i++) {
      const id = ids[list[i]!]!;
      if (id < 0) continue;
      positions.push(i, id);
      if (count[id] === 0) distinct++;
      count[id] = 1;
    }
    this.lastFrom = from;
    this.lastTo = to;
    if (distinct < 2) return distinct;
    count.fill(0);
    let have = 0;
    let best = Infinity;
    // A window over the matched positions: grow at the right, shrink from the left while all are in.
    for (let hi = 0, lo = 0; hi < positions.length; hi += 2) {
      const id = positions[hi + 1]!;
      if (count[id] === 0) have++;
      count[id] = count[id]! + 1;
      while (have === distinct) {
        best = Math.min(best, positions[hi]! - positions[lo]! + 1);
        const out = positions[lo + 1]!;
        count[out] = count[out]! - 1;
        if (count[out] === 0) have--;
        lo += 2;
      }
    }
    return distinct / best;
  }

  /**
   * Share of the question's weight in words the unit from `from` to `to` (excluded) holds exactly
   * as asked, not only their stem (word ids; a word is looked for in the whole unit, since it can
   * be written alike under another term: "NOT" asked, "not" written).
   */
  asWritten(from: number, to: number, totalWeight: number): number {
    const { words, asked, weights } = this;
    let got = 0;
    for (let i = 0; i < asked.length; i++) {
      if (asked[i]! < 0) continue;
      for (let k = from; k < to; k++) {
        if (words[k] === asked[i]) {
          got += weights[i]!;
          break;
        }
      }
    }
    return got / totalWeight;
  }

  /** Share of the unit's terms the question does not hold: what the sentence says besides restating it. */
  newShare(from: number, to: number): number {
    if (to === from) return 0;
    if (this.lastFrom !== from || this.lastTo !== to) this.density(from, to);
    return (to - from - this.positions.length / 2) / (to - from);
  }
}

/**
 * `coverage` for one question, over as many sets of hits as needed: the query terms' sources
 * looked up once, the credits kept in a reused array and summed in the order they were first given.
 */
export class Credits {
  private readonly sourceOf = new Map<string, number>();
  /** Related words' sources, apart: they do not count in `coverage`. */
  private readonly relatedSourceOf = new Map<string, number>();
  private readonly direct: Uint8Array;
  private readonly weights: number[] = [];
  private readonly credit: Float64Array;
  private readonly order: number[] = [];

  constructor(question: RankingQuestion) {
    const index = new Map<string, number>();
    for (const [term, w] of question.weights) {
      index.set(term, this.weights.length);
      this.weights.push(w);
    }
    for (const [t, source] of question.sources) {
      const i = index.get(source);
      if (i !== undefined) (question.related.has(t) ? this.relatedSourceOf : this.sourceOf).set(t, i);
    }
    this.credit = new Float64Array(this.weights.length);
    this.direct = new Uint8Array(this.weights.length);
  }

  /** Share of the question's weight that `hit` matches only through related words, not the words asked. */
  relatedShare(hit: Hit, totalWeight: number): number {
    const { relatedSourceOf, sourceOf, direct, order } = this;
    if (relatedSourceOf.size === 0) return 0;
    for (const t of hit.queryTerms) {
      const i = sourceOf.get(t);
      if (i !== undefined) direct[i] = 1;
      else {
        const r = relatedSourceOf.get(t);
        if (r !== undefined && !order.includes(r)) order.push(r);
      }
    }
    let got = 0;
    for (const i of order) if (direct[i] === 0) got += this.weights[i]!;
    order.length = 0;
    direct.fill(0);
    return got / totalWeight;
  }

  coverage(hits: readonly (Hit | undefined)[], totalWeight: number): number {
    const { credit, order, sourceOf } = this;
    for (const hit of hits) {
      if (hit === undefined) continue;
      for (const t of hit.queryTerms) {
        const i = sourceOf.get(t);
        if (i === undefined) continue;
        const c = hit.docTerms.includes(t) ? 1 : 0.5;
        if (credit[i] === 0) order.push(i);
        if (credit[i]! < c) credit[i] = c;
      }
    }
    let got = 0;
    for (const i of order) {
      got += credit[i]! * this.weights[i]!;
      credit[i] = 0;
    }
    order.length = 0;
    return got / totalWeight;
  }
}

/**
 * The question's consecutive content words as pairs, and the share of their weight a unit holds
 * together: either order, at most one word apart. One pass over a unit's term ids, looking each
 * up in the question's table (`QuestionIds`), instead of one pass per pair.
 */
export class Pairs {
  /** Each pair's weight, in question order; and which pairs the unit being read holds. */
  private readonly weights: number[] = [];
  private readonly found: Uint8Array;
  private readonly total: number;
  /** `pairOf[i * n + j]`: the pair (+1) of the question's i-th and j-th terms, in either order; 0 for none. Pairs asked twice share the first's. */
  private readonly pairOf: number[];
  private readonly n: number;
  /** For each pair, the pair whose finding it shares (itself, or the same words asked before); -1 for a pair no unit can hold. */
  private readonly twins: number[];

  /** Every unit's term ids (`Library.unitTermIds`). */
  private readonly list: Int32Array;

  constructor(
    question: RankingQuestion,
    private readonly table: QuestionIds,
    library: Library,
  ) {
    this.list = library.unitTermIds;
    const n = table.size;
    this.n = n;
    this.pairOf = new Array<number>(n * n).fill(0);
    const seq = question.sequence;
    const twins: number[] = [];
    let total = 0;
    for (let i = 0; i + 1 < seq.length; i++) {
      const a = seq[i]!;
      const b = seq[i + 1]!;
      if (a === b) continue;
      const weight = (question.weights.get(a) ?? 0) + (question.weights.get(b) ?? 0);
      total += weight;
      const ia = table.indexOf(a);
      const ib = table.indexOf(b);
      // A pair with a word no unit holds is found nowhere.
      const pair = ia < 0 || ib < 0 ? -1 : this.pairOf[ia * n + ib]! - 1;
      if (ia >= 0 && ib >= 0 && pair < 0) {
        this.pairOf[ia * n + ib] = this.pairOf[ib * n + ia] = this.weights.length + 1;
      }
      twins.push(ia < 0 || ib < 0 ? -1 : pair < 0 ? this.weights.length : pair);
      this.weights.push(weight);
    }
    this.total = total;
    this.twins = twins;
    this.found = new Uint8Array(this.weights.length);
  }

  /** Share of the pairs' weight the unit from `from` to `to` (excluded) of the term ids holds together. */
  share(from: number, to: number): number {
    const { weights, found, pairOf, n, twins, list } = this;
    if (weights.length === 0) return 0;
    const ids = this.table.ids;
    for (let i = from; i < to; i++) {
      const a = ids[list[i]!]!;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + 2 && j < to; j++) {
        const b = ids[list[j]!]!;
        if (b >= 0 && pairOf[a * n + b]! > 0) found[pairOf[a * n + b]! - 1] = 1;
      }
    }
    let got = 0;
    for (let p = 0; p < weights.length; p++) if (twins[p]! >= 0 && found[twins[p]!] === 1) got += weights[p]!;
    found.fill(0);
    return this.total === 0 ? 0 : got / this.total;
  }
}

/** Each library's table of term ids, shared by the questions one after another (`QuestionIds`): all -1 between them. */
const idTables = new WeakMap<Library, Int32Array>();

/**
 * The question's own terms by library term id: `ids[termId]` is the term's index in
 * `question.weights`, -1 for others. The table is the library's, reused from question to
 * question (one as large as the vocabulary, made anew for each, cost more than the ranking's
 * passes over it): `release` clears the question's entries.
 */
export class QuestionIds {
  readonly ids: Int32Array;
  private readonly index = new Map<string, number>();
  /** The entries of `ids` this question set, to clear. */
  private readonly held: number[] = [];

  constructor(question: RankingQuestion, library: Library) {
    let ids = idTables.get(library);
    if (ids === undefined || ids.length < library.termCount) {
      ids = new Int32Array(library.termCount).fill(-1);
      idTables.set(library, ids);
    }
    this.ids = ids;
    let n = 0;
    for (const t of question.weights.keys()) {
      const id = library.termId(t);
      if (id >= 0) {
        ids[id] = n;
        this.held.push(id);
        this.index.set(t, n);
      }
      n++;
    }
    this.size = n;
  }

  /** Clears the question's entries from the library's table. */
  release(): void {
    for (const id of this.held) this.ids[id] = -1;
  }

  /** Number of the question's own terms. */
  readonly size: number;

  /** The index of the question's term `term`, -1 when no unit holds it. */
  indexOf(term: string): number {
    return this.index.get(term) ?? -1;
  }
}

/** How many of `found` the question does not hold itself (`matched`), leaving out any of `except`. */
export function fresh(found: readonly string[], matched: readonly string[], except: readonly string[] = []): number {
  // Both lists are a handful of terms: looked through, not hashed.
  let n = 0;
  for (const f of found) if (!matched.includes(f) && !except.includes(f)) n++;
  return n;
}
