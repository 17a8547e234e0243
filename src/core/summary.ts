/**
 * Extractive summary: each article's key sentences, verbatim and cited. A sentence is key when
 * it shares many of the article's recurring terms (centrality), with a lead bonus for the opening
 * and a preference for sentences that stand alone.
 */
import { makeCitation } from './answerer.js';
import type { Library } from './library.js';
import { terms } from './text/analyzer.js';
import { standsAlone } from './text/standalone.js';
import type { Citation } from './types.js';

/** Key sentences per article, in article order; about one for every two paragraphs (2 to 5). */
export function summarize(library: Library): Citation[] {
  const out: Citation[] = [];
  library.articles.forEach((article, a) => {
    const counts = new Map<string, number>();
    const sentences = article.paragraphs.flatMap((p) =>
      p.sentences.map((span, s) => {
        const text = p.text.slice(span.start, span.end);
        const ts = new Set(terms(text));
        for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
        return { p, s, span, text, ts };
      }),
    );
    const scored = sentences.map((x) => {
      let centrality = 0;
      for (const t of x.ts) centrality += Math.log((counts.get(t) ?? 1)) ;
      let score = centrality / Math.sqrt(Math.max(x.ts.size, 4));
      if (x.p.number === 1 && x.s === 0) score *= 1.5;
      else if (x.s === 0) score *= 1.15;
      if (!standsAlone(x.text)) score *= 0.5;
      return { ...x, score };
    });
    const want = Math.min(5, Math.max(2, Math.ceil(article.paragraphs.length / 2)));
    const chosen: typeof scored = [];
    const usedParagraphs = new Set<number>();
    for (const x of [...scored].sort((l, r) => r.score - l.score)) {
      if (chosen.length >= want) break;
      if (usedParagraphs.has(x.p.number)) continue;
      usedParagraphs.add(x.p.number);
      chosen.push(x);
    }
    chosen.sort((l, r) => l.p.number - r.p.number);
    for (const x of chosen) out.push(makeCitation(library, a, x.p.number, x.span.start, x.span.end, new Set()));
  });
  return out;
}
