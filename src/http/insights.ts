/**
 * `GET /insights` (the page), `GET /insights.json` (the same data) and the login form, for the
 * people who run the bot. Mounted on the health/metrics HTTP server.
 *
 * Access: `Authorization: Bearer <INSIGHTS_TOKEN>` (scripts), or the session cookie the login
 * form sets (HttpOnly, SameSite=Strict, and Secure when the page is served over HTTPS). Anything
 * else gets 401 and the form, never data. Wrong tokens are throttled per client (429 with
 * Retry-After), and a login or logout posted from another site is refused (Origin check).
 * Without a token configured there is no page: the handler is not created.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
  /** `tenants`, when given, fills the page's tenant picker (`?tenant=`); without it, every tenant's figures together. */
  log: Pick<QuestionLog, 'insights'> & Partial<Pick<QuestionLog, 'tenants'>>;
  /** The library's articles with their paragraphs (for the shaded article). */
  articles: readonly PageArticle[];
  /** Longest period offered (RETAIN_DAYS: older rows are gone anyway). */
  retainDays: number;
  /** Sorts refusals into content gaps and the rest, against the library as it is now. */
  judge?: () => GapJudge;
  /** INSIGHTS_URL: where people open the page. An https address makes the session cookie Secure. */
  publicUrl?: string;
  /**
   * TRUST_PROXY: the server sits behind a reverse proxy, so `X-Forwarded-Proto` says whether the
   * page was served over HTTPS and the last `X-Forwarded-For` entry is the client. Off: both are
   * ignored (anyone can send them).
   */
  trustProxy?: boolean;
  /** Wrong tokens allowed per client per `failureWindowSeconds` before 429. Default 10 per 600 s. */
  maxFailures?: number;
  failureWindowSeconds?: number;
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

  const trustProxy = options.trustProxy === true;
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  // Failed guesses per client; a correct token does not count. In memory: a guesser spread over
  // several instances gets each instance's allowance, still far too few for a 16+ character token.
  const failures = new RateLimiterMemory({ points: options.maxFailures ?? 10, duration: options.failureWindowSeconds ?? 600 });

  const client = (req: IncomingMessage): string => {
    const forwarded = trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')
          .pop()
          ?.trim()
      : undefined;
    return forwarded || req.socket.remoteAddress || 'unknown';
  };
  const overHttps = (req: IncomingMessage): boolean =>
    (req.socket as { encrypted?: boolean }).encrypted === true ||
    (trustProxy &&
      String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim() === 'https') ||
    publicOrigin?.startsWith('https:') === true;
  /**
   * Counts one attempt against `req`'s client before its token is checked (in one step, so
   * concurrent guesses cannot slip past the limit); resolves with the seconds it must wait when
   * it is over, else 0. A right token gives its point back.
   */
  const charge = async (req: IncomingMessage): Promise<number> => {
    try {
      await failures.consume(client(req));
      return 0;
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      return Math.max(1, Math.ceil(rejected.msBeforeNext / 1000));
    }
  };
  const tooMany = (res: ServerResponse, seconds: number, json: boolean): true => {
    res.setHeader('Retry-After', String(seconds));
    send(
      res,
      429,
      json ? 'application/json' : 'text/plain; charset=utf-8',
      json ? JSON.stringify({ error: 'too many wrong tokens; try again later' }) : `Too many wrong tokens from here; try again in ${seconds} s.\n`,
    );
    return true;
  };
  /**
   * A form post from a page of another site (login CSRF, forced logout) is refused. Browsers say
   * where a request comes from in `Sec-Fetch-Site` (which pages cannot forge); older ones only in
   * `Origin`, which is `null` for our own form (the page sends no referrer). A request with
   * neither is not from a browser form (a script) and is let through.
   */
  const crossSite = (req: IncomingMessage): boolean => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) return site !== 'same-origin' && site !== 'none';
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const host = req.headers.host;
    const own = new Set([publicOrigin, host ? `http://${host}` : undefined, host ? `https://${host}` : undefined].filter(Boolean));
    return !own.has(origin);
  };

  const authorized = (req: IncomingMessage): boolean | 'wrong' => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return timingSafeEqual(digest(auth.slice(7).trim()), tokenDigest) || 'wrong';
    const cookie = readCookie(req.headers.cookie, COOKIE);
    return cookie !== undefined && timingSafeEqual(digest(cookie), digest(session));
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/insights' && path !== '/insights.json' && path !== '/insights/login' && path !== '/insights/logout') return false;

    if ((path === '/insights/login' || path === '/insights/logout') && req.method === 'POST' && crossSite(req)) {
      send(res, 403, 'text/plain; charset=utf-8', 'Refused: this form was posted from another site.\n');
      return true;
    }
    if (path === '/insights/login') {
      if (req.method !== 'POST') return redirect(res, '/insights');
      const form = new URLSearchParams(await readBody(req, 4096));
      const wait = await charge(req);
      if (wait > 0) return tooMany(res, wait, false);
      const given = form.get('token') ?? '';
      if (!timingSafeEqual(digest(given), tokenDigest)) {
        send(res, 401, 'text/html; charset=utf-8', loginPage(true));
        return true;
      }
      await failures.reward(client(req), 1);
      const secure = overHttps(req) ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_SECONDS}${secure}`);
      return redirect(res, '/insights');
    }
    if (path === '/insights/logout') {
      const secure = overHttps(req) ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}`);
      return redirect(res, '/insights');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n');
      return true;
    }

    const json = path === '/insights.json';
    const access = authorized(req);
    if (access === 'wrong') {
      const wait = await charge(req);
      if (wait > 0) return tooMany(res, wait, json);
    }
    if (access !== true) {
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
    // One tenant's figures (a workspace, a server), or every tenant's together (the default).
    const asked = url.searchParams.get('tenant')?.slice(0, 200) || undefined;
    let data: Insights;
    let tenants: string[] = [];
    try {
      tenants = (await options.log.tenants?.(from)) ?? [];
      const tenant = asked === undefined ? {} : { tenant: asked };
      data = await options.log.insights({ from, to, ...(article ? { articleId: article.info.id } : {}), ...tenant }, options.judge?.());
    } catch (error) {
      options.onError?.(error);
      send(
        res,
        503,
        json ? 'application/json' : 'text/plain; charset=utf-8',
        json ? JSON.stringify({ error: 'the question log is unavailable' }) : 'The question log is unavailable; try again shortly.\n',
      );
      return true;
    }
    if (json) {
      send(res, 200, 'application/json', JSON.stringify({ article: article?.info ?? null, tenant: asked ?? null, tenants, periodDays: days, ...data }));
    } else {
      const infos: ArticleInfo[] = options.articles.map((a) => a.info);
      send(res, 200, 'text/html; charset=utf-8', insightsPage(data, article, infos, days, { tenants, ...(asked === undefined ? {} : { chosen: asked }) }));
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
