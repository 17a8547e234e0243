/**
 * `GET /insights` (the page), `GET /insights.json` (the same data) and the login form, for the
 * people who run the bot. Mounted on the health/metrics HTTP server.
 *
 * Access: `Authorization: Bearer <INSIGHTS_TOKEN>` (scripts), or the session cookie the login
 * form sets (HttpOnly, SameSite=Strict). Anything else gets 401 and the form, never data.
 * Without a token configured there is no page: the handler is not created.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArticleInfo } from '../core/types.js';
import type { GapJudge } from '../store/gap-kinds.js';
import { DEFAULT_INSIGHTS_DAYS, type Insights, type QuestionLog } from '../store/question-log.js';
import { insightsPage, loginPage, PERIODS, type PageArticle } from './insights-page.js';

/** Handles a request when it is one of its routes; resolves true when it did. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Options of the insights routes. */
export interface InsightsOptions {
  /** INSIGHTS_TOKEN (at least 16 characters). */
  token: string;
  log: Pick<QuestionLog, 'insights'>;
  /** The library's articles with their paragraphs (for the shaded article). */
  articles: readonly PageArticle[];
  /** Longest period offered (RETAIN_DAYS: older rows are gone anyway). */
  retainDays: number;
  /** Sorts refusals into content gaps and the rest, against the library as it is now. */
  judge?: () => GapJudge;
  /** For tests. */
  now?: () => Date;
  /** Called with a failure to read the log (the page then says it is unavailable). */
  onError?: (error: unknown) => void;
}

/** The routes the handler answers, for mounting on a route table. */
export const INSIGHTS_ROUTES = [
  ['GET', '/insights'],
  ['GET', '/insights.json'],
  ['POST', '/insights/login'],
  ['POST', '/insights/logout'],
] as const;

const COOKIE = 'pilcrow_insights';
const SESSION_SECONDS = 12 * 60 * 60;
const DAY_MS = 86_400_000;
/** Nothing is loaded from anywhere: inline style and SVG only; forms post back here. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Creates the insights routes. */
export function createInsightsHandler(options: InsightsOptions): RequestHandler {
  if (options.token.length < 16) throw new Error('insights: INSIGHTS_TOKEN must be at least 16 characters.');
  const now = options.now ?? (() => new Date());
  // The session is an HMAC of the token: it proves the token was given, holds no state (so it
  // works across instances), and becomes invalid when the token changes.
  const session = createHmac('sha256', options.token).update('pilcrow-insights-session-v1').digest('base64url');
  const tokenDigest = digest(options.token);

  const authorized = (req: IncomingMessage): boolean => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return timingSafeEqual(digest(auth.slice(7).trim()), tokenDigest);
    const cookie = readCookie(req.headers.cookie, COOKIE);
    return cookie !== undefined && timingSafeEqual(digest(cookie), digest(session));
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/insights' && path !== '/insights.json' && path !== '/insights/login' && path !== '/insights/logout') return false;

    if (path === '/insights/login') {
      if (req.method !== 'POST') return redirect(res, '/insights');
      const form = new URLSearchParams(await readBody(req, 4096));
      const given = form.get('token') ?? '';
      if (!timingSafeEqual(digest(given), tokenDigest)) {
        send(res, 401, 'text/html; charset=utf-8', loginPage(true));
        return true;
      }
      const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_SECONDS}${secure}`);
      return redirect(res, '/insights');
    }
    if (path === '/insights/logout') {
      res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return redirect(res, '/insights');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n');
      return true;
    }

    const json = path === '/insights.json';
    if (!authorized(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="pilcrow-insights"');
      if (json) send(res, 401, 'application/json', JSON.stringify({ error: 'unauthorized: send Authorization: Bearer <INSIGHTS_TOKEN>' }));
      else send(res, 401, 'text/html; charset=utf-8', loginPage(false));
      return true;
    }

    // One article, or all of them (the default when there are several: the overview first).
    const article = options.articles.length === 1 ? options.articles[0] : options.articles.find((a) => a.info.id === url.searchParams.get('article'));
    const days = period(url.searchParams.get('days'), options.retainDays);
    const to = now();
    const from = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS);
    let data: Insights;
    try {
      data = await options.log.insights({ from, to, ...(article ? { articleId: article.info.id } : {}) }, options.judge?.());
    } catch (error) {
      options.onError?.(error);
      send(res, 503, json ? 'application/json' : 'text/plain; charset=utf-8', json ? JSON.stringify({ error: 'the question log is unavailable' }) : 'The question log is unavailable; try again shortly.\n');
      return true;
    }
    if (json) {
      send(res, 200, 'application/json', JSON.stringify({ article: article?.info ?? null, periodDays: days, ...data }));
    } else {
      const infos: ArticleInfo[] = options.articles.map((a) => a.info);
      send(res, 200, 'text/html; charset=utf-8', insightsPage(data, article, infos, days));
    }
    return true;
  };
}

/** The period asked for: one of the choices, at most the retention period. Default 7 days, as everywhere. */
function period(asked: string | null, retainDays: number): number {
  const n = Number(asked);
  const chosen = (PERIODS as readonly number[]).includes(n) ? n : DEFAULT_INSIGHTS_DAYS;
  return Math.max(1, Math.min(chosen, retainDays));
}

function digest(s: string): Buffer {
  return createHmac('sha256', 'pilcrow-compare').update(s).digest();
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
  return true;
}

/** Reads a small body; more than `limit` bytes is cut (a token is far shorter). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, limit)));
    req.on('error', reject);
  });
}
