/**
 * A gate in front of Bolt's HTTP receiver. Bolt trusts that a signed body is a JSON object: a
 * signed `null` (or `42`, `[]`) makes it throw inside a detached promise, which takes the whole
 * process down. Bolt also accepts request timestamps from any time in the future. This gate
 * reads the body once (Bolt reuses the buffered copy), and answers such requests itself.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';

/** Slack's replay window: a request timestamp further than this from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface HttpGuardOptions {
  logger: Logger;
  /** Largest body read, in bytes (Bolt's default, 4 MB). */
  bodyLimit?: number;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

/** Why a request was refused before Bolt saw it; `undefined` when it may go on. */
export function refusal(req: IncomingMessage, rawBody: Buffer, nowMs: number): { status: number; reason: string } | undefined {
  const header = req.headers['x-slack-request-timestamp'];
  if (typeof header === 'string') {
    const timestamp = Number(header);
    if (!Number.isFinite(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
      return { status: 401, reason: 'request timestamp more than 5 minutes from now' };
    }
  }
  const text = rawBody.toString('utf8');
  let body: unknown;
  try {
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      body = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      body = JSON.parse(text);
    }
  } catch {
    return { status: 400, reason: 'body is not valid JSON or form data' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, reason: 'body is not a JSON object' };
  }
  return undefined;
}

/** Wraps Bolt's request listener; never throws, never leaves a promise unhandled. */
export function guardRequests(next: RequestListener, options: HttpGuardOptions): RequestListener {
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  const log = options.logger;
  return (req: IncomingMessage, res: ServerResponse) => {
    // Only POSTs carry Slack payloads; anything else is Bolt's to route (or 404).
    if (req.method !== 'POST') {
      next(req, res);
      return;
    }
    void (async () => {
      let rawBody: Buffer;
      try {
        rawBody = (await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)).rawBody;
      } catch (error) {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        log.warn({ path: req.url, status: tooLarge ? 413 : 400 }, 'slack: unreadable request body refused');
        end(res, tooLarge ? 413 : 400);
        return;
      }
      const refused = refusal(req, rawBody, now());
      if (refused) {
        log.warn({ path: req.url, status: refused.status, reason: refused.reason }, 'slack: request refused before dispatch');
        end(res, refused.status);
        return;
      }
      next(req, res);
    })().catch((error: unknown) => {
      log.error({ err: error, path: req.url }, 'slack: request failed before dispatch');
      end(res, 500);
    });
  };
}

function end(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
