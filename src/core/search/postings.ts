/**
 * A MiniSearch index's fields (the text, and the section heading) kept as postings in plain
 * arrays, with MiniSearch 7.2's BM25+ and OR search computed from them exactly as it computes
 * them: the same lengths, the same running mean, the same arithmetic in the same order. The
 * paragraph scores and the sentence search are built on it; the tests compare both with real
 * MiniSearch indexes.
 */
import type { Hit } from './types.js';

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

/**
 * One field of every unit, as MiniSearch keeps it: postings and lengths. A field extended from
 * another (`extend`) shares its postings and lengths, which only ever grow at the end: each field
 * reads the units below its own `size`, so the one extended keeps answering as it did.
 */
export class Field {
  /** Each unit's length in distinct tokens, which is what MiniSearch counts; shared with the fields extended from this one. */
  private readonly lengths: number[];
  /** Shared likewise: a unit added to a field extended from this one is past this one's `size`. */
  private readonly postings: Map<string, Postings>;
  /** The mean length, as MiniSearch keeps it: a running mean, updated (and rounded) unit by unit. */
  private average = 0;
  private count = 0;

  constructor(from?: Field) {
    this.lengths = from ? from.lengths : [];
    this.postings = from ? from.postings : new Map();
    this.average = from?.average ?? 0;
    this.count = from?.count ?? 0;
  }

  /** Number of units added. */
  get size(): number {
    return this.count;
  }

  /** Whether units can be added: no field extended from this one has added any since. */
  get extensible(): boolean {
    return this.lengths.length === this.count;
  }

  /** Whether some unit holds `term` in this field. */
  has(term: string): boolean {
    const p = this.postings.get(term);
    return p !== undefined && p.ids[0]! < this.count;
  }

  /**
   * Adds the next unit (ids count from 0): its terms, and `emptyTokens` (0 or 1) for an empty token in its length.
   * @throws Error when a field extended from this one has added units: extend the newest.
   */
  add(lists: readonly (readonly string[])[], emptyTokens = 0): void {
    if (!this.extensible) throw new Error('Field.add: a field extended from this one has added units since; add to the newest field.');
    const id = this.count;
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
    this.count++;
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
    const size = this.count;
    // Units added by a field extended from this one are not this field's.
    let matching = p.ids.length;
    if (p.ids[matching - 1]! >= size) matching = firstAtOrAbove(p.ids, size, 0, matching);
    if (matching === 0) return;
    const invDocFreq = Math.log(1 + (size - matching + 0.5) / (matching + 0.5));
    // The ids are sorted: start at the first in range.
    let i = range ? firstAtOrAbove(p.ids, range.from, 0, matching) : 0;
    for (; i < matching; i++) {
      const id = p.ids[i]!;
      if (range && id >= range.to) break;
      const frequency = p.counts[i]!;
      ids.push(id);
      scores.push(weight * (invDocFreq * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * this.lengths[id]!) / this.average)))));
    }
  }
}

/** The position of the first of the sorted `ids[from..to)` at or above `id` (`to` when none is). */
function firstAtOrAbove(ids: readonly number[], id: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lists of words built by appending a word at a time, each distinct list made once and shared by
 * every unit that reaches it: a search over a large library reaches ten thousand units with a
 * handful of distinct lists of matched words, and one array per unit was most of what it
 * allocated. Nodes are numbered; 0 is the empty list. Emptied at the start of each search.
 */
class SharedLists {
  private lists: string[][] = [[]];
  private next: Map<string, number>[] = [new Map()];
  /** Each node's list in `Object.keys` order (`inKeyOrder`), made on first use. */
  private keyOrdered: (string[] | undefined)[] = [undefined];

  clear(): void {
    if (this.lists.length === 1) return;
    this.lists = [[]];
    this.next = [new Map()];
    this.keyOrdered = [undefined];
  }

  /** The node of `node`'s list with `word` appended, or `node` itself when its list holds `word`. */
  append(node: number, word: string): number {
    const after = this.next[node]!.get(word);
    if (after !== undefined) return after;
    const list = this.lists[node]!;
    if (list.includes(word)) return node;
    const made = this.lists.length;
    this.lists.push([...list, word]);
    this.next.push(new Map());
    this.keyOrdered.push(undefined);
    this.next[node]!.set(word, made);
    return made;
  }

  /** `node`'s list: shared, never to be changed. */
  list(node: number): string[] {
    return this.lists[node]!;
  }

  /** `node`'s list in `Object.keys` order. */
  inKeyOrder(node: number): string[] {
    return (this.keyOrdered[node] ??= inKeyOrder(this.lists[node]!));
  }
}

/**
 * Units with a text and a section heading, searched word by word as MiniSearch's OR search adds
 * them up: a query word's matches (its own, then the longer words and typos a subclass reaches
 * from it), each field in turn; then the word's total into the unit's. The tallies are kept by
 * unit id in arrays reused from search to search (one runs to its end before another starts),
 * with the ids in the order MiniSearch's maps would list them. A unit's index words matched are
 * its distinct ones in the order first reached, as MiniSearch's are; they and its query words
 * matched are lists shared between units (`SharedLists`), so the hits' `docTerms` and
 * `queryTerms` must not be changed.
 */
export class FieldIndex {
  protected readonly text: Field;
  protected readonly section: Field;
  /** Each unit's score so far, and its index words and query words matched (`SharedLists` nodes); by unit id. */
  private total = new Float64Array(0);
  private docTermsOf = new Int32Array(0);
  private queryTermsOf = new Int32Array(0);
  /** The query word being added up: its score by unit, valid where `wordStamp` is `serial`. */
  private word = new Float64Array(0);
  private wordStamp = new Int32Array(0);
  /** Counts the query words added up, so that `wordStamp` needs no clearing between them. */
  private serial = 0;
  private readonly lists = new SharedLists();
  /** Scratch lists for one index word's matches. */
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  /**
   * `sectionBoost`: the weight of a match in the section heading relative to one in the text.
   * `from`: an index to extend, sharing its postings (see `Field`); it keeps answering as it did.
   */
  constructor(
    private readonly sectionBoost: number,
    from?: FieldIndex,
  ) {
    this.text = new Field(from?.text);
    this.section = new Field(from?.section);
  }

  /** Whether units can be added: no index extended from this one has added any since. */
  get extensible(): boolean {
    return this.text.extensible && this.section.extensible;
  }

  /**
   * The units (in `range`, when given) holding some word of `weights` (word → its weight, in
   * query order), with the scores MiniSearch's OR search gives them, in the order first reached.
   * `withSection`: whether headings are searched.
   */
  searchExact(weights: ReadonlyMap<string, number>, withSection: boolean, range: IdRange | undefined): Hit[] {
    const units = this.startSearch();
    for (const [term, weight] of weights) {
      const matched = this.startWord();
      this.match(term, 1, weight, withSection, range, matched);
      this.addUp(term, matched, units);
    }
    return this.hits(units);
  }

  /** Readies the tallies; the list of units reached, to pass on to `addUp` and `hits`. */
  protected startSearch(): number[] {
    const n = this.text.size;
    if (this.total.length < n) {
      this.total = new Float64Array(n);
      this.word = new Float64Array(n);
      this.docTermsOf = new Int32Array(n);
      this.queryTermsOf = new Int32Array(n);
      this.wordStamp = new Int32Array(n);
      this.serial = 0;
    }
    this.lists.clear();
    return [];
  }

  /** Readies the tallies of the next query word; the list of units it reaches, to pass on to `match` and `addUp`. */
  protected startWord(): number[] {
    if (++this.serial === 2 ** 31 - 1) {
      this.wordStamp.fill(0);
      this.serial = 1;
    }
    return [];
  }

  /**
   * Adds the matches of the index's word `term`, at `weight` times the query word's `boost`, to
   * the query word's tallies, listing units new to them in `matched`. `reached` receives `term`
   * when it matched.
   */
  protected match(
    term: string,
    weight: number,
    boost: number,
    withSection: boolean,
    range: IdRange | undefined,
    matched: number[],
    reached?: Set<string>,
  ): void {
    const { ids, scores, word, wordStamp, serial, docTermsOf, lists } = this;
    ids.length = 0;
    scores.length = 0;
    const base = weight * boost;
    this.text.scores(term, base, range, ids, scores);
    if (withSection) this.section.scores(term, base * this.sectionBoost, range, ids, scores);
    if (ids.length > 0) reached?.add(term);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (wordStamp[id] !== serial) {
        wordStamp[id] = serial;
        word[id] = scores[i]!;
        matched.push(id);
      } else word[id] = word[id]! + scores[i]!;
      docTermsOf[id] = lists.append(docTermsOf[id]!, term);
    }
  }

  /** Adds the query word `source`'s tallies of the `matched` units into theirs, listing units new to the search in `units`. */
  protected addUp(source: string, matched: readonly number[], units: number[]): void {
    const { total, queryTermsOf, word, lists } = this;
    for (const id of matched) {
      const queryTerms = queryTermsOf[id]!;
      if (queryTerms === 0) {
        total[id] = word[id]!;
        units.push(id);
      } else total[id] = total[id]! + word[id]!;
      queryTermsOf[id] = lists.append(queryTerms, source);
    }
  }

  /** The `units` reached as hits, in that order; clears their tallies. */
  protected hits(units: readonly number[]): Hit[] {
    const { docTermsOf, queryTermsOf, lists } = this;
    const out: Hit[] = [];
    for (const id of units) {
      const queryTerms = lists.list(queryTermsOf[id]!);
      // MiniSearch multiplies an OR search's score by the number of query words matched.
      out.push({ id: id, score: this.total[id]! * queryTerms.length, docTerms: lists.inKeyOrder(docTermsOf[id]!), queryTerms });
      docTermsOf[id] = 0;
      queryTermsOf[id] = 0;
    }
    return out;
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
