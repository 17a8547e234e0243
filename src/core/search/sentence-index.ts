/**
 * The sentence search: what MiniSearch 7.2's `search` returns for an OR query with per-term
 * boosts, prefix and typo matches, computed from postings kept in plain arrays (`postings.ts`) and
 * MiniSearch's own radix tree (`SearchableMap`) of the vocabulary for the prefixes and typos. The
 * same hits, scores to the last bit and terms in the same order, for a fraction of the time: the
 * ranking model was fitted on MiniSearch's scores, and `tests/core/search/sentence-index.test.ts` compares
 * the two on every question of the committed SQuAD sample.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Hit } from './types.js';
import { FieldIndex, type IdRange } from './postings.js';

/** MiniSearch's default weights of a word reached by prefix and by typo. */
export const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** One word of a query, as MiniSearch's query specs have it. */
export interface TermQuery {
  term: string;
  /** The word's weight (MiniSearch's `boostTerm`). */
  boost: number;
  /** Whether longer words starting with it match too. */
  prefix: boolean;
  /** The edit distance of typo matches allowed; 0 for none. */
  fuzzy: number;
}

/** A node of `SearchableMap`'s radix tree: edge labels to child nodes, `LEAF` to the value. */
type RadixNode = Map<string, unknown>;
const LEAF = '';

/** Units (sentences with the neighbour they lean on) with their text and section heading, searchable. */
export class SentenceIndex extends FieldIndex {
  /** Every word of the index, inserted in the order MiniSearch inserts them, so that prefix and typo matches come in its order. */
  private vocabulary: SearchableMap<true>;
  /**
   * In an index extended from another: the tree nodes this one made, which it may change. The
   * others are the index extended from's, shared and never changed (`insertCopying`).
   */
  private readonly own: Set<RadixNode> | undefined;
  /** The vocabulary sorted, made on first use. */
  private sorted: string[] | undefined;
  /** In an index extended from one whose vocabulary was sorted: that, and the words added since, to merge in. */
  private readonly pending: { base: readonly string[]; added: string[] } | undefined;

  /**
   * `sectionBoost`: as `FieldIndex`'s. `from`: an index to extend with more units; it keeps
   * answering as it did, and what this one adds is as if the two had been built as one.
   */
  constructor(sectionBoost: number, from?: SentenceIndex) {
    super(sectionBoost, from);
    this.vocabulary = from ? from.vocabulary : new SearchableMap<true>();
    this.own = from ? new Set() : undefined;
    this.pending = from?.sorted ? { base: from.sorted, added: [] } : undefined;
  }

  /** Adds the next unit (ids count from 0): its terms and its heading's. */
  add(terms: readonly string[], section: readonly string[]): void {
    // A word new to the vocabulary is new to both fields: their maps are asked first, as cheaper than the tree.
    for (const list of [terms, section]) {
      for (const t of list) if (!this.text.has(t) && !this.section.has(t) && !this.vocabulary.has(t)) this.addWord(t);
    }
    this.text.add([terms]);
    this.section.add([section]);
    this.sorted = undefined;
  }

  private addWord(word: string): void {
    this.pending?.added.push(word);
    if (this.own === undefined) {
      this.vocabulary.set(word, true);
      return;
    }
    const root = this.vocabulary._tree as RadixNode;
    if (!this.own.has(root)) this.vocabulary = new SearchableMap<true>(ownCopy(root, this.own) as typeof this.vocabulary._tree);
    insertCopying(this.vocabulary._tree as RadixNode, word, this.own);
  }

  /** Every word of the index, sorted. */
  terms(): readonly string[] {
    if (this.sorted) return this.sorted;
    if (this.pending) return (this.sorted = mergeSorted(this.pending.base, [...this.pending.added].sort()));
    return (this.sorted = [...this.vocabulary.keys()].sort());
  }

  /** The position in `terms()` of the first word at or after `key`. */
  firstAtOrAfter(key: string): number {
    const vocab = this.terms();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocab[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the index has a longer word than `term` starting with it. */
  private hasLonger(term: string): boolean {
    const vocab = this.terms();
    let at = this.firstAtOrAfter(term);
    if (vocab[at] === term) at++;
    return at < vocab.length && vocab[at]!.startsWith(term);
  }

  /**
   * The units (in `range`, when given) matching some word of `query`, best first, as MiniSearch's
   * OR search returns them. `withSection`: whether headings are searched. `reached`, when given,
   * receives the index's words matched: every word of the hits' `docTerms`.
   */
  search(query: readonly TermQuery[], withSection: boolean, range?: IdRange, reached?: Set<string>): Hit[] {
    const units = this.startSearch();
    for (const q of query) {
      if (q.term === '') continue;
      const matched = this.startWord();
      this.match(q.term, 1, q.boost, withSection, range, matched, reached);
      const typos = q.fuzzy > 0 ? this.vocabulary.fuzzyGet(q.term, q.fuzzy) : undefined;
      // Walking the tree for longer words costs more than looking them up: only when there are some.
      if (q.prefix && this.hasLonger(q.term)) {
        for (const term of this.vocabulary.atPrefix(q.term).keys()) {
          const distance = term.length - q.term.length;
          if (distance === 0) continue;
          typos?.delete(term);
          this.match(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), q.boost, withSection, range, matched, reached);
        }
      }
      if (typos) {
        for (const [term, [, distance]] of typos) {
          if (distance === 0) continue;
          this.match(term, (FUZZY_WEIGHT * term.length) / (term.length + distance), q.boost, withSection, range, matched, reached);
        }
      }
      this.addUp(q.term, matched, units);
    }
    return this.hits(units).sort((x, y) => y.score - x.score);
  }
}

/** `node` when `own` holds it, else a copy of it that `own` holds from now on. */
function ownCopy(node: RadixNode, own: Set<RadixNode>): RadixNode {
  if (own.has(node)) return node;
  const copy = new Map(node);
  own.add(copy);
  return copy;
}

/**
 * Inserts `key` into the radix tree at `root` (a node of `own`) as `SearchableMap.set` does (its
 * `createPath`, step for step, so that the tree and the order it lists words in are the same), but
 * copying each node of the path that `own` does not hold instead of changing it: the tree extended
 * from keeps its words and their order.
 */
function insertCopying(root: RadixNode, key: string, own: Set<RadixNode>): void {
  let node = root;
  let pos = 0;
  outer: while (pos < key.length) {
    for (const k of node.keys()) {
      if (k === LEAF || key[pos] !== k[0]) continue;
      const len = Math.min(key.length - pos, k.length);
      let offset = 1;
      while (offset < len && key[pos + offset] === k[offset]) ++offset;
      const child = node.get(k) as RadixNode;
      if (offset === k.length) {
        const copy = ownCopy(child, own);
        // Setting a key already there keeps its place in the map's order.
        if (copy !== child) node.set(k, copy);
        node = copy;
      } else {
        // Partial match: an intermediate node holds both the existing subtree (shared, unchanged) and the new word.
        const intermediate: RadixNode = new Map();
        own.add(intermediate);
        intermediate.set(k.slice(offset), child);
        node.set(key.slice(pos, pos + offset), intermediate);
        node.delete(k);
        node = intermediate;
      }
      pos += offset;
      continue outer;
    }
    const leaf: RadixNode = new Map();
    own.add(leaf);
    node.set(key.slice(pos), leaf);
    node = leaf;
    break;
  }
  node.set(LEAF, true);
}

/** The two sorted lists of distinct strings as one, sorted as `Array.prototype.sort` sorts strings. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out;
}
