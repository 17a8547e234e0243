/**
 * `GET /read/<token>`: the reader page of a signed link (see `reader-link.ts`), mounted on the
 * HTTP route table beside `/healthz` and `/metrics`. A link that was changed, has expired, or
 * names an article or paragraph no longer in the library gets a 403 page that shows nothing of
 * any article.
 */
import type { ServerResponse } from 'node:http';
import { excerptDigest, READER_PATH, type RefusedReason, type ReaderSigner } from './reader-link.js';
import { READER_CSP, readerPage, refusedPage, type ReaderArticle } from './reader-page.js';
import type { RouteTable } from './routes.js';

/** What the reader routes need. */
export interface ReaderRouteOptions {
  signer: ReaderSigner;
  /** The library's articles now (read per request, so articles added at run time can be read). */
  articles: () => readonly ReaderArticle[];
  /** Told why a link was refused (for a log line); the visitor only sees that it was. */
  onRefused?: (reason: RefusedReason | 'unknown') => void;
}

/** Adds `GET /read/*` (and so `HEAD`) to `routes`. */
export function addReaderRoutes(routes: RouteTable, options: ReaderRouteOptions): void {
  routes.add('GET', `${READER_PATH}/*`, (_req, res, url) => {
    const token = url.pathname.slice(READER_PATH.length + 1);
    const verified = options.signer.verify(token);
    if (!verified.ok) return refuse(res, verified.reason, options);
    const { target } = verified;
    const article = options.articles().find((a) => a.info.id === target.articleId);
    const paragraph = article?.paragraphs.find((p) => p.number === target.paragraph);
    if (!article || !paragraph) return refuse(res, 'unknown', options);
    // An article edited since the link was made may hold other words at that range: mark nothing then.
    const unchanged = excerptDigest(paragraph.text.slice(target.start, target.end)) === target.digest;
    send(res, 200, readerPage(article, unchanged ? target : { paragraph: target.paragraph }));
  });
}

function refuse(res: ServerResponse, reason: RefusedReason | 'unknown', options: ReaderRouteOptions): void {
  options.onRefused?.(reason);
  send(res, 403, refusedPage(reason === 'expired'));
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': READER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'private, no-store',
    'X-Robots-Tag': 'noindex, nofollow',
  });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
