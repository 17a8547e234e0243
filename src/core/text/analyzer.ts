/**
 * The analysis shared by the index and the queries: normalization, stop words (negations kept),
 * Porter stemming. A term is what the index stores and what a query looks up.
 */
import { LRUCache } from 'lru-cache';
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
/**
 * Bounded in bytes as well as entries: long unique "words" (a pasted blob, hostile input) would
 * otherwise fill 200,000 entries with kilobytes each. Least recently used entries go first.
 */
const cache = new LRUCache<string, WordInfo>({
  max: CACHE_LIMIT,
  maxSize: 16 * 1024 * 1024,
  // UTF-16 code units of the key and the strings kept, plus the entry's own overhead.
  sizeCalculation: (value, key) => 2 * (key.length + value.word.length + (value.term?.length ?? 0)) + 96,
});

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
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const entry = { word, term };
  cache.set(raw, entry);
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
