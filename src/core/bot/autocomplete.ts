/** Autocomplete: questions to ask (key sentences matching what is typed) and paragraphs to quote. */
import type { Library } from '../search/library.js';
import { terms } from '../text/analyzer.js';
import { clip } from '../text/clip.js';
import type { Citation, Suggestion } from '../types.js';

/** Longest suggestion (Discord's limit for a choice's name). */
const SUGGESTION_MAX = 100;
/** Most characters of typed text autocomplete reads. */
export const AUTOCOMPLETE_INPUT_MAX = 200;

/** Autocomplete for questions: key sentences of the article matching `typed` (names ≤ 100 chars). */
export function suggestQuestions(library: Library, keySentences: () => readonly Citation[], typed: string, limit = 25): Suggestion[] {
  const wanted = terms(typed);
  const pool: string[] = [];
  if (typed.trim() !== '') pool.push(typed.trim());
  if (wanted.length === 0) {
    pool.push(...keySentences().map((c) => c.excerpt));
  } else {
    const hits = library.search(wanted.map((t) => library.typed(t)));
    for (const h of hits) {
      const ref = library.sentences[h.id]!;
      const p = library.paragraphOf(ref);
      const span = p.sentences[ref.sentence]!;
      pool.push(p.text.slice(span.start, span.end));
    }
  }
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const text of pool) {
    const name = clip(text.replace(/\s+/g, ' '), SUGGESTION_MAX);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, value: name });
    if (out.length >= limit) break;
  }
  return out;
}

/** Autocomplete for paragraphs: "¶3 — opening words…" with value "3", filtered by number or words. */
export function paragraphChoices(library: Library, typed: string, limit = 25): Suggestion[] {
  const t = typed.trim().replace(/^¶/, '');
  const wanted = terms(t);
  // Words typed: the paragraphs the index finds for them, in article order; else by number.
  let found: Set<string> | undefined;
  if (wanted.length > 0) {
    const refs = library.search(wanted.map((w) => library.typed(w))).map((h) => library.sentences[h.id]!);
    found = new Set(refs.map((r) => `${r.articleIndex}:${r.paragraphIndex}`));
  }
  const out: Suggestion[] = [];
  library.articles.forEach((a, ai) => {
    for (const p of a.paragraphs) {
      if (out.length >= limit) return;
      const matches = t === '' || String(p.number).startsWith(t) || found?.has(`${ai}:${p.number - 1}`) === true;
      if (!matches) continue;
      const label = library.articles.length > 1 ? `${a.info.id} ¶${p.number}` : `¶${p.number}`;
      out.push({ name: clip(`${label} — ${p.text}`, SUGGESTION_MAX), value: String(p.number) });
    }
  });
  return out;
}
