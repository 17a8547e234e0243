/**
 * The analysis shared by the index and the queries: normalization, stop words (negations kept),
 * Porter stemming. A term is what the index stores and what a query looks up.
 */
import { stemmer } from 'stemmer';
import { foldCharacters } from './normalize.js';
import { STOP_WORDS } from './stopwords.js';
import { tokenize, type Token } from './tokenize.js';

/** A token with its analyzed term (`null` when it is a stop word or too short to mean anything). */
export interface AnalyzedToken extends Token {
  term: string | null;
  /** The folded, lower-cased word before stemming. */
  word: string;
}

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 200_000;

/** Lower-cased, folded form of one raw token, possessives removed and n't read as `not`. */
export function normalizeWord(raw: string): string {
  const w = foldCharacters(raw).toLowerCase();
  if (w.endsWith("n't")) return 'not';
  return w.replace(/'s$/, '').replace(/'/g, '');
}

/** The term of one raw token, or `null` for stop words and lone letters. Cached: tokens repeat. */
export function termOf(raw: string): string | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const lower = foldCharacters(raw).toLowerCase();
  const word = normalizeWord(raw);
  let term: string | null;
  if (word === 'not') term = 'not';
  else if (STOP_WORDS.has(lower) || STOP_WORDS.has(word) || word.length === 0) term = null;
  else if (word.length === 1 && !/\d/.test(word)) term = null;
  else if (/\d/.test(word)) term = word;
  else term = stemmer(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, term);
  return term;
}

/** Tokens of `text` with their terms and offsets. */
export function analyze(text: string): AnalyzedToken[] {
  return tokenize(text).map((t) => ({ ...t, word: normalizeWord(t.raw), term: termOf(t.raw) }));
}

/** The terms of `text`, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.raw);
    if (term !== null) out.push(term);
  }
  return out;
}
