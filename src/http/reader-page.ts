/**
 * The reader page: a whole article with its paragraph numbers, the cited paragraph anchored as
 * `#pN` and the excerpt marked. A complete HTML document with nothing but inline CSS, allowed by
 * its hash in the Content-Security-Policy; no script, no image, no request of its own.
 * Everything from the article is escaped, so HTML-like article text shows as text.
 */
import { createHash } from 'node:crypto';
import type { ArticleInfo } from '../core/types.js';
import { escapeHtml as h } from './html.js';

/** An article as the page shows it (a core `Article` fits). */
export interface ReaderArticle {
  info: ArticleInfo;
  paragraphs: readonly { number: number; text: string; section?: string }[];
}

/**
 * The cited paragraph (1-based) and the excerpt `[start, end)` to mark in it; without a range the
 * paragraph is anchored with a note that the article changed since the link was made.
 */
export interface ReaderMark {
  paragraph: number;
  start?: number;
  end?: number;
}

const STYLE = `
:root{color-scheme:light dark;--ink:#1d232b;--muted:#5b6672;--line:#d8dde3;--bg:#fdfdfc;--cited:#fff8dc;--mark:#ffe066;--accent:#b7791f}
@media (prefers-color-scheme:dark){:root{--ink:#e6e8eb;--muted:#9aa4af;--line:#3a424b;--bg:#15191e;--cited:#2a2716;--mark:#7a6210;--accent:#e0b050}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:17px/1.6 Georgia,"Iowan Old Style","Times New Roman",serif;color:var(--ink);background:var(--bg)}
main{max-width:40rem;margin:0 auto;padding:1rem 1.1rem 3rem}
header{border-bottom:1px solid var(--line);margin-bottom:1.2rem;padding-bottom:.6rem}
h1{font-size:1.5rem;line-height:1.25;margin:.4rem 0}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem}
.meta,.note{font:.9rem/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted);margin:.2rem 0}
a{color:inherit}
p{margin:0 0 1rem;padding:.1rem 0;white-space:pre-line;overflow-wrap:anywhere;scroll-margin-top:1rem}
.n{display:inline-block;min-width:2.4em;margin-right:.3em;font:600 .8rem/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted);text-decoration:none}
p.cited{background:var(--cited);border-left:4px solid var(--accent);margin-left:-.8rem;padding:.4rem .6rem .4rem calc(.8rem - 4px);border-radius:0 6px 6px 0}
p.cited .n{color:var(--accent)}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px}
footer{margin-top:2rem;border-top:1px solid var(--line);padding-top:.6rem}
`;

/** The CSP source that allows exactly the page's one `<style>` element and nothing else. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy sent with the reader page and its refusal page. */
export const READER_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function document(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow">` +
    `<title>${h(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

/** The article, every paragraph numbered (`<p id="pN">`), the cited one classed and its excerpt in `<mark>`. */
export function readerPage(article: ReaderArticle, mark: ReaderMark): string {
  const info = article.info;
  const meta = [info.source, info.author, info.published].filter((v): v is string => Boolean(v)).map(h);
  const original = info.url && /^https?:\/\//i.test(info.url) ? `<a href="${h(info.url)}" rel="noopener noreferrer">Original article</a>` : undefined;
  if (original) meta.push(original);

  let body = `<header><p class="meta">Pilcrow · cited ¶${mark.paragraph}</p><h1>${h(info.title)}</h1>`;
  if (meta.length > 0) body += `<p class="meta">${meta.join(' · ')}</p>`;
  body += `</header><article>`;
  let section: string | undefined;
  for (const p of article.paragraphs) {
    if (p.section && p.section !== section) body += `<h2>${h(p.section)}</h2>`;
    section = p.section;
    const cited = p.number === mark.paragraph;
    const changed = cited && (mark.start === undefined || mark.end === undefined);
    const text = cited && !changed ? marked(p.text, mark.start!, mark.end!) : h(p.text);
    body += `<p id="p${p.number}"${cited ? ' class="cited"' : ''}><a class="n" href="#p${p.number}" aria-label="Paragraph ${p.number}">¶${p.number}</a>${text}</p>`;
    // Below the paragraph: the link scrolls the paragraph to the top, so a note above it would be out of sight.
    if (changed) body += `<p class="note" id="changed">This article has changed since the link was made, so the quoted passage is not marked.</p>`;
  }
  body += `</article>`;
  if (info.credit) body += `<footer><p class="note">${h(info.credit)}</p></footer>`;
  return document(`${info.title} — ¶${mark.paragraph}`, body);
}

/** `text` escaped, with `[start, end)` (clamped to the text) in `<mark>`; unmarked when the range is empty. */
function marked(text: string, start: number, end: number): string {
  const from = Math.min(start, text.length);
  const to = Math.min(end, text.length);
  if (to <= from) return h(text);
  return `${h(text.slice(0, from))}<mark>${h(text.slice(from, to))}</mark>${h(text.slice(to))}`;
}

/** What a refused link gets: a short page that names nothing of the article. */
export function refusedPage(expired: boolean): string {
  const why = expired ? 'This reader link has expired.' : 'This reader link is not valid.';
  return document(
    'Pilcrow — link not valid',
    `<h1>${why}</h1><p class="note">Reader links work only as Pilcrow sent them, and only for a limited time. Ask Pilcrow again for a fresh link.</p>`,
  );
}
