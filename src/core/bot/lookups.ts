/** The look-ups that need no question: the key sentences, a paragraph quoted whole, a word search. */
import { makeCitation } from '../answer/excerpts.js';
import type { Library } from '../search/library.js';
import { terms } from '../text/analyzer.js';
import { clip } from '../text/clip.js';
import type { Citation, Reply } from '../types.js';
import { reply, type ReplyBase } from './reply.js';
import { clipRange } from './texts.js';

/** Most paragraphs a search lists: a chat reply is no place for thousands (they are counted). */
export const SEARCH_RESULTS_MAX = 25;
/** Articles summarized at most in one reply; more are counted, not shown. */
const SUMMARY_ARTICLES_MAX = 10;

/** One article's key sentences; with several and none chosen, the first key sentence of the first few. */
export function summaryReply(library: Library, keySentences: Citation[], articleIndex: number | undefined, base: ReplyBase): Reply {
  if (articleIndex !== undefined) {
    const id = library.articles[articleIndex]!.info.id;
    return reply('summary', { ...base, citations: keySentences.filter((c) => c.articleId === id) });
  }
  if (library.articles.length === 1) return reply('summary', { ...base, citations: keySentences });
  const seen = new Set<string>();
  const citations = keySentences.filter((c) => !seen.has(c.articleId) && seen.add(c.articleId) && seen.size <= SUMMARY_ARTICLES_MAX);
  const more = library.articles.length - citations.length;
  const message = `One key sentence from each of ${citations.length} articles${more > 0 ? ` (${more} more not shown)` : ''}. Say "use <id>" to pick an article, then "summary".`;
  return reply('summary', { ...base, citations, message });
}

/** `quote N`: paragraph `n` of the article, whole. */
export function quoteReply(library: Library, n: number, articleIndex: number, base: ReplyBase): Reply {
  const article = library.articles[articleIndex]!;
  const count = article.paragraphs.length;
  if (!Number.isInteger(n) || n < 1 || n > count) {
    return reply('invalid', { ...base, message: `There is no paragraph ${n}: the article has paragraphs 1 to ${count}.` });
  }
  const p = article.paragraphs[n - 1]!;
  return reply('quote', { ...base, citations: [makeCitation(library, articleIndex, n, 0, p.text.length, new Set())] });
}

/** `search <words>`: one result per matching paragraph, best first, with its opening words. */
export function searchReply(library: Library, query: string, articleIndex: number | undefined, base: ReplyBase): Reply {
  const wanted = terms(query);
  if (wanted.length === 0) return reply('invalid', { ...base, message: 'Search for what? Give a word or two, e.g. "search patents".' });
  const hits = library.search(
    wanted.map((t) => library.typed(t)),
    articleIndex,
  );
  const docTerms = new Set(hits.flatMap((h) => h.docTerms));
  const seen = new Set<string>();
  const citations: Citation[] = [];
  // One result per paragraph, best first: its best-matching sentence, with its opening words.
  // Only the first SEARCH_RESULTS_MAX are built; the others are counted.
  for (const h of hits) {
    const ref = library.sentences[h.id]!;
    const key = `${ref.articleIndex}:${ref.paragraphIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (citations.length >= SEARCH_RESULTS_MAX) continue;
    const p = library.paragraphOf(ref);
    // The excerpt unit that matched: the sentence, with the neighbour it leans on.
    const first = library.sentences[ref.unit.first]!.sentence;
    const last = library.sentences[ref.unit.last]!.sentence;
    const c = makeCitation(library, ref.articleIndex, p.number, p.sentences[first]!.start, p.sentences[last]!.end, docTerms);
    citations.push({ ...c, opening: p.text.slice(0, clipRange(p.text, p.sentences[0]!.end, 90)) });
  }
  if (citations.length === 0) return reply('not_covered', { ...base, message: `No paragraph mentions "${clip(query, 60)}".` });
  const total = seen.size;
  const message =
    total > citations.length
      ? `${total.toLocaleString('en-US')} paragraphs match; here are the best ${citations.length}. Add a word to narrow the search.`
      : `${total} paragraph${total === 1 ? '' : 's'} match.`;
  return reply('search', { ...base, citations, message });
}
