/** Forms of a word the index would miss: a typed transposition, a form the stemmer keeps apart, the years of a decade. */

/** A sorted vocabulary to search by prefix. */
export interface Vocabulary {
  terms(): readonly string[];
  /** The index of the first term at or after `key`. */
  firstAtOrAfter(key: string): number;
}

/**
 * The library's terms that `term` would be with two neighbouring letters swapped back, the
 * commonest slip in typing ("Geegen" for Gegeen, "recieve", "Safair" for Safari): an edit
 * distance of 2 that the typo search (1 for short words) misses. Empty when the library has
 * `term` itself.
 */
export function transpositionsOf(library: { has(term: string): boolean }, term: string): string[] {
  if (term.length < 4 || library.has(term) || !/^\p{L}+$/u.test(term)) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
    if (library.has(swapped) && !out.includes(swapped)) out.push(swapped);
  }
  return out;
}

/**
 * Other forms of a word the stemmer keeps apart: library terms sharing all but the last letter
 * or so with `term` ("economi" for economy → "econom" for economic; "democraci" → "democrat").
 * Longer words are left to prefix search, at its lower weight: "elect" is not "electrolys".
 */
export function relatedFormsOf(vocabulary: Vocabulary, term: string): string[] {
  if (term.length < 6 || !/^\p{L}+$/u.test(term)) return [];
  const vocab = vocabulary.terms();
  const stem = term.slice(0, Math.max(5, term.length - 2));
  const out: string[] = [];
  for (let i = vocabulary.firstAtOrAfter(stem); i < vocab.length && vocab[i]!.startsWith(stem); i++) {
    const v = vocab[i]!;
    if (v === term || v.startsWith(term)) continue;
    let common = 0;
    while (common < v.length && v[common] === term[common]) common++;
    if (common >= Math.max(5, Math.min(v.length, term.length) - 1)) out.push(v);
  }
  return out;
}

/**
 * The years of the library in a decade asked as "1880s" or "1880's": a question about the
 * 1880s is answered by "in 1884". Empty for any other term.
 */
export function decadeYearsOf(vocabulary: Vocabulary, term: string): string[] {
  const m = /^(\d{3})0s$/.exec(term);
  if (!m) return [];
  const vocab = vocabulary.terms();
  const out: string[] = [];
  for (let i = vocabulary.firstAtOrAfter(m[1]!); i < vocab.length && vocab[i]!.startsWith(m[1]!); i++) {
    if (/^\d{4}$/.test(vocab[i]!)) out.push(vocab[i]!);
  }
  return out;
}

/** Whether some term of `vocabulary` starts with `prefix` (binary search). */
export function hasPrefixIn(vocabulary: Vocabulary, prefix: string): boolean {
  const vocab = vocabulary.terms();
  const at = vocabulary.firstAtOrAfter(prefix);
  return at < vocab.length && vocab[at]!.startsWith(prefix);
}
