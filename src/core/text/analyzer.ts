/**
 * The analysis shared by the index and the queries: normalization, stop words (negations kept),
 * Porter stemming. A term is what the index stores and what a query looks up.
 */
import { stemmer } from 'stemmer';
import lemmatizer from 'wink-lemmatizer';
import { foldCharacters } from './normalize.js';
import { NEGATIONS, STOP_WORDS } from './stopwords.js';
import { tokenize, type Token } from './tokenize.js';

/** A token with its analyzed term (`null` when it is a stop word or too short to mean anything). */
export interface AnalyzedToken extends Token {
  term: string | null;
  /** The folded, lower-cased word before stemming. */
  word: string;
}

/** The analysis of one raw token; tokens repeat, so it is cached. */
interface WordInfo {
  word: string;
  term: string | null;
}
const CACHE_LIMIT = 200_000;
const CACHE_BYTES = 16 * 1024 * 1024;
/**
 * Bounded in bytes as well as entries: long unique "words" (a pasted blob, hostile input) would
 * otherwise fill 200,000 entries with kilobytes each. A plain Map emptied when full rather than
 * an LRU: on a library build the LRU's bookkeeping on every look-up cost more than the analysis
 * it saved, and an emptied cache refills with the words in use.
 */
const cache = new Map<string, WordInfo>();
/** The estimated size of what `cache` holds, by `entryBytes`. */
let cacheBytes = 0;

/** UTF-16 code units of the key and the strings kept, plus the entry's own overhead. */
function entryBytes(raw: string, entry: WordInfo): number {
  return 2 * (raw.length + entry.word.length + (entry.term?.length ?? 0)) + 96;
}

/** Keeps `entry` unless it alone would exceed the bound; empties the cache first when it is full. */
function remember(raw: string, entry: WordInfo): void {
  const bytes = entryBytes(raw, entry);
  if (bytes > CACHE_BYTES) return;
  if (cache.size >= CACHE_LIMIT || cacheBytes + bytes > CACHE_BYTES) {
    cache.clear();
    cacheBytes = 0;
  }
  cache.set(raw, entry);
  cacheBytes += bytes;
}

/** A folded, lower-cased token as a word: possessives removed, n't read as `not`. */
function wordOf(lower: string): string {
  return lower.endsWith("n't") ? 'not' : lower.replace(/'s$/, '').replace(/'/g, '');
}

function info(raw: string): WordInfo {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const lower = foldCharacters(raw).toLowerCase();
  const word = wordOf(lower);
  let term: string | null;
  // "US", "IT": an abbreviation in capitals is not the stop word (or negation) it spells.
  if (/^\p{Lu}{2,4}$/u.test(raw) && (STOP_WORDS.has(lower) || NEGATIONS.has(lower))) term = raw;
  else if (word === 'not') term = 'not';
  else if (STOP_WORDS.has(lower) || STOP_WORDS.has(word) || word.length === 0) term = null;
  else if (word.length === 1 && !/\d/.test(word)) term = null;
  else if (/\d/.test(word)) term = word;
  else term = stemmer(irregularBase(word) ?? word);
  const entry = { word, term };
  remember(raw, entry);
  return entry;
}

/**
 * The base form of an irregular verb or noun ("led" → "lead", "bought" → "buy", "children" →
 * "child"), from WordNet's exception lists by way of wink-lemmatizer; `undefined` for regular
 * words, which the stemmer already brings together.
 */
function irregularBase(word: string): string | undefined {
  const stem = stemmer(word);
  for (const lemma of [lemmatizer.lemmatizeVerb(word), lemmatizer.lemmatizeNoun(word)]) {
    if (lemma !== word && stemmer(lemma) !== stem) return lemma;
  }
  return undefined;
}

/** Tokens of `text` with their terms and offsets. */
export function analyze(text: string): AnalyzedToken[] {
  return tokenize(text).map((t) => {
    const { word, term } = info(t.raw);
    return { raw: t.raw, start: t.start, end: t.end, word, term };
  });
}

/** The terms of `text`, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = info(t.raw).term;
    if (term !== null) out.push(term);
  }
  return out;
}
