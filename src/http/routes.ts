/**
 * The route table behind Pilcrow's own HTTP surfaces (health, readiness, metrics, insights).
 * One table serves both the stand-alone server on `HEALTH_PORT` and, in Slack HTTP mode, the
 * Slack receiver's server (requests Bolt does not handle fall through to it), so a route added
 * here — before or after start — is reachable wherever Pilcrow listens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Handles one request. `url` is the parsed request URL (path and query). The handler writes the
 * whole response; a thrown error or rejected promise becomes a plain 500 (logged, never shown).
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** HTTP methods a route may answer. `GET` routes answer `HEAD` too. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One registered route. */
export interface Route {
  method: RouteMethod;
  /** An exact path (`/healthz`), or a prefix ending in `/*` (`/insights/*` matches `/insights/a/b`). */
  path: string;
  handler: RouteHandler;
}

/** Where a route's errors are reported (a pino logger fits). */
export interface RouteLogger {
  error(fields: object, message: string): void;
}

/** A set of routes and the request listener that dispatches to them. */
export class RouteTable {
  private readonly list: Route[] = [];

  constructor(private readonly logger?: RouteLogger) {}

  /**
   * Registers `handler` for `method` and `path`. Later registrations of the same method and path
   * are refused, so two features cannot silently shadow each other.
   * @throws Error naming the path when it is malformed or already taken.
   */
  add(method: RouteMethod, path: string, handler: RouteHandler): this {
    if (!path.startsWith('/') || /\s/.test(path) || (path.includes('*') && !path.endsWith('/*'))) {
      throw new Error(`RouteTable.add: path "${path}" must start with "/", hold no spaces, and use "*" only as a final "/*".`);
    }
    if (this.list.some((r) => r.method === method && r.path === path)) {
      throw new Error(`RouteTable.add: ${method} ${path} is already registered.`);
    }
    this.list.push({ method, path, handler });
    return this;
  }

  /** The registered routes, in registration order. */
  get routes(): readonly Route[] {
    return this.list;
  }

  /** Whether some route answers `pathname` (with any method). */
  has(pathname: string): boolean {
    return this.list.some((r) => matches(r.path, pathname));
  }

  /**
   * Answers one request: the matching route, `405` (with `Allow`) when the path exists for other
   * methods, else `404`. Never throws and never leaves the request unanswered.
   */
  async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://pilcrow.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const candidates = this.list.filter((r) => matches(r.path, url.pathname));
    // An exact path wins over a prefix, whatever the order of registration.
    candidates.sort((a, b) => Number(a.path.endsWith('/*')) - Number(b.path.endsWith('/*')));
    const route = candidates.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'));
    if (!route) {
      if (candidates.length > 0) {
        const allow = [...new Set(candidates.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method])))].join(', ');
        sendText(res, 405, 'Method not allowed\n', { allow });
      } else {
        sendText(res, 404, 'Not found\n');
      }
      return;
    }
    try {
      await route.handler(req, res, url);
    } catch (error) {
      this.logger?.error({ err: error, method, path: url.pathname }, 'http route failed');
      if (!res.headersSent) sendText(res, 500, 'Internal error\n');
      else res.end();
    }
  }
}

function matches(pattern: string, pathname: string): boolean {
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2);
    return pathname === base || pathname.startsWith(`${base}/`);
  }
  return pattern === pathname;
}

/** Writes a small plain-text response (`HEAD` gets the headers only). */
export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

/** Writes a JSON response (`HEAD` gets the headers only). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(res.req?.method === 'HEAD' ? undefined : `${JSON.stringify(value)}\n`);
}
