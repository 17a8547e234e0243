/**
 * Extractive summary: each article's key sentences, verbatim and cited. It leads with what the
 * article reports (who did what) and its main claim, then the sentences most central to it: those
 * sharing many of the article's recurring terms, preferring sentences that stand alone.
 */
import { makeCitation } from './excerpts.js';
import type { ArgumentMap } from '../argument/roles.js';
import type { Library } from '../search/library.js';
import { terms } from '../text/analyzer.js';
import { standsAlone } from '../text/standalone.js';
import type { Citation } from '../types.js';

/** Reported news leading the summary, at most, per article. */
const MAX_NEWS = 2;

/** Key sentences per article, in article order; about one for every two paragraphs (2 to 5). */
export function summarize(library: Library, argument: ArgumentMap): Citation[] {
  const out: Citation[] = [];
  library.articles.forEach((article, a) => {
    const counts = new Map<string, number>();
    const firstId = library.sentences.findIndex((s) => s.articleIndex === a);
    let id = firstId;
    const sentences = article.paragraphs.flatMap((p) =>
      p.sentences.map((span, s) => {
        const text = p.text.slice(span.start, span.end);
        const ts = new Set(terms(text));
        for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
        return { p, s, span, text, ts, reading: argument.reading(id++) };
      }),
    );
    const scored = sentences.map((x) => {
      let centrality = 0;
      for (const t of x.ts) centrality += Math.log(counts.get(t) ?? 1);
      let score = centrality / Math.sqrt(Math.max(x.ts.size, 4));
      if (x.s === 0) score *= 1.15;
      if (!standsAlone(x.text)) score *= 0.5;
      return { ...x, score };
    });
    const want = Math.min(5, Math.max(2, Math.ceil(article.paragraphs.length / 2)));
    const chosen: typeof scored = [];
    const usedParagraphs = new Set<number>();
    const take = (x: (typeof scored)[number]) => {
      usedParagraphs.add(x.p.number);
      chosen.push(x);
    };
    // The news: reported events with the names of who did them, from the first paragraphs, best first.
    // Each tells of other names than the news before it: two events, not one told twice.
    const named = new Set<string>();
    const news = scored
      .filter((x) => x.reading.report >= 1 && x.p.number <= Math.max(2, Math.ceil(article.paragraphs.length / 3)))
      .sort((l, r) => r.score - l.score)
      .filter((x) => {
        const names = namesOf(x.text);
        if (names.filter((n) => named.has(n)).length * 2 >= names.length) return false;
        for (const n of names) named.add(n);
        return true;
      })
      .slice(0, Math.min(MAX_NEWS, want - 1))
      .sort((l, r) => l.p.number - r.p.number || l.s - r.s);
    for (const x of news) take(x);
    // The thesis: the article's strongest claim, when it reads as one.
    const thesis = scored.filter((x) => !chosen.includes(x) && x.reading.thesis > 1).sort((l, r) => r.reading.thesis - l.reading.thesis)[0];
    if (thesis && chosen.length < want) take(thesis);
    const lead = chosen.length;
    for (const x of [...scored].sort((l, r) => r.score - l.score)) {
      if (chosen.length >= want) break;
      if (usedParagraphs.has(x.p.number)) continue;
      take(x);
    }
    // The news and the thesis lead; the rest follow in article order.
    const rest = chosen.slice(lead).sort((l, r) => l.p.number - r.p.number);
    for (const x of [...chosen.slice(0, lead), ...rest]) out.push(makeCitation(library, a, x.p.number, x.span.start, x.span.end, new Set()));
  });
  return out;
}

/** The names in `text` that are not places or peoples: capitalized words after its first, and acronyms. */
function namesOf(text: string): string[] {
  const words = text.match(/[\p{L}\d][\p{L}\d-]*/gu) ?? [];
  return [...new Set(words.filter((w, i) => i > 0 && /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase()))];
}
